package dev.wasmlet.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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
  // Spin's media types, written out here (not taken from the trust module) so that this fixture is
  // an independent account of Spin's layout.
  private static final String WASM_LAYER = "application/vnd.wasm.content.layer.v1+wasm";
  private static final String DATA_LAYER = "application/vnd.wasm.content.layer.v1+data";
  private static final String SPIN_CONFIG = "application/vnd.fermyon.spin.application.v1+config";
  private static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INLINE_MAX = 128;

  private SpinPushes() {}

  /**
   * {@code examples/static-c} as Spin pushes it: component {@code static} on {@code /static/...}
   * with the WAGI executor, {@code public/} copied to the guest's {@code /public}.
   */
  public static Path staticC(Path dir, String tag, boolean lockedAppAsLayer) throws IOException {
    Path example = Tools.root().resolve("examples/static-c");
    List<String> layers = new ArrayList<>();
    ObjectNode locked = JSON.createObjectNode();
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
    layers.add(descriptor(WASM_LAYER, module));
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
        layers.add(descriptor(DATA_LAYER, bytes));
      }
      entry.put("digest", blob(dir, bytes));
      entry.put("path", copyRoot.relativize(f).toString().replace('\\', '/'));
    }
    byte[] lockedJson = JSON.writeValueAsBytes(locked);
    blob(dir, lockedJson);
    String configDescriptor;
    if (lockedAppAsLayer) {
      layers.add(descriptor(SPIN_CONFIG, lockedJson));
      byte[] imageConfig =
          ("{\"architecture\":\"wasm\",\"os\":\"Wasip1\",\"config\":{\"Labels\":"
                  + "{\"com.fermyon.spin.lockedAppDigest\":\""
                  + sha256(lockedJson)
                  + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
              .getBytes(StandardCharsets.UTF_8);
      blob(dir, imageConfig);
      configDescriptor = descriptor(OCI_IMAGE_CONFIG, imageConfig);
    } else {
      configDescriptor = descriptor(SPIN_CONFIG, lockedJson);
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
            + OCI_MANIFEST
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
        + sha256(bytes)
        + "\",\"size\":"
        + bytes.length
        + "}";
  }

  private static String blob(Path dir, byte[] bytes) throws IOException {
    String digest = sha256(bytes);
    Path p = dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return digest;
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
