package dev.wasmlet.trust;

/** The media types of Spin's registry format, and of plain Wasm artifacts pushed by other tools. */
public final class MediaTypes {
  /** The OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** Docker's schema 2 manifest, which some tools still push; read like an OCI one. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** The config blob of a Spin app: its locked app, sources replaced by digests. */
  public static final String SPIN_CONFIG = "application/vnd.fermyon.spin.application.v1+config";

  /** A Wasm module layer of a Spin app. */
  public static final String WASM_LAYER = "application/vnd.wasm.content.layer.v1+wasm";

  /** A static file layer of a Spin app (Wasmlet also sends its manifest file as one). */
  public static final String DATA_LAYER = "application/vnd.wasm.content.layer.v1+data";

  /** The single layer of a plain Wasm artifact, as other tools push one module. */
  public static final String PLAIN_WASM = "application/wasm";

  /** Annotation giving a layer's path in the app directory. */
  public static final String TITLE = "org.opencontainers.image.title";

  /** Annotation marking the layer that is the app's manifest file. */
  public static final String MANIFEST_FILE = "dev.wasmlet.manifest";

  private MediaTypes() {}
}
