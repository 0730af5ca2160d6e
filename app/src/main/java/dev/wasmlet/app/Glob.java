package dev.wasmlet.app;

import java.util.regex.Pattern;

/**
 * A file glob over {@code /}-separated relative paths, with the semantics of Spin's {@code files}:
 * {@code *} and {@code ?} stay within one segment, {@code **} crosses segments ({@code "a/**}{@code
 * /*"} matches {@code a/x} and {@code a/b/x}), {@code [abc]} and {@code {x,y}} as usual.
 */
record Glob(String pattern, Pattern regex) {

  static Glob compile(String pattern) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
            boolean slash = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
            re.append(slash ? "(?:.*/)?" : ".*");
            i += slash ? 2 : 1;
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          if (end < 0) {
            re.append("\\[");
          } else {
            String set = pattern.substring(i + 1, end).replace("\\", "\\\\");
            re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
            i = end;
          }
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            re.append(')');
          } else {
            re.append("\\}");
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    re.append(")".repeat(braces));
    return new Glob(pattern, Pattern.compile(re.toString()));
  }

  /** Whether a pattern has any glob syntax, or is a plain path. */
  static boolean isGlob(String pattern) {
    return pattern.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  boolean matches(String relativePath) {
    return regex.matcher(relativePath).matches();
  }
}
