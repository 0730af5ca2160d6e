package dev.wasmlet.control;

import dev.wasmlet.app.AppException;
import dev.wasmlet.app.LockedApp;
import dev.wasmlet.app.Manifest;
import dev.wasmlet.app.Manifests;
import dev.wasmlet.app.VariableSpec;
import dev.wasmlet.engine.Engine;
import dev.wasmlet.engine.EngineException;
import dev.wasmlet.gateway.GatewayException;
import dev.wasmlet.gateway.ServedApp;
import dev.wasmlet.gateway.ServedRevision;
import dev.wasmlet.spin.AppData;
import dev.wasmlet.spin.AppDataRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns uploaded files into revisions and revisions into served ones. Locking is the same as for
 * {@code wasmlet up} ({@link Manifests#lock}); the server adds the app's variables and secrets as
 * the values of the manifest's declared variables.
 */
final class Revisions {
  private static final Pattern FILE_PATH =
      Pattern.compile("[A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+ -]+)*");

  private final Workspace workspace;
  private final BlobStore blobs;
  private final VariableStore variables;
  private final Engine engine;
  private final AppDataRoot appData;

  Revisions(
      Workspace workspace,
      BlobStore blobs,
      VariableStore variables,
      Engine engine,
      AppDataRoot appData) {
    this.appData = appData;
    this.workspace = workspace;
    this.blobs = blobs;
    this.variables = variables;
    this.engine = engine;
  }

  /** The durable data of app {@code app}, shared by its revisions. */
  AppData appData(String app) {
    return appData.forApp(app);
  }

  /** A revision checked and staged, not yet numbered or stored. */
  record Staged(Path dir, RevisionSource source, Revision draft) {
    Staged withVerification(Verification v) {
      return new Staged(dir, source, draft.withVerification(v));
    }
  }

  /**
   * Checks the source, lays it out, locks it with the app's current variables and secrets, and
   * compiles and instantiates every component, so that an app that cannot run is refused before
   * anything about it is stored.
   *
   * @param currentVars the app's variables now
   * @param currentSecrets the app's secrets now, by name and current version
   * @param newSecretValues values of secret versions not stored yet (they commit with the revision)
   * @throws ApiProblem 400 for a bad source, 422 for an app that does not lock or load
   */
  Staged stage(
      String app,
      RevisionSource source,
      String cause,
      Map<String, String> currentVars,
      Map<String, Integer> currentSecrets,
      Map<String, String> newSecretValues) {
    checkSource(source);
    Path dir = workspace.stage(source);
    try {
      Manifest manifest = parse(dir, source.manifest());
      Map<String, String> given = new LinkedHashMap<>();
      Map<String, Integer> secretRefs = new LinkedHashMap<>();
      Map<String, String> values = new LinkedHashMap<>();
      for (VariableSpec v : manifest.variables().values()) {
        if (currentVars.containsKey(v.name())) {
          given.put(v.name(), currentVars.get(v.name()));
          values.put(v.name(), currentVars.get(v.name()));
        } else if (currentSecrets.containsKey(v.name())) {
          int version = currentSecrets.get(v.name());
          secretRefs.put(v.name(), version);
          values.put(
              v.name(),
              newSecretValues.containsKey(v.name())
                  ? newSecretValues.get(v.name())
                  : variables.open(app, v.name(), version));
        }
      }
      LockedApp locked = lock(dir, source, values);
      try (ServedApp served = load(dir, locked, appData.forApp(app))) {
        served.instantiateAll();
      } catch (EngineException | GatewayException e) {
        throw invalidApp(dir, e.getMessage());
      }
      Map<String, String> components = new LinkedHashMap<>();
      locked.components().forEach((id, c) -> components.put(id, "sha256:" + c.sha256()));
      Revision draft =
          new Revision(
              app,
              0,
              digest(source, given, secretRefs),
              Instant.now(),
              cause,
              Revision.State.READY,
              Optional.empty(),
              source,
              given,
              secretRefs,
              locked.healthRoute(),
              components,
              Optional.empty());
      return new Staged(dir, source, draft);
    } catch (RuntimeException e) {
      workspace.discard(dir);
      throw e;
    }
  }

  /** Loads a stored revision to serve it: laid out again from blobs if its directory is gone. */
  ServedRevision load(Revision r) {
    Path dir = workspace.materialize(r.app(), r.number(), r.source());
    Map<String, String> values = new LinkedHashMap<>(r.variables());
    r.secrets()
        .forEach((name, version) -> values.put(name, variables.open(r.app(), name, version)));
    LockedApp locked = lock(dir, r.source(), values);
    checkRecordedDigests(r, locked);
    ServedApp served = load(dir, locked, appData.forApp(r.app()));
    try {
      served.instantiateAll();
    } catch (EngineException e) {
      served.close();
      throw new ControlException(
          "revision " + r.number() + " of " + r.app() + ": " + stripDir(dir, e.getMessage()), e);
    }
    return new ServedRevision(r.app(), r.number(), served);
  }

  /**
   * Every module that is about to run must be the one the revision recorded when it was deployed: a
   * revision is digest-pinned, so a file changed on disk after the deploy is refused, never served
   * under the old digest.
   */
  private static void checkRecordedDigests(Revision r, LockedApp locked) {
    for (var c : locked.components().values()) {
      String now = "sha256:" + c.sha256();
      String recorded = r.components().get(c.id());
      if (!now.equals(recorded)) {
        throw new ControlException(
            "revision "
                + r.number()
                + " of "
                + r.app()
                + ": component \""
                + c.id()
                + "\" module is "
                + now
                + " but the revision recorded "
                + (recorded == null ? "no such component" : recorded)
                + "; its files changed after the deploy, so it is not served (deploy it again)");
      }
    }
    if (!locked.components().keySet().equals(r.components().keySet())) {
      throw new ControlException(
          "revision "
              + r.number()
              + " of "
              + r.app()
              + ": its components are "
              + locked.components().keySet()
              + " but the revision recorded "
              + r.components().keySet()
              + "; it is not served (deploy it again)");
    }
  }

  private ServedApp load(Path dir, LockedApp locked, AppData data) {
    try {
      return ServedApp.load(engine, locked, data);
    } catch (GatewayException e) {
      throw invalidApp(dir, e.getMessage());
    }
  }

  private static Manifest parse(Path dir, String manifest) {
    try {
      return Manifests.parse(dir.resolve(manifest));
    } catch (AppException e) {
      throw invalidApp(dir, e.getMessage());
    }
  }

  private static LockedApp lock(Path dir, RevisionSource source, Map<String, String> values) {
    try {
      return Manifests.lockConfined(dir.resolve(source.manifest()), values, source.overrides());
    } catch (AppException e) {
      throw invalidApp(dir, e.getMessage());
    }
  }

  /**
   * Checks a source's shape: file count, relative paths, digest syntax, the manifest among the
   * files, and every blob uploaded.
   *
   * @throws ApiProblem 400 naming the first culprit
   */
  void checkSource(RevisionSource source) {
    checkSource(source, true);
  }

  /**
   * As {@link #checkSource(RevisionSource)}; the blobs are not looked for when {@code uploaded} is
   * false (a review before the upload).
   */
  void checkSource(RevisionSource source, boolean uploaded) {
    if (source.files().isEmpty()) {
      throw ApiProblem.invalid("the deployment names no files; upload the app's files first");
    }
    if (source.files().size() > 10_000) {
      throw ApiProblem.invalid("the deployment names more than 10000 files");
    }
    for (Map.Entry<String, String> f : source.files().entrySet()) {
      String p = f.getKey();
      if (p.length() > 512
          || !FILE_PATH.matcher(p).matches()
          || p.equals(".")
          || p.startsWith("./")
          || p.contains("/./")
          || p.contains("..")) {
        throw ApiProblem.invalid(
            "file path \""
                + Sanitize.quote(p)
                + "\" is not allowed; paths are relative, '/'-separated, without '..', '.' or"
                + " control characters, at most 512 characters");
      }
      BlobStore.checkDigest(f.getValue());
      if (uploaded && !blobs.has(f.getValue())) {
        throw ApiProblem.invalid(
            "file \""
                + p
                + "\" ("
                + f.getValue()
                + ") was not uploaded; PUT it to /api/v1/blobs first");
      }
    }
    if (!source.files().containsKey(source.manifest())) {
      throw ApiProblem.invalid(
          "the manifest \""
              + Sanitize.quote(source.manifest())
              + "\" is not among the uploaded files; name one of them as \"manifest\"");
    }
  }

  private static ApiProblem invalidApp(Path dir, String message) {
    return new ApiProblem(422, "invalid-app", stripDir(dir, message));
  }

  /** Messages name files relative to the app, never the server's own paths. */
  static String stripDir(Path dir, String message) {
    String m = message == null ? "" : message;
    return m.replace(dir.toAbsolutePath() + "/", "").replace(dir.toAbsolutePath().toString(), ".");
  }

  private static String digest(
      RevisionSource source, Map<String, String> given, Map<String, Integer> secrets) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("manifest", source.manifest());
    all.put("files", source.files());
    all.put("variables", new java.util.TreeMap<>(given));
    all.put("secrets", new java.util.TreeMap<>(secrets));
    if (!source.overrides().isEmpty()) { // left out when empty: earlier digests stay as they were
      all.put("overrides", OverridesJson.write(source.overrides()));
    }
    String canonical = Json.write(all);
    return "sha256:"
        + HexFormat.of()
            .formatHex(BlobStore.sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
  }

  Workspace workspace() {
    return workspace;
  }
}
