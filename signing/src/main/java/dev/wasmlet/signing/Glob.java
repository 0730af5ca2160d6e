package dev.wasmlet.signing;

import java.util.regex.Pattern;

/**
 * A glob pattern: {@code **} matches anything, {@code *} anything but {@code /}, {@code ?} one
 * character but {@code /}; everything else literally. Used for source repositories ({@code
 * https://github.com/acme/*}) and registry hosts ({@code *.acme.dev}, {@code 127.0.0.1:*}).
 */
record Glob(String pattern, Pattern regex) {

  static Glob of(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Glob(pattern, Pattern.compile(re.toString()));
  }

  boolean matches(String text) {
    return regex.matcher(text).matches();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
