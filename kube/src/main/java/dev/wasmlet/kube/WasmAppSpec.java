package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the user asks for.
 *
 * @param source the OCI artifact, {@code REGISTRY/REPOSITORY:TAG} or {@code @sha256:DIGEST}
 * @param replicas how many executors serve it (the API server defaults it to 1)
 * @param routes paths and the components that serve them; empty serves the manifest's routes
 * @param hosts DNS names the app answers for
 * @param variables literal values or keys of ConfigMaps and Secrets
 * @param limits per-request limits, in wasmlet.toml's units
 * @param strategy how a new revision replaces the serving one
 * @param policy what the artifact must prove before it runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WasmAppSpec(
    String source,
    Integer replicas,
    List<Route> routes,
    List<String> hosts,
    List<Variable> variables,
    Limits limits,
    Strategy strategy,
    TrustPolicy policy) {}
