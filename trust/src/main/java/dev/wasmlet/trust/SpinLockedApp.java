package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmlet.app.ComponentSpec;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.LockedComponent;
import dev.wasmlet.app.LockedRoute;
import dev.wasmlet.app.Manifest;
import dev.wasmlet.app.VariableSpec;
import java.io.IOException;
import java.util.List;

/**
 * The config blob of an app artifact: the locked app in the shape of Spin's lock file ({@code
 * spin_lock_version} 1), every module and file named by digest instead of a local path, so Spin
 * tooling can read what Wasmlet pushes. Variables are declared with their defaults but never their
 * values (secrets stay out of the artifact); component variables keep their templates.
 */
final class SpinLockedApp {
  private SpinLockedApp() {}

  /**
   * @param files every module and mounted file of the app, as layers
   */
  static byte[] toJson(LockedApp app, Manifest manifest, List<ArtifactFile> files) {
    ObjectNode root = ImageManifest.JSON.createObjectNode();
    root.put("spin_lock_version", 1);
    ObjectNode meta = root.putObject("metadata");
    meta.put("name", app.name());
    meta.put("version", app.version());
    manifest.application().description().ifPresent(d -> meta.put("description", d));
    meta.putObject("trigger").put("type", "http");
    ObjectNode vars = root.putObject("variables");
    for (VariableSpec v : manifest.variables().values()) {
      ObjectNode n = vars.putObject(v.name());
      v.defaultValue().filter(d -> !v.secret()).ifPresent(d -> n.put("default", d));
      n.put("secret", v.secret());
      n.put("required", v.required());
    }
    ArrayNode triggers = root.putArray("triggers");
    int i = 0;
    for (LockedRoute r : app.routes()) {
      ObjectNode t = triggers.addObject();
      t.put("id", "trigger--" + r.componentId() + "-" + i++);
      t.put("trigger_type", "http");
      ObjectNode cfg = t.putObject("trigger_config");
      cfg.put("component", r.componentId());
      if (r.isPrivate()) {
        cfg.putObject("route").put("private", true);
      } else {
        cfg.put("route", r.route());
      }
      ObjectNode exec = cfg.putObject("executor");
      exec.put("type", "wagi");
      exec.put("entrypoint", r.wagi().entrypoint());
      exec.put("argv", String.join(" ", r.wagi().argv()));
    }
    ArrayNode components = root.putArray("components");
    for (LockedComponent c : app.components().values()) {
      ObjectNode n = components.addObject();
      n.put("id", c.id());
      ObjectNode source = n.putObject("source");
      source.put("content_type", "application/wasm");
      source.put("digest", "sha256:" + c.sha256());
      ObjectNode env = n.putObject("env");
      c.environment().forEach(env::put);
      ArrayNode mounted = n.putArray("files");
      for (ArtifactFile f : files) {
        guestPath(c, f)
            .ifPresent(g -> mounted.addObject().put("digest", f.blob().digest()).put("path", g));
      }
      ObjectNode config = n.putObject("config");
      ComponentSpec spec = manifest.components().get(c.id());
      if (spec != null) {
        spec.variables().forEach(config::put);
      }
      ArrayNode hosts = n.putArray("allowed_outbound_hosts");
      c.allowedOutboundHosts().forEach(hosts::add);
    }
    try {
      return ImageManifest.JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Where a component's guest sees a file, if one of its mounts holds it. */
  private static java.util.Optional<String> guestPath(LockedComponent c, ArtifactFile f) {
    for (var m : c.files()) {
      if (m.isDirectory() && f.source().startsWith(m.hostPath())) {
        String rel = m.hostPath().relativize(f.source()).toString().replace('\\', '/');
        return java.util.Optional.of(m.guestPath().replaceAll("/$", "") + "/" + rel);
      }
      if (!m.isDirectory() && f.source().equals(m.hostPath())) {
        return java.util.Optional.of(m.guestPath());
      }
    }
    return java.util.Optional.empty();
  }
}
