package dev.wasmlet.app;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one component against the file system and the app's variables and pins it: the module's
 * SHA-256 and size, its files, its rendered variables, its parsed limits.
 */
final class ComponentLocker {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** A key-value store or SQLite database label (it names a file in the app's data). */
  static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern OUTBOUND_HOST =
      Pattern.compile(
          "(\\*|[a-z][a-z0-9+.-]*)://(\\*|(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])"
              + "(:(\\*|[0-9]{1,5}(\\.\\.[0-9]{1,5})?))?/?");

  private final Manifest manifest;
  private final Path appDir;
  private final Map<String, String> variables;
  private final Problems problems;
  private final FilesResolver files;
  private final boolean confined;

  ComponentLocker(
      Manifest manifest,
      Path appDir,
      Map<String, String> variables,
      Problems problems,
      boolean confined) {
    this.confined = confined;
    this.manifest = manifest;
    this.appDir = appDir;
    this.variables = variables;
    this.problems = problems;
    this.files = new FilesResolver(appDir, manifest.lines(), problems);
  }

  /** The locked component, or empty when a problem keeps it from being pinned. */
  Optional<LockedComponent> lock(ComponentSpec c) {
    String what = "component \"" + c.id() + "\"";
    if (!ID.matcher(c.id()).matches()) {
      problems.add(
          line(c),
          what
              + ": ids are lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters");
    }
    Optional<ModuleFile> module =
        c.source().isEmpty() // a missing source was reported while reading
            ? Optional.empty()
            : ModuleFile.pin(appDir, c.source(), what, line(c, "source"), problems, confined);
    List<FileMount> mounts = files.resolve(c);
    checkEnvironment(c, what);
    List<String> hosts = outboundHosts(c, what);
    checkLabels(c, what, "key_value_stores", c.keyValueStores());
    checkLabels(c, what, "sqlite_databases", c.sqliteDatabases());
    Map<String, String> rendered = renderVariables(c, what);
    Limits limits =
        new LimitsParser(problems, key -> line(c, "limits", key), what).parse(c.limits());
    if (module.isPresent() && !module.get().isComponent()) {
      for (String key : List.of("key_value_stores", "sqlite_databases")) {
        if (!(key.equals("key_value_stores") ? c.keyValueStores() : c.sqliteDatabases())
            .isEmpty()) {
          problems.add(
              line(c, key),
              what
                  + ": "
                  + key
                  + " needs a WebAssembly component (wasi:http, Spin's SDKs); "
                  + c.source()
                  + " is a core module (WAGI), which cannot use them");
        }
      }
    }
    return module.map(
        f ->
            new LockedComponent(
                c.id(),
                f.path(),
                f.sha256(),
                f.sizeBytes(),
                mounts,
                c.environment(),
                rendered,
                hosts,
                limits,
                f.isComponent(),
                c.keyValueStores(),
                c.sqliteDatabases()));
  }

  private void checkEnvironment(ComponentSpec c, String what) {
    for (String key : c.environment().keySet()) {
      if (!ENV_NAME.matcher(key).matches()) {
        problems.add(
            line(c, "environment", key),
            what
                + ": environment variable name \""
                + key
                + "\" is not valid; use letters, digits and '_', not starting with a digit");
      }
    }
  }

  /** Store and database labels name files in the app's data directory: checked strictly. */
  private void checkLabels(ComponentSpec c, String what, String key, List<String> labels) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (!LABEL.matcher(label).matches()) {
        problems.add(
            line(c, key, i),
            what
                + ": "
                + key
                + " label \""
                + label
                + "\" is not valid; labels are lowercase letters, digits, '-' and '_', starting with"
                + " a letter or digit, at most 64 characters (e.g. \"default\")");
      } else if (!seen.add(label)) {
        problems.add(line(c, key, i), what + ": " + key + " lists \"" + label + "\" twice");
      }
    }
  }

  /**
   * The component's {@code allowed_outbound_hosts} with {@code {{ variable }}} templates rendered
   * (as Spin allows, e.g. {@code "https://{{ api_host }}"}), each checked after rendering.
   */
  private List<String> outboundHosts(ComponentSpec c, String what) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < c.allowedOutboundHosts().size(); i++) {
      String entry = c.allowedOutboundHosts().get(i);
      String host = entry;
      if (entry.contains("{{")) {
        List<String> refs;
        try {
          refs = Templates.references(entry);
        } catch (IllegalArgumentException e) {
          problems.add(
              line(c, "allowed_outbound_hosts", i),
              what + ": allowed_outbound_hosts entry \"" + entry + "\" " + e.getMessage());
          continue;
        }
        List<String> missing =
            refs.stream().filter(r -> !manifest.variables().containsKey(r)).toList();
        if (!missing.isEmpty()) {
          problems.add(
              line(c, "allowed_outbound_hosts", i),
              what
                  + ": allowed_outbound_hosts entry \""
                  + entry
                  + "\" references undefined app variable \""
                  + missing.get(0)
                  + "\"; declare it in [variables]");
          continue;
        }
        if (!refs.stream().allMatch(variables::containsKey)) {
          continue; // the variable itself has a problem, reported there
        }
        host = Templates.render(entry, variables);
      }
      out.add(host);
      if (!OUTBOUND_HOST.matcher(host).matches()) {
        problems.add(
            line(c, "allowed_outbound_hosts", i),
            what
                + ": allowed_outbound_hosts entry \""
                + entry // the template, never its rendered values (a variable may be secret)
                + (entry.equals(host) ? "" : "\" (rendered)")
                + (entry.equals(host) ? "\"" : "")
                + " is not scheme://host[:port]; write e.g. \"https://example.com\","
                + " \"https://*.example.com:8443\" or \"http://self\" (the app's own routes)");
      }
    }
    return out;
  }

  private Map<String, String> renderVariables(ComponentSpec c, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> v : c.variables().entrySet()) {
      int line = line(c, "variables", v.getKey());
      String name = "variable \"" + v.getKey() + "\"";
      if (!Templates.VARIABLE_NAME.matcher(v.getKey()).matches()) {
        problems.add(
            line,
            what
                + ": "
                + name
                + ": names are lowercase letters, digits and '_', starting with a letter ([a-z][a-z0-9_]*)");
        continue;
      }
      List<String> refs;
      try {
        refs = Templates.references(v.getValue());
      } catch (IllegalArgumentException e) {
        problems.add(
            line, what + ": " + name + " template \"" + v.getValue() + "\" " + e.getMessage());
        continue;
      }
      boolean complete = true;
      for (String ref : refs) {
        if (!manifest.variables().containsKey(ref)) {
          String hint = Suggestions.didYouMean(ref, manifest.variables().keySet());
          problems.add(
              line,
              what
                  + ": "
                  + name
                  + " references undefined app variable \""
                  + ref
                  + "\""
                  + (hint.isEmpty() ? "; declare it in [variables]" : hint));
          complete = false;
        } else if (!variables.containsKey(ref)) {
          complete = false; // the app variable itself has a problem, reported there
        }
      }
      if (complete) {
        out.put(v.getKey(), Templates.render(v.getValue(), variables));
      }
    }
    return out;
  }

  private int line(ComponentSpec c, Object... steps) {
    Object[] path = new Object[steps.length + 2];
    path[0] = "component";
    path[1] = c.id();
    System.arraycopy(steps, 0, path, 2, steps.length);
    return manifest.lines().line(path);
  }
}
