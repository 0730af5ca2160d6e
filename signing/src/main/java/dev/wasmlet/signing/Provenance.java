package dev.wasmlet.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts of one build, written as a SLSA Provenance v1 predicate
 * (https://slsa.dev/spec/v1.0/provenance). Built with {@link #builder()}.
 */
public record Provenance(
    String builderId,
    String buildType,
    Optional<GitSource> source,
    String buildCommand,
    List<Material> materials,
    String invocationId,
    Instant startedOn,
    Instant finishedOn) {

  /** Wasmlet's build type: a {@code wasmlet push} or {@code wasmlet build} of an app directory. */
  public static final String BUILD_TYPE = "https://wasmlet.dev/build/v1";

  public Provenance {
    materials = List.copyOf(materials);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The predicate JSON. */
  public ObjectNode toPredicate() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode p = f.objectNode();
    ObjectNode def = p.putObject("buildDefinition");
    def.put("buildType", buildType);
    ObjectNode ext = def.putObject("externalParameters");
    source.ifPresent(
        s -> ext.putObject("source").put("repository", s.repository()).put("commit", s.commit()));
    ext.put("buildCommand", buildCommand);
    var deps = def.putArray("resolvedDependencies");
    source.ifPresent(
        s -> {
          ObjectNode d = deps.addObject().put("uri", s.dependencyUri());
          d.putObject("digest").put("gitCommit", s.commit());
        });
    for (Material m : materials) {
      deps.addObject().put("uri", m.uri()).putObject("digest").put("sha256", m.sha256());
    }
    ObjectNode run = p.putObject("runDetails");
    run.putObject("builder").put("id", builderId);
    run.putObject("metadata")
        .put("invocationId", invocationId)
        .put("startedOn", startedOn.toString())
        .put("finishedOn", finishedOn.toString());
    return p;
  }

  /** The builder id of a provenance predicate, or empty. */
  static Optional<String> builderId(JsonNode predicate) {
    return text(predicate.path("runDetails").path("builder").path("id"));
  }

  /** The source repository of a provenance predicate, or empty. */
  static Optional<String> sourceRepository(JsonNode predicate) {
    return text(
        predicate
            .path("buildDefinition")
            .path("externalParameters")
            .path("source")
            .path("repository"));
  }

  private static Optional<String> text(JsonNode n) {
    return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
  }

  /** Builds a {@link Provenance}; builder id and build command are required. */
  public static final class Builder {
    private String builderId = "";
    private String buildType = BUILD_TYPE;
    private Optional<GitSource> source = Optional.empty();
    private String buildCommand = "";
    private final List<Material> materials = new ArrayList<>();
    private String invocationId = java.util.UUID.randomUUID().toString();
    private Instant startedOn = Instant.now();
    private Instant finishedOn = startedOn;

    private Builder() {}

    public Builder withBuilderId(String id) {
      this.builderId = id;
      return this;
    }

    public Builder withBuildType(String type) {
      this.buildType = type;
      return this;
    }

    public Builder withSource(GitSource s) {
      this.source = Optional.of(s);
      return this;
    }

    public Builder withBuildCommand(String command) {
      this.buildCommand = command;
      return this;
    }

    public Builder withMaterial(String uri, String sha256) {
      this.materials.add(new Material(uri, sha256));
      return this;
    }

    /**
     * A file of the app, by its path relative to the app directory ({@code static/a b.html}),
     * recorded as the URI {@code file:static/a%20b.html}.
     */
    public Builder withFileMaterial(String relativePath, String sha256) {
      return withMaterial("file:" + ResourceUri.encodePath(relativePath), sha256);
    }

    public Builder withInvocationId(String id) {
      this.invocationId = id;
      return this;
    }

    public Builder withStartedOn(Instant t) {
      this.startedOn = t;
      return this;
    }

    public Builder withFinishedOn(Instant t) {
      this.finishedOn = t;
      return this;
    }

    public Provenance build() {
      if (builderId.isEmpty() || buildCommand.isEmpty()) {
        throw new SigningException("provenance needs a builder id and a build command");
      }
      return new Provenance(
          builderId,
          buildType,
          source,
          buildCommand,
          materials,
          invocationId,
          startedOn,
          finishedOn);
    }
  }
}
