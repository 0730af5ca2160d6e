package dev.wasmlet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * App directories for tests, written from the example guests built in this repo: a "marker" app
 * (the Rust JSON API, whose answers carry its API_VERSION) that differs per revision, a guest that
 * traps on every request (500s), and one that loops until its timeout.
 */
public final class TestApps {
  private TestApps() {}

  public static Path root() {
    return Tools.root();
  }

  /** Answers {@code GET /api/items} with {@code "api_version":"<marker>"}. */
  public static Path marker(Path parent, String marker) throws IOException {
    return app(
        parent,
        "marker-" + marker,
        root().resolve("examples/json-api-rust/json-api.wasm"),
        "[component.api]\nsource = \"app.wasm\"\nenvironment = { API_VERSION = \""
            + marker
            + "\" }\n",
        "");
  }

  /** The marker app with a health route that always fails (it traps): no readiness check passes. */
  public static Path failingHealth(Path parent) throws IOException {
    Path dir = marker(parent, "sick");
    Files.copy(
        root().resolve("examples/misbehave/trap.wasm"),
        dir.resolve("trap.wasm"),
        StandardCopyOption.REPLACE_EXISTING);
    String m = Files.readString(dir.resolve("wasmlet.toml"));
    m = m.replace("name = \"test\"\n", "name = \"test\"\nhealth = \"/health\"\n");
    m +=
        "\n[[trigger.http]]\nroute = \"/health\"\ncomponent = \"health\"\n"
            + "executor = { type = \"wagi\" }\n\n[component.health]\nsource = \"trap.wasm\"\n";
    Files.writeString(dir.resolve("wasmlet.toml"), m);
    return dir;
  }

  /** Every request traps: 500. */
  public static Path trapping(Path parent) throws IOException {
    return app(
        parent,
        "trapping",
        root().resolve("examples/misbehave/trap.wasm"),
        "[component.api]\nsource = \"app.wasm\"\n",
        "");
  }

  /** Every request runs until its timeout ({@code timeout}). */
  public static Path looping(Path parent, String timeout) throws IOException {
    return app(
        parent,
        "looping",
        root().resolve("examples/misbehave/loop.wasm"),
        "[component.api]\nsource = \"app.wasm\"\n[component.api.limits]\ntimeout = \""
            + timeout
            + "\"\nmax_memory = \"16MiB\"\n",
        "");
  }

  /**
   * The marker app whose API_VERSION is a required secret variable {@code token}: the guest echoes
   * it, which proves it was given.
   */
  public static Path withSecret(Path parent) throws IOException {
    return app(
        parent,
        "secret",
        root().resolve("examples/json-api-rust/json-api.wasm"),
        "[component.api]\nsource = \"app.wasm\"\nvariables = { api_version = \"{{ token }}\" }\n",
        "[variables]\ntoken = { required = true, secret = true }\n");
  }

  /**
   * The marker app whose API_VERSION is {@code <version>-<token>}: {@code version} a plain variable
   * (default {@code unset}), {@code token} a required secret one. The guest echoes both.
   */
  public static Path withVariables(Path parent) throws IOException {
    return app(
        parent,
        "variables",
        root().resolve("examples/json-api-rust/json-api.wasm"),
        "[component.api]\nsource = \"app.wasm\"\n"
            + "variables = { api_version = \"{{ version }}-{{ token }}\" }\n",
        "[variables]\nversion = { default = \"unset\" }\n"
            + "token = { required = true, secret = true }\n");
  }

  private static Path app(Path parent, String name, Path wasm, String component, String vars)
      throws IOException {
    Path dir = parent.resolve(name);
    Files.createDirectories(dir);
    Files.copy(wasm, dir.resolve("app.wasm"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        dir.resolve("wasmlet.toml"),
        "wasmlet_manifest_version = 1\n\n[application]\nname = \"test\"\n\n"
            + vars
            + "\n[[trigger.http]]\nroute = \"/api/...\"\ncomponent = \"api\"\n"
            + "executor = { type = \"wagi\" }\n\n"
            + component);
    return dir;
  }
}
