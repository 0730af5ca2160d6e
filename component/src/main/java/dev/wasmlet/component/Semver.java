package dev.wasmlet.component;

/**
 * Interface names with versions, matched as wasmtime's linker matches them: {@code 0.2.y} satisfies
 * an import of {@code 0.2.x} for any x and y, {@code 1.y.z} satisfies {@code 1.x.w}; a pre-release
 * version (such as {@code 0.2.0-draft}) matches only itself.
 */
final class Semver {
  private Semver() {}

  /**
   * The compatibility key of a versioned name: {@code wasi:io/streams@0.2.12} gives {@code
   * wasi:io/streams@0.2}, {@code fermyon:spin/kv@2.0.0} gives {@code fermyon:spin/kv@2}; a name
   * without a version or with a pre-release or build suffix is its own key.
   */
  static String key(String name) {
    int at = name.lastIndexOf('@');
    if (at < 0) {
      return name;
    }
    String version = name.substring(at + 1);
    String[] parts = version.split("\\.", -1);
    if (parts.length != 3 || !numeric(parts[0]) || !numeric(parts[1]) || !numeric(parts[2])) {
      return name;
    }
    String base = name.substring(0, at + 1);
    if (!parts[0].equals("0")) {
      return base + parts[0];
    }
    if (!parts[1].equals("0")) {
      return base + "0." + parts[1];
    }
    return name;
  }

  /** The name without its version: {@code wasi:io/streams@0.2.12} gives {@code wasi:io/streams}. */
  static String unversioned(String name) {
    int at = name.lastIndexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }

  private static boolean numeric(String s) {
    if (s.isEmpty() || (s.length() > 1 && s.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
