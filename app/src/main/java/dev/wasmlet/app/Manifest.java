package dev.wasmlet.app;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest as the user wrote it: lenient, versioned, nothing resolved or checked against the file
 * system. {@link Manifests#lock} turns it into the {@link LockedApp} that runs.
 */
public final class Manifest {
  private final Path file;
  private final ManifestFormat format;
  private final long manifestVersion;
  private final ApplicationSpec application;
  private final Map<String, VariableSpec> variables;
  private final List<TriggerSpec> triggers;
  private final Map<String, ComponentSpec> components;
  private final Lines lines;

  Manifest(
      Path file,
      ManifestFormat format,
      long manifestVersion,
      ApplicationSpec application,
      Map<String, VariableSpec> variables,
      List<TriggerSpec> triggers,
      Map<String, ComponentSpec> components,
      Lines lines) {
    this.file = file;
    this.format = format;
    this.manifestVersion = manifestVersion;
    this.application = application;
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    this.triggers = List.copyOf(triggers);
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    this.lines = lines;
  }

  /** The manifest file, as it was given. */
  public Path file() {
    return file;
  }

  public ManifestFormat format() {
    return format;
  }

  /** The value of {@code wasmlet_manifest_version} or {@code spin_manifest_version}. */
  public long manifestVersion() {
    return manifestVersion;
  }

  public ApplicationSpec application() {
    return application;
  }

  /** The app variables of {@code [variables]}, in the order written. */
  public Map<String, VariableSpec> variables() {
    return variables;
  }

  /** The {@code [[trigger.http]]} entries, in the order written. */
  public List<TriggerSpec> triggers() {
    return triggers;
  }

  /** The {@code [component.X]} tables by id, in the order written. */
  public Map<String, ComponentSpec> components() {
    return components;
  }

  /** Where each key was written, for error messages. */
  Lines lines() {
    return lines;
  }

  @Override
  public String toString() {
    return "Manifest[" + file + ", " + format + " v" + manifestVersion + ", " + application + "]";
  }
}
