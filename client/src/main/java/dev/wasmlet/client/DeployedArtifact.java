package dev.wasmlet.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The OCI artifact a deploy's files were pulled from, sent with the deploy so the server can check
 * it against its supply-chain policy: the manifest and config exactly as the registry served them
 * (their digests are what signatures name), the locked-app layer of an artifact pushed by Spin 2 or
 * later, and the bundles filed with it.
 *
 * @param reference what was pulled, e.g. {@code registry.example/acme/app:1.0@sha256:...}
 * @param signatures signature bundles; one that passes the server's checks is enough
 * @param provenances provenance bundles; likewise
 */
public record DeployedArtifact(
    String reference,
    byte[] manifest,
    byte[] config,
    Optional<byte[]> lockedApp,
    List<byte[]> signatures,
    List<byte[]> provenances) {
  public DeployedArtifact {
    signatures = List.copyOf(signatures);
    provenances = List.copyOf(provenances);
  }

  ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode o = Json.object();
    o.put("reference", reference);
    o.put("manifest", b64.encodeToString(manifest));
    o.put("config", b64.encodeToString(config));
    lockedApp.ifPresent(l -> o.put("lockedApp", b64.encodeToString(l)));
    ArrayNode s = o.putArray("signatures");
    signatures.forEach(b -> s.add(b64.encodeToString(b)));
    ArrayNode p = o.putArray("provenances");
    provenances.forEach(b -> p.add(b64.encodeToString(b)));
    return o;
  }
}
