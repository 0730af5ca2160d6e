package dev.wasmlet.spin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A dotenv file as the env variables provider reads it ({@code dotenv_path}): {@code KEY=VALUE}
 * lines, optionally after {@code export}; blank lines and {@code #} comments; values bare (a {@code
 * " #"} starts a comment), in single quotes (literal) or in double quotes ({@code \n}, {@code \t},
 * {@code \"}, {@code \\} escapes). Spin's dotenvy also substitutes {@code $NAME}; that is refused
 * here (single-quote a literal {@code $}) rather than read differently. A missing file holds
 * nothing, as in Spin. Errors name the file and line, never a value.
 */
final class Dotenv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private Dotenv() {}

  static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new RuntimeConfigInvalid(
          file, List.of(file + ": cannot read the dotenv file: " + e.getClass().getSimpleName()));
    }
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw problem(file, i, "is not KEY=VALUE");
      }
      String value = value(line.substring(eq + 1).strip(), file, i);
      out.putIfAbsent(key, value); // dotenvy keeps the first value of a key
    }
    return out;
  }

  private static String value(String raw, Path file, int index) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0 || !trailing(raw.substring(end + 1))) {
        throw problem(file, index, "has an unterminated single-quoted value");
      }
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          if (!trailing(raw.substring(i + 1))) {
            break;
          }
          return b.toString();
        }
        if (c == '$') {
          throw substitution(file, index);
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char n = raw.charAt(++i);
          b.append(
              switch (n) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> n;
              });
        } else {
          b.append(c);
        }
      }
      throw problem(file, index, "has an unterminated double-quoted value");
    }
    int comment = raw.indexOf(" #");
    String v = (comment < 0 ? raw : raw.substring(0, comment)).strip();
    if (v.contains("$")) {
      throw substitution(file, index);
    }
    return v;
  }

  private static boolean trailing(String rest) {
    String r = rest.strip();
    return r.isEmpty() || r.startsWith("#");
  }

  private static RuntimeConfigInvalid substitution(Path file, int index) {
    return problem(
        file,
        index,
        "uses $ substitution, which Wasmlet does not do; put the value in single quotes to mean a"
            + " literal $");
  }

  private static RuntimeConfigInvalid problem(Path file, int index, String what) {
    return new RuntimeConfigInvalid(
        file, List.of(file + ":" + (index + 1) + ": the dotenv line " + what));
  }
}
