package dev.wasmlet.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-made OCI image layouts, as other tools write a plain Wasm artifact. */
final class OciLayouts {
  private OciLayouts() {}

  /** A layout holding one manifest: an empty config and one {@code application/wasm} layer. */
  static Path plainWasm(Path dir, byte[] module, String tag) throws IOException {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(dir, config);
    String moduleDigest = blob(dir, module);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/wasm\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[{\"mediaType\":\"application/wasm\",\"digest\":\""
                + moduleDigest
                + "\",\"size\":"
                + module.length
                + ",\"annotations\":{\"org.opencontainers.image.title\":\"hello.wasm\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(dir, manifest);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + manifestDigest
            + "\",\"size\":"
            + manifest.length
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}");
    return dir;
  }

  private static String blob(Path dir, byte[] bytes) throws IOException {
    String digest = Sha256.of(bytes);
    Path p = dir.resolve("blobs/sha256").resolve(Sha256.hex(digest));
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return digest;
  }
}
