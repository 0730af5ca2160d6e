package dev.wasmlet.kube;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A trusted public key; the CRD admits exactly one of the two.
 *
 * @param pem the key itself, SPKI PEM
 * @param configMapKeyRef a ConfigMap key holding it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrustedKeySource(String pem, KeyRef configMapKeyRef) {}
