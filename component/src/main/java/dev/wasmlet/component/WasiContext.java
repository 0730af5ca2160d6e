package dev.wasmlet.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What the WASI 0.2 host ({@link WasiHost}) gives one request's guest: environment variables,
 * arguments, stdin, where stdout and stderr go (each capped at {@link #MAX_OUTPUT} bytes), the
 * read-only directories it sees, its random sources and its clocks. The host attaches one per store
 * ({@code store.attach(WasiContext.class, context)}); the builder's defaults give nothing away.
 */
public final class WasiContext {
  /** Bytes a guest may write to each of stdout and stderr in one request. */
  public static final long MAX_OUTPUT = 1 << 20;

  private static final SecureRandom SECURE = new SecureRandom();

  /** Where the default monotonic clock starts, so that its instants are small and positive. */
  private static final long ORIGIN = System.nanoTime();

  /**
   * A host directory the guest sees, read-only, at {@code guestPath}.
   *
   * @param guestPath the name the guest sees, e.g. {@code /data}
   * @param root the host directory, as a real path (symlinks resolved)
   */
  public record Preopen(String guestPath, Path root) {}

  private final List<Map.Entry<String, String>> environment;
  private final List<String> arguments;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final List<Preopen> preopens;
  private final RandomGenerator random;
  private final RandomGenerator insecureRandom;
  private final Clock wallClock;
  private final LongSupplier monotonicNanos;

  private WasiContext(Builder b) {
    environment = List.copyOf(b.environment);
    arguments = List.copyOf(b.arguments);
    stdin = b.stdin;
    stdout = b.stdout;
    stderr = b.stderr;
    preopens = List.copyOf(b.preopens);
    random = b.random;
    insecureRandom =
        b.insecureRandom != null ? b.insecureRandom : new SplittableRandom(SECURE.nextLong());
    wallClock = b.wallClock;
    monotonicNanos = b.monotonicNanos;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No environment, no arguments, empty stdin, output discarded, no directories. */
  public static WasiContext empty() {
    return builder().build();
  }

  public List<Map.Entry<String, String>> environment() {
    return environment;
  }

  public List<String> arguments() {
    return arguments;
  }

  public InputStream stdin() {
    return stdin;
  }

  public OutputStream stdout() {
    return stdout;
  }

  public OutputStream stderr() {
    return stderr;
  }

  public List<Preopen> preopens() {
    return preopens;
  }

  /** The source of {@code wasi:random/random}: cryptographically strong. */
  public RandomGenerator random() {
    return random;
  }

  /** The source of {@code wasi:random/insecure}. */
  public RandomGenerator insecureRandom() {
    return insecureRandom;
  }

  /** The source of {@code wasi:clocks/wall-clock}. */
  public Clock wallClock() {
    return wallClock;
  }

  /** Nanoseconds of {@code wasi:clocks/monotonic-clock}. */
  public long monotonicNanos() {
    return monotonicNanos.getAsLong();
  }

  public static final class Builder {
    private List<Map.Entry<String, String>> environment = new ArrayList<>();
    private List<String> arguments = List.of();
    private InputStream stdin = InputStream.nullInputStream();
    private OutputStream stdout = OutputStream.nullOutputStream();
    private OutputStream stderr = OutputStream.nullOutputStream();
    private final List<Preopen> preopens = new ArrayList<>();
    private RandomGenerator random = SECURE;
    private RandomGenerator insecureRandom;
    private Clock wallClock = Clock.systemUTC();
    private LongSupplier monotonicNanos = () -> System.nanoTime() - ORIGIN;

    private Builder() {}

    /** Replaces the environment variables, kept in order. */
    public Builder withEnvironment(List<Map.Entry<String, String>> variables) {
      environment = new ArrayList<>(variables);
      return this;
    }

    /** Adds one environment variable after those already given. */
    public Builder withEnvironmentVariable(String name, String value) {
      environment.add(Map.entry(name, value));
      return this;
    }

    public Builder withArguments(List<String> args) {
      arguments = List.copyOf(args);
      return this;
    }

    public Builder withStdin(InputStream in) {
      stdin = Objects.requireNonNull(in);
      return this;
    }

    /** Where stdout goes; the caller bounds it, and the guest may write {@link #MAX_OUTPUT}. */
    public Builder withStdout(OutputStream out) {
      stdout = Objects.requireNonNull(out);
      return this;
    }

    /** Where stderr goes; the caller bounds it, and the guest may write {@link #MAX_OUTPUT}. */
    public Builder withStderr(OutputStream out) {
      stderr = Objects.requireNonNull(out);
      return this;
    }

    /**
     * Lets the guest read {@code hostDir} (and nothing outside it) at {@code guestPath}.
     *
     * @throws IllegalArgumentException if {@code hostDir} is not an existing directory or {@code
     *     guestPath} is empty or already given
     */
    public Builder withPreopen(String guestPath, Path hostDir) {
      if (guestPath.isEmpty()) {
        throw new IllegalArgumentException("a preopened directory needs a guest path");
      }
      for (Preopen p : preopens) {
        if (p.guestPath().equals(guestPath)) {
          throw new IllegalArgumentException("guest path \"" + guestPath + "\" is given twice");
        }
      }
      Path real;
      try {
        real = hostDir.toRealPath();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "guest path \"" + guestPath + "\": cannot open " + hostDir + ": " + e, e);
      }
      if (!Files.isDirectory(real)) {
        throw new IllegalArgumentException(
            "guest path \"" + guestPath + "\": " + hostDir + " is not a directory");
      }
      preopens.add(new Preopen(guestPath, real));
      return this;
    }

    /** The source of {@code wasi:random/random} (default: a shared {@link SecureRandom}). */
    public Builder withRandom(RandomGenerator source) {
      random = Objects.requireNonNull(source);
      return this;
    }

    /** The source of {@code wasi:random/insecure} (default: a fresh, securely seeded one). */
    public Builder withInsecureRandom(RandomGenerator source) {
      insecureRandom = Objects.requireNonNull(source);
      return this;
    }

    public Builder withWallClock(Clock clock) {
      wallClock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * The monotonic clock in nanoseconds, read as unsigned (default: {@link System#nanoTime} since
     * this class loaded).
     */
    public Builder withMonotonicClock(LongSupplier nanos) {
      monotonicNanos = Objects.requireNonNull(nanos);
      return this;
    }

    public WasiContext build() {
      return new WasiContext(this);
    }
  }
}
