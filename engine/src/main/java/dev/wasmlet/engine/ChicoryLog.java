package dev.wasmlet.engine;

import com.dylibso.chicory.log.Logger;

/**
 * The one logger handed to every WASI context. Sharing it avoids a per-instance platform probe, and
 * its level is read once so that per-call trace statements cost a branch, not a lookup.
 */
final class ChicoryLog implements Logger {
  static final ChicoryLog INSTANCE = new ChicoryLog();

  private final System.Logger delegate = System.getLogger("dev.wasmlet.engine.wasi");
  private final boolean trace = delegate.isLoggable(System.Logger.Level.TRACE);
  private final boolean debug = delegate.isLoggable(System.Logger.Level.DEBUG);

  private ChicoryLog() {}

  @Override
  public void log(Level level, String msg, Throwable throwable) {
    delegate.log(map(level), msg, throwable);
  }

  @Override
  public boolean isLoggable(Level level) {
    return switch (level) {
      case ALL, TRACE -> trace;
      case DEBUG -> debug;
      case OFF -> false;
      default -> delegate.isLoggable(map(level));
    };
  }

  private static System.Logger.Level map(Level level) {
    return switch (level) {
      case ALL -> System.Logger.Level.ALL;
      case TRACE -> System.Logger.Level.TRACE;
      case DEBUG -> System.Logger.Level.DEBUG;
      case INFO -> System.Logger.Level.INFO;
      case WARNING -> System.Logger.Level.WARNING;
      case ERROR -> System.Logger.Level.ERROR;
      case OFF -> System.Logger.Level.OFF;
    };
  }
}
