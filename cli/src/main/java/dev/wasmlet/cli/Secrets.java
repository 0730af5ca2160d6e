package dev.wasmlet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Passphrases read from standard input (one line; never echoed or logged). */
final class Secrets {
  private Secrets() {}

  static char[] readStdin() throws IOException {
    InputStream in = System.in;
    byte[] all = in.readNBytes(4096);
    String s = new String(all, StandardCharsets.UTF_8);
    int nl = s.indexOf('\n');
    String line = nl >= 0 ? s.substring(0, nl) : s;
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "the passphrase on standard input is empty", null);
    }
    return line.toCharArray();
  }
}
