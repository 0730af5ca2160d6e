package dev.wasmlet.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lays a pulled artifact out as an app directory under the store's {@code apps/<digest hex>}, from
 * blobs read (and so checked) from the store. An app pushed by Wasmlet is laid out file by file at
 * its layers' titles; an app pushed by Spin is laid out from its locked app with a written {@code
 * wasmlet.toml} ({@link SpinLayout}); a plain single-module artifact becomes {@code module.wasm}
 * with a written {@code wasmlet.toml} serving every path. Built in a temp directory and renamed
 * into place, replacing an earlier layout, so a half-written app is never seen.
 */
public final class AppLayout {
  private static final Pattern SAFE_PATH =
      Pattern.compile(
          "(?!\\.{1,2}(?:/|$))[A-Za-z0-9_@+=,-][A-Za-z0-9._@+=,-]*"
              + "(?:/(?!\\.{1,2}(?:/|$))[A-Za-z0-9_@+=,-][A-Za-z0-9._@+=,-]*)*");

  private AppLayout() {}

  /**
   * @throws ArtifactUnsupported when the artifact is neither kind, or a layer's path would leave
   *     the app directory
   * @throws DigestMismatch when a blob in the store was changed
   */
  public static PulledApp materialize(ContentStore store, Reference ref) {
    String digest = ref.digest().orElseThrow();
    ImageManifest manifest = ImageManifest.parse(store.read(digest), ref.toString());
    Path apps = store.root().resolve("apps");
    Path target = apps.resolve(Sha256.hex(digest));
    try {
      Files.createDirectories(apps);
      Path tmp = Files.createTempDirectory(apps, ".tmp-");
      boolean plain;
      try {
        plain = layOut(store, ref, manifest, tmp);
        if (Files.exists(target)) {
          delete(target);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target);
        }
      } finally {
        if (Files.exists(tmp)) {
          delete(tmp);
        }
      }
      return new PulledApp(ref, digest, target, plain);
    } catch (IOException e) {
      throw new StoreFailed("cannot lay out " + ref + " under " + apps + ": " + e.getMessage(), e);
    }
  }

  /**
   * What an artifact lays out as, without reading any layer: each file's path in the app and either
   * the layer it is copied from or the bytes written for it (the manifest of a plain module or of a
   * Spin app, content Spin inlined). The server compares a deploy's files with this to prove they
   * are the artifact's. An artifact pushed by Spin 2 or later keeps its locked app in a layer; use
   * {@link #plan(Reference, ImageManifest, byte[], Function)} for it.
   *
   * @param config the artifact's config blob, already checked against its digest
   * @throws ArtifactUnsupported when the artifact is none of the kinds, a layer's path would leave
   *     the app directory, or a Spin app holds what Wasmlet cannot express
   */
  public static Plan plan(Reference ref, ImageManifest m, byte[] config) {
    return plan(
        ref,
        m,
        config,
        layer -> {
          throw new ArtifactUnsupported(
              ref
                  + ": the artifact was pushed by Spin 2 or later and keeps its locked app in layer "
                  + layer.digest()
                  + ", which was not read; plan it with that layer's bytes",
              null);
        });
  }

  /**
   * As {@link #plan(Reference, ImageManifest, byte[])}, reading at most one layer: the locked app
   * of an artifact pushed by Spin 2 or later.
   *
   * @param lockedAppLayer the bytes of a layer, checked against its digest
   */
  public static Plan plan(
      Reference ref, ImageManifest m, byte[] config, Function<Blob, byte[]> lockedAppLayer) {
    boolean hasManifestFile =
        m.layers().stream().anyMatch(l -> l.annotations().containsKey(MediaTypes.MANIFEST_FILE));
    boolean spinConfig = m.config().mediaType().equals(MediaTypes.SPIN_CONFIG);
    if (spinConfig && hasManifestFile) {
      return wasmletApp(ref, m);
    }
    List<Blob> lockedApps =
        m.layers().stream().filter(l -> l.mediaType().equals(MediaTypes.SPIN_CONFIG)).toList();
    if (lockedApps.size() > 1) {
      throw new ArtifactUnsupported(
          ref
              + ": "
              + lockedApps.size()
              + " layers hold a Spin locked app; the artifact is refused",
          null);
    }
    if (lockedApps.size() == 1) {
      return SpinLayout.plan(ref, m, lockedAppLayer.apply(lockedApps.get(0)));
    }
    if (spinConfig) {
      return SpinLayout.plan(ref, m, config);
    }
    List<Blob> modules =
        m.layers().stream()
            .filter(
                l ->
                    l.mediaType().equals(MediaTypes.PLAIN_WASM)
                        || l.mediaType().equals(MediaTypes.WASM_LAYER))
            .toList();
    if (modules.size() == 1 && m.layers().size() == 1) {
      Map<String, Plan.Content> files = new LinkedHashMap<>();
      files.put("module.wasm", new Plan.Layer(modules.get(0).digest()));
      files.put(
          "wasmlet.toml", new Plan.Written(plainManifest(ref).getBytes(StandardCharsets.UTF_8)));
      return new Plan(files, "wasmlet.toml", true);
    }
    throw new ArtifactUnsupported(
        ref
            + " is neither a Spin app (a "
            + MediaTypes.SPIN_CONFIG
            + " config or layer) nor a single Wasm module (one "
            + MediaTypes.PLAIN_WASM
            + " layer); its config is "
            + m.config().mediaType()
            + " with "
            + m.layers().size()
            + " layers. Push it with wasmlet push or spin registry push",
        null);
  }

  private static Plan wasmletApp(Reference ref, ImageManifest m) {
    Map<String, Plan.Content> files = new LinkedHashMap<>();
    List<String> manifests = new java.util.ArrayList<>();
    for (Blob layer : m.layers()) {
      String title =
          layer
              .title()
              .orElseThrow(
                  () ->
                      new ArtifactUnsupported(
                          ref
                              + ": layer "
                              + layer.digest()
                              + " has no "
                              + MediaTypes.TITLE
                              + " annotation naming its path in the app",
                          null));
      checkPath(title, ref);
      if (files.put(title, new Plan.Layer(layer.digest())) != null) {
        throw new ArtifactUnsupported(
            ref + ": two layers are titled \"" + title + "\"; the artifact is refused", null);
      }
      if (layer.annotations().containsKey(MediaTypes.MANIFEST_FILE)) {
        manifests.add(title);
      }
    }
    if (manifests.size() != 1) {
      throw new ArtifactUnsupported(
          ref
              + ": "
              + manifests.size()
              + " layers are marked "
              + MediaTypes.MANIFEST_FILE
              + " "
              + manifests
              + "; an app has exactly one manifest, so the artifact is refused",
          null);
    }
    return new Plan(files, manifests.get(0), false);
  }

  private static boolean layOut(ContentStore store, Reference ref, ImageManifest m, Path dir)
      throws IOException {
    Plan plan = plan(ref, m, store.read(m.config().digest()), l -> store.read(l.digest()));
    for (Map.Entry<String, Plan.Content> e : plan.files().entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      switch (e.getValue()) {
        case Plan.Layer l -> store.copyTo(l.digest(), file);
        case Plan.Written w -> Files.write(file, w.bytes());
      }
    }
    return plan.plainModule();
  }

  /** Whether a path is plain and relative: no {@code ..} or {@code .}, no leading or double /. */
  static boolean isSafePath(String path) {
    Path dir = Path.of("/app");
    Path p = dir.resolve(path).normalize();
    return SAFE_PATH.matcher(path).matches() && p.startsWith(dir) && !p.equals(dir);
  }

  private static void checkPath(String title, Reference ref) {
    if (!isSafePath(title)) {
      throw new ArtifactUnsupported(
          ref
              + ": layer path \""
              + title
              + "\" is not a plain relative path inside the app"
              + " (no \"..\", no leading /); the artifact is refused",
          null);
    }
  }

  /** A manifest serving every path with the module, named after the repository. */
  public static String plainManifest(Reference ref) {
    String name = name(ref);
    String version = ref.tag().filter(t -> t.matches("[A-Za-z0-9._-]+")).orElse("0.0.0");
    return "wasmlet_manifest_version = 1\n\n"
        + "[application]\n"
        + "name = \""
        + name
        + "\"\n"
        + "version = \""
        + version
        + "\"\n"
        + "description = \"Pulled from "
        + ref.registry()
        + "/"
        + ref.repository()
        + ": a single Wasm module\"\n\n"
        + "[[trigger.http]]\n"
        + "route = \"/...\"\n"
        + "component = \"main\"\n"
        + "executor = { type = \"wagi\" }\n\n"
        + "[component.main]\n"
        + "source = \"module.wasm\"\n";
  }

  /** An app name from the repository's last segment, for an artifact that names none. */
  static String name(Reference ref) {
    String last = ref.repository().substring(ref.repository().lastIndexOf('/') + 1);
    String name = last.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0))) {
      name = "app" + name;
    }
    if (name.length() > 63) {
      name = name.substring(0, 63);
    }
    return name;
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
