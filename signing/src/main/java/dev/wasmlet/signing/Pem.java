package dev.wasmlet.signing;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 7468 PEM text: one labelled base64 block. */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----",
          Pattern.DOTALL);

  private Pem() {}

  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** A decoded block: its label and DER bytes. */
  record Block(String label, byte[] der) {}

  static Block decode(String text, String source) {
    Matcher m = BLOCK.matcher(text);
    if (!m.find()) {
      throw new KeyUnreadable(source + ": not a PEM file (no -----BEGIN ...----- block)");
    }
    try {
      return new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
    } catch (IllegalArgumentException e) {
      throw new KeyUnreadable(source + ": PEM block is not valid base64", e);
    }
  }
}
