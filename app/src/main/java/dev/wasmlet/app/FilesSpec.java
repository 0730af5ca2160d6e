package dev.wasmlet.app;

/** One entry of a component's {@code files} array as written. */
public sealed interface FilesSpec {

  /**
   * A glob relative to the manifest directory, e.g. {@code "static/**"}; every matching file is
   * mounted at the same path under {@code /}.
   */
  record Glob(String pattern) implements FilesSpec {}

  /**
   * {@code { source = "public", destination = "/public" }}: a directory or file of the app mounted
   * at {@code destination}.
   */
  record Mapping(String source, String destination) implements FilesSpec {}
}
