package dev.wasmlet.app;

/** Which dialect a manifest is written in; both lock to the same {@link LockedApp}. */
public enum ManifestFormat {
  /** {@code wasmlet.toml}, {@code wasmlet_manifest_version = 1}; WAGI is the default executor. */
  WASMLET("wasmlet_manifest_version", 1),
  /** A Spin {@code spin.toml}, {@code spin_manifest_version = 2}, using the WAGI executor. */
  SPIN("spin_manifest_version", 2);

  private final String versionKey;
  private final long supportedVersion;

  ManifestFormat(String versionKey, long supportedVersion) {
    this.versionKey = versionKey;
    this.supportedVersion = supportedVersion;
  }

  /** The top-level key that names the manifest version. */
  public String versionKey() {
    return versionKey;
  }

  /** The one manifest version of this format that Wasmlet reads. */
  public long supportedVersion() {
    return supportedVersion;
  }
}
