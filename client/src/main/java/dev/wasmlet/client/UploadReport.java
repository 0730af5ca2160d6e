package dev.wasmlet.client;

import java.util.List;

/**
 * What an upload did.
 *
 * @param sent the paths whose bytes were sent
 * @param present the paths the server had already (same digest), not sent again
 * @param bytesSent the bytes sent in all
 */
public record UploadReport(List<String> sent, List<String> present, long bytesSent) {
  public UploadReport {
    sent = List.copyOf(sent);
    present = List.copyOf(present);
  }
}
