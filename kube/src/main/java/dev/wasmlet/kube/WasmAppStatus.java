package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the operator observed (written only through the status subresource).
 *
 * @param observedGeneration the spec generation this status describes
 * @param conditions {@code Ready}, {@code Progressing}, {@code Verified} and {@code Degraded}
 * @param resolvedDigest the digest the source resolved to, {@code sha256:...}
 * @param revision the locked revision being served
 * @param replicas executors serving the app (the scale subresource's status replicas)
 * @param readyReplicas those of them ready
 * @param selector the label selector of its executors (the scale subresource's selector)
 * @param url where the app answers
 * @param executors the executors the app is placed on, by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WasmAppStatus(
    Long observedGeneration,
    List<Condition> conditions,
    String resolvedDigest,
    String revision,
    Integer replicas,
    Integer readyReplicas,
    String selector,
    String url,
    List<String> executors) {}
