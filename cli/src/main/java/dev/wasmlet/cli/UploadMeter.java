package dev.wasmlet.cli;

import dev.wasmlet.client.UploadProgress;
import java.io.PrintWriter;

/**
 * Upload progress as plain lines (they read well in a terminal and in CI logs alike): one per file
 * sent, and for large files one at each quarter.
 */
final class UploadMeter implements UploadProgress {
  private static final long LARGE = 4L * 1024 * 1024;

  private final PrintWriter err;
  private String file = "";
  private int quarter;

  UploadMeter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void update(String path, long fileSent, long fileSize, long sent, long total) {
    if (!path.equals(file)) {
      file = path;
      quarter = 0;
    }
    if (fileSent == fileSize) {
      if (quarter < 4) {
        err.printf(
            "  sent %s (%s)  %d%% of %s%n",
            path, Bytes.of(fileSize), total == 0 ? 100 : sent * 100 / total, Bytes.of(total));
        err.flush();
      }
      quarter = 4;
    } else if (fileSize >= LARGE && fileSent * 4 / fileSize > quarter) {
      quarter = (int) (fileSent * 4 / fileSize);
      err.printf("  sending %s: %d%% of %s%n", path, quarter * 25, Bytes.of(fileSize));
      err.flush();
    }
  }
}
