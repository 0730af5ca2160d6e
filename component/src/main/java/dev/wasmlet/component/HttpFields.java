package dev.wasmlet.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code wasi:http/types} fields resource: header names and values, in order. Fields of an
 * incoming request, and fields once handed to a response, are immutable; changing them is a
 * header-error, as in wasmtime.
 */
final class HttpFields {
  /** Headers a guest may not set: the server owns the connection and framing. */
  static final Set<String> FORBIDDEN =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "upgrade",
          "host",
          "http2-settings");

  /** header-error cases. */
  static final int INVALID_SYNTAX = 0;

  static final int FORBIDDEN_ERROR = 1;
  static final int IMMUTABLE = 2;

  final List<Map.Entry<String, byte[]>> entries;
  boolean immutable;

  HttpFields(List<Map.Entry<String, byte[]>> entries, boolean immutable) {
    this.entries = entries;
    this.immutable = immutable;
  }

  /** The header-error case for a change, or -1 when the change is allowed. */
  int check(String name, List<byte[]> values) {
    if (immutable) {
      return IMMUTABLE;
    }
    if (!token(name)) {
      return INVALID_SYNTAX;
    }
    for (byte[] v : values) {
      if (!value(v)) {
        return INVALID_SYNTAX;
      }
    }
    return FORBIDDEN.contains(name.toLowerCase(Locale.ROOT)) ? FORBIDDEN_ERROR : -1;
  }

  List<byte[]> get(String name) {
    List<byte[]> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        out.add(e.getValue().clone());
      }
    }
    return out;
  }

  void delete(String name) {
    entries.removeIf(e -> e.getKey().equalsIgnoreCase(name));
  }

  void append(String name, byte[] value) {
    entries.add(Map.entry(name.toLowerCase(Locale.ROOT), value.clone()));
  }

  HttpFields copy() {
    return new HttpFields(new ArrayList<>(entries), false);
  }

  static boolean token(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean value(byte[] v) {
    for (byte b : v) {
      if (b == '\r' || b == '\n' || b == 0) {
        return false;
      }
    }
    return true;
  }
}
