package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the artifact must prove before it runs: the keys of signing's {@code Policy}, less {@code
 * allowUnsignedLocal} (there are no local files on Kubernetes).
 *
 * @param trustedKeys public keys that may sign the artifact (at least one)
 * @param requireProvenance whether SLSA provenance is required (the API server defaults it to
 *     false)
 * @param allowedBuilders builder ids provenance may name (globs)
 * @param allowedSources source repositories provenance may name (globs)
 * @param allowedRegistries registries the source may come from (globs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustPolicy(
    List<TrustedKeySource> trustedKeys,
    Boolean requireProvenance,
    List<String> allowedBuilders,
    List<String> allowedSources,
    List<String> allowedRegistries) {}
