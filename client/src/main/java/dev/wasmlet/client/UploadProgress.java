package dev.wasmlet.client;

/** Hears how an upload goes, as it goes. Called on the uploading thread. */
@FunctionalInterface
public interface UploadProgress {
  /**
   * One step of the upload.
   *
   * @param file the path of the file being sent
   * @param fileSent its bytes sent so far
   * @param fileSize its size
   * @param sent bytes sent so far over every file the server lacked
   * @param total the size of every file the server lacked
   */
  void update(String file, long fileSent, long fileSize, long sent, long total);

  /** Ignores every update. */
  static UploadProgress silent() {
    return (file, fileSent, fileSize, sent, total) -> {};
  }
}
