package dev.wasmlet.cli;

import dev.wasmlet.client.Admission;
import dev.wasmlet.client.AppDetail;
import dev.wasmlet.client.AppPacker;
import dev.wasmlet.client.ClientException;
import dev.wasmlet.client.DeployedArtifact;
import dev.wasmlet.client.Deployment;
import dev.wasmlet.client.Names;
import dev.wasmlet.client.PackedApp;
import dev.wasmlet.client.Rollout;
import dev.wasmlet.client.RolloutStrategy;
import dev.wasmlet.client.ServerStatus;
import dev.wasmlet.client.UploadReport;
import dev.wasmlet.client.Verification;
import dev.wasmlet.kube.ArtifactForDeploy;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import dev.wasmlet.trust.TrustException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wasmlet deploy}: upload an app's files to a server and roll the new revision out. */
@Command(
    mixinStandardHelpOptions = true,
    name = "deploy",
    description =
        "Upload an app (a directory with wasmlet.toml or spin.toml, or the manifest) to the"
            + " server and roll it out as a new revision.")
final class DeployCommand extends ClientCommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "APP",
      description = "App directory or manifest file (default: the current directory).")
  Optional<Path> app;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "App name on the server (default: the manifest's application name).")
  Optional<String> name;

  @Option(
      names = "--strategy",
      paramLabel = "STRATEGY",
      defaultValue = "all-at-once",
      description = "all-at-once, canary or blue-green (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(
      names = "--steps",
      paramLabel = "PERCENTS",
      split = ",",
      description = "Canary steps, rising and ending at 100 (default: 10,50,100).")
  List<Integer> steps = List.of();

  @Option(
      names = "--step-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long each canary step lasts (default: 30s).")
  Optional<Duration> stepInterval;

  @Option(
      names = "--max-error-rate",
      paramLabel = "RATE",
      description = "Share of 5xx answers (0..1) that rolls the canary back (default: 0.05).")
  Optional<Double> maxErrorRate;

  @Option(
      names = "--max-p99",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "99th-percentile latency that rolls the canary back (default: 2s).")
  Optional<Duration> maxP99;

  @Option(
      names = "--min-requests",
      paramLabel = "N",
      description = "Requests a canary step needs before it is judged (default: 20).")
  Optional<Integer> minRequests;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Host name to route to the app (repeatable; default: any host).")
  List<String> hosts = List.of();

  @Option(
      names = "--prefix",
      paramLabel = "PATH",
      description = "Path prefix of the app (default: /NAME without --host, / with it).")
  Optional<String> prefix;

  @Option(
      names = "--max-concurrency",
      paramLabel = "N",
      description = "Guests of this app that may run at once (with --max-queue).")
  Optional<Integer> maxConcurrency;

  @Option(
      names = "--max-queue",
      paramLabel = "N",
      description = "Requests of this app that may wait for a guest (with --max-concurrency).")
  Optional<Integer> maxQueue;

  @Mixin WaitOptions wait;

  @Option(
      names = {"-f", "--from"},
      paramLabel = "REF",
      description =
          "Deploy the app stored in a registry at REGISTRY/REPOSITORY:TAG (pulled and checked"
              + " locally first) instead of a directory.")
  Optional<String> from;

  @Mixin RegistryOptions registry;

  @Override
  int run() {
    RolloutStrategy chosen = strategy();
    Optional<Admission> admission = admission();
    PrintWriter err = err();
    Optional<DeployedArtifact> artifact = Optional.empty();
    Path dir = app.orElse(Path.of("."));
    if (from.isPresent()) {
      if (app.isPresent()) {
        throw new CliFailure(
            ExitCodes.USAGE, "give the app either as an argument or with --from, not both", null);
      }
      Pulled pulled = pull(registry.reference(from.get()));
      dir = pulled.dir();
      artifact = Optional.of(pulled.artifact());
    }
    PackedApp packed = AppPacker.pack(dir);
    String appName = Names.app(name.orElse(packed.name()));
    Deployment deployment =
        new Deployment(
            packed.manifest(), packed.fileMap(), chosen, hosts, prefix, admission, artifact);
    // asked before the upload, so a refused artifact is not uploaded at all
    Verification v = client().reviewAdmission(appName, deployment);
    if (!v.status().equals("unchecked")) {
      err.println(
          "admitted by the server's supply-chain policy: "
              + Describe.verification(v)
              + " ("
              + v.checks().size()
              + " checks passed)");
    }
    err.printf(
        "uploading %s: %d files, %s%n",
        appName, packed.files().size(), Bytes.of(packed.totalBytes()));
    err.flush();
    UploadReport report = AppPacker.upload(client(), packed, new UploadMeter(err));
    err.printf(
        "uploaded %d files (%s); %d already on the server%n",
        report.sent().size(), Bytes.of(report.bytesSent()), report.present().size());
    err.flush();
    Rollout started = client().deploy(appName, deployment);
    PrintWriter progress = json() ? err : out();
    progress.println(RolloutWatch.describe(started));
    progress.flush();
    if (wait.noWait) {
      return noWait(started);
    }
    Rollout done = new RolloutWatch(client(), progress).follow(started, wait.timeout);
    if (json()) {
      printJson(done.json());
    } else {
      out().println(RolloutWatch.succeeded(done));
      url(appName).ifPresent(u -> out().println("  " + u));
    }
    return ExitCodes.OK;
  }

  /** An artifact pulled for a deploy: its app directory and what the server checks it by. */
  private record Pulled(Path dir, DeployedArtifact artifact) {}

  /**
   * Pulls the artifact (every blob checked against its digest), and reads back what the server's
   * policy checks it by: its manifest and config, the locked app of an artifact pushed by Spin 2 or
   * later (a layer the server plans the app's files from), and the signature and provenance bundles
   * filed with it.
   */
  private Pulled pull(Reference ref) {
    try {
      Registry reg = registry.registry(ref, System.in);
      ArtifactForDeploy a = ArtifactForDeploy.pull(reg, ref, registry.contentStore());
      err().printf("pulled %s into %s%n", a.pulled().reference(), a.pulled().directory());
      return new Pulled(a.pulled().directory(), a.artifact());
    } catch (TrustException e) {
      throw RegistryOptions.failure(e);
    }
  }

  private int noWait(Rollout started) {
    if (json()) {
      printJson(started.json());
    } else {
      out().println("not waiting; follow it with: wasmlet app " + started.app());
    }
    return ExitCodes.OK;
  }

  /** Where the app answers, from the server's gateway address and the app's routing. */
  private Optional<String> url(String appName) {
    ServerStatus status;
    AppDetail detail;
    try {
      status = client().status();
      detail = client().app(appName);
    } catch (ClientException e) {
      return Optional.empty(); // the deploy succeeded; the address is only a convenience
    }
    String gateway = status.gateway();
    if (gateway.isEmpty()) {
      return Optional.empty();
    }
    String port = gateway.substring(gateway.lastIndexOf(':') + 1);
    String host = gateway.substring(0, gateway.lastIndexOf(':'));
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    List<String> routedHosts = detail.summary().routing().hosts();
    if (!routedHosts.isEmpty() && !routedHosts.get(0).startsWith("*")) {
      host = routedHosts.get(0);
    }
    String p = detail.summary().routing().prefix();
    return Optional.of("http://" + host + ":" + port + (p.equals("/") ? "/" : p));
  }

  private RolloutStrategy strategy() {
    RolloutStrategy base = RolloutStrategy.of(strategy);
    boolean tuned =
        !steps.isEmpty()
            || stepInterval.isPresent()
            || maxErrorRate.isPresent()
            || maxP99.isPresent()
            || minRequests.isPresent();
    if (!strategy.equals("canary")) {
      if (tuned) {
        throw usage(
            "--steps, --step-interval, --max-error-rate, --max-p99 and --min-requests apply to"
                + " --strategy canary only");
      }
      return base;
    }
    int last = 0;
    for (int s : steps) {
      if (s <= last || s > 100) {
        throw usage("--steps must rise within 1..100 and end at 100, e.g. 10,50,100");
      }
      last = s;
    }
    if (!steps.isEmpty() && last != 100) {
      throw usage("--steps must end at 100, e.g. 10,50,100");
    }
    if (maxErrorRate.isPresent() && (maxErrorRate.get() < 0 || maxErrorRate.get() > 1)) {
      throw usage("--max-error-rate must be within 0..1, e.g. 0.05 for 5%");
    }
    if (minRequests.isPresent() && minRequests.get() < 1) {
      throw usage("--min-requests must be at least 1");
    }
    return new RolloutStrategy(
        "canary",
        steps,
        stepInterval.map(Times::api),
        maxErrorRate,
        maxP99.map(Times::api),
        minRequests);
  }

  private Optional<Admission> admission() {
    if (maxConcurrency.isEmpty() && maxQueue.isEmpty()) {
      return Optional.empty();
    }
    if (maxConcurrency.isEmpty() || maxQueue.isEmpty()) {
      throw usage("give --max-concurrency and --max-queue together, e.g. 4 and 64");
    }
    if (maxConcurrency.get() < 1 || maxQueue.get() < 0) {
      throw usage("--max-concurrency must be at least 1 and --max-queue at least 0");
    }
    return Optional.of(new Admission(maxConcurrency.get(), maxQueue.get()));
  }

  private static CliFailure usage(String message) {
    return new CliFailure(ExitCodes.USAGE, message, null);
  }
}
