package dev.wasmlet.control;

import java.util.regex.Pattern;

/** Names and text as the API accepts and echoes them. */
final class Sanitize {
  static final Pattern APP_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  static final Pattern VARIABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private Sanitize() {}

  static String appName(String name) {
    if (!APP_NAME.matcher(name).matches()) {
      throw ApiProblem.invalid(
          "app name \""
              + quote(name)
              + "\" is not valid; use 1-63 lowercase letters, digits and '-', starting with a"
              + " letter or digit");
    }
    return name;
  }

  static String variableName(String kind, String name) {
    if (!VARIABLE_NAME.matcher(name).matches()) {
      throw ApiProblem.invalid(
          kind
              + " name \""
              + quote(name)
              + "\" is not valid; use lowercase letters, digits and '_', starting with a letter"
              + " (as in the manifest's [variables])");
    }
    return name;
  }

  /** Text safe to echo in a message: control characters escaped, at most 80 characters. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 80; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() > 80 ? b + "..." : b.toString();
  }
}
