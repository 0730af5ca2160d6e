package dev.wasmlet.signing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * URIs as the in-toto ResourceDescriptor's {@code uri} field wants them: RFC 3986, no character
 * left unescaped that RFC 3986 does not allow. Paths are percent-encoded byte by byte (UTF-8),
 * keeping only the unreserved characters and {@code /}, so that a space, a {@code %} or an
 * {@code @} in a directory name can neither break the URI nor be read as the {@code @revision} of
 * an SPDX download location ({@code git+file:///srv/git/app@<commit>}).
 */
public final class ResourceUri {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ResourceUri() {}

  /** The {@code file:///...} URI of an absolute path (RFC 8089, empty authority). */
  public static String file(Path absolute) {
    if (!absolute.isAbsolute()) {
      throw new IllegalArgumentException("not an absolute path: " + absolute);
    }
    return "file://" + encodePath(absolute.normalize().toString());
  }

  /**
   * A path with every byte that is not unreserved ({@code A-Z a-z 0-9 - . _ ~}) nor {@code /}
   * written as {@code %XX}.
   */
  public static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
