package dev.wasmlet.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a CGI response (RFC 3875 section 6) from a guest's stdout: header lines, a blank line, the
 * body. {@code Status:} sets the status; a {@code Location:} without one means 302. A response
 * needs a Content-Type or a Location, as in WAGI.
 */
final class CgiResponse {
  private static final int MAX_HEADER_BLOCK = 64 * 1024;

  private CgiResponse() {}

  static WagiResponse parse(String component, byte[] out) {
    int[] split = split(out);
    if (split == null) {
      throw malformed(component, "no blank line ends the header block");
    }
    String block = new String(out, 0, split[0], StandardCharsets.ISO_8859_1);
    int bodyStart = split[1];
    int status = 200;
    boolean statusSet = false;
    boolean hasType = false;
    boolean hasLocation = false;
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String raw : block.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw malformed(component, "header line without a name and colon: " + quote(line));
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (!isToken(name)) {
        throw malformed(component, "invalid header name " + quote(name));
      }
      if (!isValue(value)) {
        throw malformed(component, "invalid characters in header " + quote(name));
      }
      switch (name.toLowerCase(Locale.ROOT)) {
        case "status" -> {
          status = parseStatus(component, value);
          statusSet = true;
        }
        case "content-type" -> {
          hasType = true;
          headers.add(Map.entry(name, value));
        }
        case "location" -> {
          hasLocation = true;
          headers.add(Map.entry(name, value));
        }
        default -> headers.add(Map.entry(name, value));
      }
    }
    if (!hasType && !hasLocation) {
      throw malformed(component, "the response has neither a Content-Type nor a Location header");
    }
    if (hasLocation && !statusSet) {
      status = 302;
    }
    return new WagiResponse(status, headers, Arrays.copyOfRange(out, bodyStart, out.length));
  }

  /**
   * Finds the blank line that ends the headers: returns {end of header block, start of body}, or
   * null when the first 64 KiB hold none.
   */
  private static int[] split(byte[] out) {
    int limit = Math.min(out.length, MAX_HEADER_BLOCK);
    for (int i = 0; i < limit; i++) {
      if (out[i] != '\n') {
        continue;
      }
      if (i + 1 < out.length && out[i + 1] == '\n') {
        return new int[] {i, i + 2};
      }
      if (i + 2 < out.length && out[i + 1] == '\r' && out[i + 2] == '\n') {
        return new int[] {i, i + 3};
      }
    }
    return null;
  }

  private static int parseStatus(String component, String value) {
    String code = value.length() >= 3 ? value.substring(0, 3) : value;
    try {
      int status = Integer.parseInt(code);
      if (status >= 100 && status <= 599 && (value.length() == 3 || value.charAt(3) == ' ')) {
        return status;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw malformed(component, "invalid Status header " + quote(value));
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < ' ' && c != '\t') || c == 127) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String s) {
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      b.append(c < ' ' || c >= 127 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return b.append('"').toString();
  }

  private static GuestFailed malformed(String component, String why) {
    return new GuestFailed(
        GuestFailed.Kind.MALFORMED_RESPONSE,
        "component \"" + component + "\" wrote a malformed CGI response: " + why);
  }
}
