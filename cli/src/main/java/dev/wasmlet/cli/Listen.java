package dev.wasmlet.cli;

import picocli.CommandLine;

/**
 * A {@code --listen} address: {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code :PORT} or {@code
 * PORT}.
 */
record Listen(String host, int port) {
  static final String DEFAULT = "127.0.0.1:3000";

  /** Picocli converter with the exact error text users see. */
  static final class Converter implements CommandLine.ITypeConverter<Listen> {
    @Override
    public Listen convert(String value) {
      String host = "127.0.0.1";
      String port = value;
      if (value.startsWith("[")) {
        int end = value.indexOf("]:");
        if (end < 0) {
          throw bad(value);
        }
        host = value.substring(1, end);
        port = value.substring(end + 2);
      } else if (value.contains(":")) {
        int colon = value.lastIndexOf(':');
        host = colon == 0 ? host : value.substring(0, colon);
        port = value.substring(colon + 1);
      }
      try {
        int p = Integer.parseInt(port);
        if (p < 0 || p > 65535) {
          throw bad(value);
        }
        return new Listen(host, p);
      } catch (NumberFormatException e) {
        throw bad(value);
      }
    }

    private static CommandLine.TypeConversionException bad(String value) {
      return new CommandLine.TypeConversionException(
          "invalid address '"
              + value
              + "': use HOST:PORT, [IPv6]:PORT or PORT (0-65535), e.g. 127.0.0.1:3000");
    }
  }
}
