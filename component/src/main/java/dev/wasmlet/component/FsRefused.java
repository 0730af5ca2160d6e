package dev.wasmlet.component;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A {@code wasi:filesystem/types} call refused with an {@code error-code}, thrown inside the
 * filesystem host and turned into the call's {@code err} result; it never reaches the guest as an
 * exception. The constants are the enum's case indices, in the order of {@code filesystem.wit}.
 */
final class FsRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int ACCESS = 0;
  static final int INVALID = 12;
  static final int IO = 13;
  static final int IS_DIRECTORY = 14;
  static final int LOOP = 15;
  static final int NAME_TOO_LONG = 18;
  static final int NO_ENTRY = 20;
  static final int INSUFFICIENT_MEMORY = 22;
  static final int NOT_DIRECTORY = 24;
  static final int UNSUPPORTED = 27;
  static final int NOT_PERMITTED = 31;
  static final int READ_ONLY = 33;

  private final int code;

  FsRefused(int code) {
    super("wasi:filesystem error-code " + code, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }

  /** The error-code for a host I/O failure. */
  static int codeOf(IOException e) {
    if (e instanceof NoSuchFileException) {
      return NO_ENTRY;
    }
    if (e instanceof NotDirectoryException) {
      return NOT_DIRECTORY;
    }
    if (e instanceof AccessDeniedException) {
      return ACCESS;
    }
    if (e instanceof FileSystemLoopException) {
      return LOOP;
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      String reason = f.getReason();
      if (reason.contains("Not a directory")) {
        return NOT_DIRECTORY;
      }
      if (reason.contains("symbolic links")) {
        return LOOP;
      }
      if (reason.contains("name too long")) {
        return NAME_TOO_LONG;
      }
      if (reason.contains("Is a directory")) {
        return IS_DIRECTORY;
      }
    }
    return IO;
  }
}
