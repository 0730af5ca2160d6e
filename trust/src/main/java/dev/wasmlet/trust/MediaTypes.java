package dev.wasmlet.trust;

/** The media types of Spin's registry format, and of plain Wasm artifacts pushed by other tools. */
public final class MediaTypes {
  /** The OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** Docker's schema 2 manifest, which some tools still push; read like an OCI one. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /**
   * The locked app of a Spin app, sources replaced by digests: the config blob of an artifact
   * pushed by Wasmlet or by Spin before 2.0, a layer of one pushed by Spin 2 or later.
   */
  public static final String SPIN_CONFIG = "application/vnd.fermyon.spin.application.v1+config";

  /** A Wasm module layer of a Spin app. */
  public static final String WASM_LAYER = "application/vnd.wasm.content.layer.v1+wasm";

  /** A static file layer of a Spin app (Wasmlet also sends its manifest file as one). */
  public static final String DATA_LAYER = "application/vnd.wasm.content.layer.v1+data";

  /**
   * A gzipped tar of a component's files, which Spin pushes instead of one layer per file when
   * asked ({@code SPIN_OCI_ARCHIVE_LAYERS}) or past 500 layers; Wasmlet does not unpack it.
   */
  public static final String ARCHIVE_LAYER = "application/vnd.wasm.content.bundle.v1.tar+gzip";

  /**
   * The config of an artifact pushed by Spin 2 or later: a plain OCI image config (architecture
   * {@code wasm}); the locked app is then a layer of media type {@link #SPIN_CONFIG}.
   */
  public static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** The single layer of a plain Wasm artifact, as other tools push one module. */
  public static final String PLAIN_WASM = "application/wasm";

  /** Annotation giving a layer's path in the app directory. */
  public static final String TITLE = "org.opencontainers.image.title";

  /** Annotation marking the layer that is the app's manifest file. */
  public static final String MANIFEST_FILE = "dev.wasmlet.manifest";

  private MediaTypes() {}
}
