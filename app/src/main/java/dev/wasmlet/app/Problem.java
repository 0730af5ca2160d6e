package dev.wasmlet.app;

/**
 * One thing wrong with a manifest, at a line (and a column, or 0 when unknown; line 0 when it is
 * not written in the file).
 *
 * @param message what is wrong and how to fix it, without the file and line prefix
 */
record Problem(int line, int column, String message) {

  String render(String fileName) {
    String where =
        line <= 0
            ? fileName // not from a line of the file: a deployment's overrides
            : column > 0 ? fileName + ":" + line + ":" + column : fileName + ":" + line;
    return where + ": " + message;
  }
}
