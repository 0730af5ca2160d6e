package dev.wasmlet.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Optional;

/**
 * The OCI artifact a deploy's files were pulled from, sent with the deploy so the server can check
 * it against its supply-chain policy: the manifest and config exactly as the registry served them
 * (their digests are what signatures name) and the bundles filed with it.
 *
 * @param reference what was pulled, e.g. {@code registry.example/acme/app:1.0@sha256:...}
 */
public record DeployedArtifact(
    String reference,
    byte[] manifest,
    byte[] config,
    Optional<byte[]> signature,
    Optional<byte[]> provenance) {

  ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode o = Json.object();
    o.put("reference", reference);
    o.put("manifest", b64.encodeToString(manifest));
    o.put("config", b64.encodeToString(config));
    signature.ifPresent(s -> o.put("signature", b64.encodeToString(s)));
    provenance.ifPresent(p -> o.put("provenance", b64.encodeToString(p)));
    return o;
  }
}
