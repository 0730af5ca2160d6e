package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.app.ComponentSpec;
import dev.wasmlet.app.Executor;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.Manifest;
import dev.wasmlet.app.TriggerSpec;
import dev.wasmlet.app.VariableSpec;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The config blob of an app artifact: the locked app in the shape Spin's {@code spin registry push}
 * writes and its OCI loader reads (Spin {@code crates/locked-app/src/locked.rs}, {@code
 * crates/oci/src/client.rs}, {@code crates/oci/src/loader.rs}), every module and file named by
 * digest instead of a local path, so Spin can run what Wasmlet pushes:
 *
 * <ul>
 *   <li>{@code spin_lock_version} 0, which every Spin reads (Spin before 2.4 rejects 1);
 *   <li>metadata keys as Spin's loader writes them, sorted as Spin's maps serialize;
 *   <li>variables as {@code {description?, default?, secret?}}: a variable without a default is
 *       required, a secret's default is never written (secrets stay out of the artifact);
 *   <li>one trigger per route, with its base applied, and the WAGI executor for WAGI routes (none
 *       for wasi:http components, Spin's default);
 *   <li>a component's outbound hosts, SQLite databases ({@code databases}), description and
 *       key-value stores in its {@code metadata}, files as {@code {digest, path}} with the path
 *       relative to the guest root, as Spin's loader mounts them.
 * </ul>
 */
final class SpinLockedApp {
  private SpinLockedApp() {}

  /**
   * @param files every module and mounted file of the app, as layers
   */
  static byte[] toJson(LockedApp app, Manifest manifest, List<ArtifactFile> files) {
    ObjectNode root = ImageManifest.JSON.createObjectNode();
    root.put("spin_lock_version", 0);
    ObjectNode meta = root.putObject("metadata");
    if (!manifest.application().authors().isEmpty()) {
      ArrayNode authors = meta.putArray("authors");
      manifest.application().authors().forEach(authors::add);
    }
    manifest.application().description().ifPresent(d -> meta.put("description", d));
    meta.put("name", app.name());
    meta.putObject("trigger").put("type", "http");
    meta.putObject("triggers").putObject("http");
    meta.put("version", app.version());
    if (!manifest.variables().isEmpty()) {
      ObjectNode vars = root.putObject("variables");
      for (VariableSpec v : new TreeMap<>(manifest.variables()).values()) {
        ObjectNode n = vars.putObject(v.name());
        v.defaultValue().filter(d -> !v.secret()).ifPresent(d -> n.put("default", d));
        if (v.secret()) {
          n.put("secret", true);
        }
      }
    }
    ArrayNode triggers = root.putArray("triggers");
    List<String> ids = triggerIds(app, manifest);
    for (int i = 0; i < app.routes().size(); i++) {
      LockedRoute r = app.routes().get(i);
      ObjectNode t = triggers.addObject();
      t.put("id", ids.get(i));
      t.put("trigger_type", "http");
      ObjectNode cfg = t.putObject("trigger_config");
      cfg.put("component", r.componentId());
      if (r.executor() == Executor.WAGI) {
        // A wasi:http route has no executor: Spin's default is its component executor.
        ObjectNode exec = cfg.putObject("executor");
        exec.put("argv", r.wagi().argv());
        exec.put("entrypoint", r.wagi().entrypoint());
        exec.put("type", "wagi");
      }
      if (r.isPrivate()) {
        cfg.putObject("route").put("private", true);
      } else {
        cfg.put("route", r.route());
      }
    }
    ArrayNode components = root.putArray("components");
    for (LockedComponent c : app.components().values()) {
      ComponentSpec spec = manifest.components().get(c.id());
      ObjectNode n = components.addObject();
      n.put("id", c.id());
      ObjectNode cmeta = ImageManifest.JSON.createObjectNode();
      if (!c.allowedOutboundHosts().isEmpty()) {
        ArrayNode hosts = cmeta.putArray("allowed_outbound_hosts");
        c.allowedOutboundHosts().forEach(hosts::add);
      }
      if (!c.sqliteDatabases().isEmpty()) {
        c.sqliteDatabases().forEach(cmeta.putArray("databases")::add);
      }
      if (spec != null) {
        spec.description().ifPresent(d -> cmeta.put("description", d));
      }
      if (!c.keyValueStores().isEmpty()) {
        c.keyValueStores().forEach(cmeta.putArray("key_value_stores")::add);
      }
      if (!cmeta.isEmpty()) {
        n.set("metadata", cmeta);
      }
      ObjectNode source = n.putObject("source");
      source.put("content_type", "application/wasm");
      source.put("digest", "sha256:" + c.sha256());
      if (!c.environment().isEmpty()) {
        ObjectNode env = n.putObject("env");
        new TreeMap<>(c.environment()).forEach(env::put);
      }
      ArrayNode mounted = ImageManifest.JSON.createArrayNode();
      for (ArtifactFile f : files) {
        guestPath(c, f)
            .ifPresent(g -> mounted.addObject().put("digest", f.blob().digest()).put("path", g));
      }
      if (!mounted.isEmpty()) {
        n.set("files", mounted);
      }
      if (spec != null && !spec.variables().isEmpty()) {
        ObjectNode config = n.putObject("config");
        new TreeMap<>(spec.variables()).forEach(config::put);
      }
    }
    try {
      return ImageManifest.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * Each route's trigger id: the manifest's {@code id} where it gives one, else the id Spin's
   * normalizer gives ({@code <component>-http-trigger}, then {@code http-trigger<n>}).
   */
  private static List<String> triggerIds(LockedApp app, Manifest manifest) {
    List<TriggerSpec> specs = manifest.triggers();
    boolean aligned = specs.size() == app.routes().size();
    Set<String> taken = new HashSet<>();
    if (aligned) {
      specs.forEach(t -> t.id().ifPresent(taken::add));
    }
    String[] ids = new String[app.routes().size()];
    int counter = 1;
    for (int i = 0; i < ids.length; i++) {
      Optional<String> given = aligned ? specs.get(i).id() : Optional.empty();
      if (given.isPresent()) {
        ids[i] = given.get();
        continue;
      }
      String natural = app.routes().get(i).componentId() + "-http-trigger";
      if (taken.add(natural)) {
        ids[i] = natural;
        continue;
      }
      String id;
      do {
        id = "http-trigger" + counter++;
      } while (!taken.add(id));
      ids[i] = id;
    }
    return List.of(ids);
  }

  /**
   * Where a component's guest sees a file, if one of its mounts holds it, relative to the guest
   * root as Spin's OCI loader wants it (it refuses absolute paths and mounts the component's files
   * at {@code /}).
   */
  private static Optional<String> guestPath(LockedComponent c, ArtifactFile f) {
    for (var m : c.files()) {
      if (m.isDirectory() && f.source().startsWith(m.hostPath())) {
        String rel = m.hostPath().relativize(f.source()).toString().replace('\\', '/');
        return Optional.of(relative(m.guestPath().replaceAll("/$", "") + "/" + rel));
      }
      if (!m.isDirectory() && f.source().equals(m.hostPath())) {
        return Optional.of(relative(m.guestPath()));
      }
    }
    return Optional.empty();
  }

  private static String relative(String guestPath) {
    return guestPath.replaceFirst("^/+", "");
  }
}
