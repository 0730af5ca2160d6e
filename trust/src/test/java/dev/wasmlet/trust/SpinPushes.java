package dev.wasmlet.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * OCI image layouts of an app as {@code spin registry push} writes it (see {@code
 * resources/spin/README.md} for where each rule comes from): a {@code +wasm} layer for the
 * component, a {@code +data} layer per file over 128 bytes (smaller ones are inlined and get no
 * layer), and the locked app, compact JSON in Spin's field order, either as the last layer with a
 * plain OCI image config (Spin 2 and later) or as the config itself (Spin before 2.0).
 */
public final class SpinPushes {
  private static final int INLINE_MAX = 128;

  private SpinPushes() {}

  /**
   * {@code examples/static-c} as Spin pushes it: component {@code static} on {@code /static/...}
   * with the WAGI executor, {@code public/} copied to the guest's {@code /public}.
   */
  public static Path staticC(Path dir, String tag, boolean lockedAppAsLayer) throws IOException {
    Path example = Tools.root().resolve("examples/static-c");
    List<String> layers = new ArrayList<>();
    ObjectNode locked = ImageManifest.JSON.createObjectNode();
    locked.put("spin_lock_version", 0);
    ObjectNode meta = locked.putObject("metadata");
    meta.put("description", "Static-file server in C, pushed by Spin");
    meta.put("name", "static-c");
    meta.putObject("trigger").put("type", "http");
    meta.putObject("triggers").putObject("http");
    meta.put("version", "0.1.0");
    ObjectNode trigger = locked.putArray("triggers").addObject();
    trigger.put("id", "static-http-trigger");
    trigger.put("trigger_type", "http");
    ObjectNode config = trigger.putObject("trigger_config");
    config.put("component", "static");
    config.putObject("executor").put("type", "wagi");
    config.put("route", "/static/...");
    ObjectNode component = locked.putArray("components").addObject();
    component.put("id", "static");
    ObjectNode source = component.putObject("source");
    source.put("content_type", "application/wasm");
    byte[] module = Files.readAllBytes(example.resolve("static.wasm"));
    source.put("digest", blob(dir, module));
    layers.add(descriptor(MediaTypes.WASM_LAYER, module));
    ArrayNode files = component.putArray("files");
    Path copyRoot = example; // Spin copies files = [{ source = "public", ... }] to <root>/public
    List<Path> walked;
    try (Stream<Path> s = Files.walk(example.resolve("public"))) {
      walked = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : walked) {
      byte[] bytes = Files.readAllBytes(f);
      ObjectNode entry = files.addObject();
      if (bytes.length <= INLINE_MAX) {
        entry.put("inline", Base64.getEncoder().withoutPadding().encodeToString(bytes));
      } else {
        layers.add(descriptor(MediaTypes.DATA_LAYER, bytes));
      }
      entry.put("digest", blob(dir, bytes));
      entry.put("path", copyRoot.relativize(f).toString().replace('\\', '/'));
    }
    byte[] lockedJson = ImageManifest.JSON.writeValueAsBytes(locked);
    blob(dir, lockedJson);
    String configDescriptor;
    if (lockedAppAsLayer) {
      layers.add(descriptor(MediaTypes.SPIN_CONFIG, lockedJson));
      byte[] imageConfig =
          ("{\"architecture\":\"wasm\",\"os\":\"Wasip1\",\"config\":{\"Labels\":"
                  + "{\"com.fermyon.spin.lockedAppDigest\":\""
                  + Sha256.of(lockedJson)
                  + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
              .getBytes(StandardCharsets.UTF_8);
      blob(dir, imageConfig);
      configDescriptor = descriptor(MediaTypes.OCI_IMAGE_CONFIG, imageConfig);
    } else {
      configDescriptor = descriptor(MediaTypes.SPIN_CONFIG, lockedJson);
    }
    byte[] manifest =
        ("{\"schemaVersion\":2,\"config\":"
                + configDescriptor
                + ",\"layers\":["
                + String.join(",", layers)
                + "],\"annotations\":{\"org.opencontainers.image.created\":"
                + "\"2026-05-04T10:00:00.000000000+00:00\",\"org.opencontainers.image.title\":"
                + "\"static-c\",\"org.opencontainers.image.version\":\"0.1.0\"}}")
            .getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(dir, manifest);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\""
            + manifestDigest
            + "\",\"size\":"
            + manifest.length
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}");
    return dir;
  }

  private static String descriptor(String mediaType, byte[] bytes) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + Sha256.of(bytes)
        + "\",\"size\":"
        + bytes.length
        + "}";
  }

  private static String blob(Path dir, byte[] bytes) throws IOException {
    String digest = Sha256.of(bytes);
    Path p = dir.resolve("blobs/sha256").resolve(Sha256.hex(digest));
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return digest;
  }
}
