package dev.wasmlet.trust;

import java.util.List;

/**
 * What a push did.
 *
 * @param reference the pushed artifact, pinned by its manifest digest
 * @param sent layer paths (and {@code config}) uploaded
 * @param present layer paths (and {@code config}) the registry already had, so not sent
 * @param bytesSent the bytes of the blobs sent
 */
public record PushReport(
    Reference reference, String digest, List<String> sent, List<String> present, long bytesSent) {
  public PushReport {
    sent = List.copyOf(sent);
    present = List.copyOf(present);
  }
}
