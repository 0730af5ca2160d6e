package dev.wasmlet.component;

import java.util.Map;

/**
 * One running instance of a component, used by one thread, for one request; {@link #close} gives
 * its memories back to be reset for a later request.
 */
public final class ComponentInstance implements AutoCloseable {
  private final LoadedComponent component;
  private final Store store;
  private final Map<String, Object> exports;
  private final Instantiation instantiation;
  private final int maxPages;

  /** Whether a call failed (trap, exit, interruption): the instance is then never reused. */
  private boolean failed;

  private boolean closed;

  ComponentInstance(
      LoadedComponent component,
      Store store,
      Map<String, Object> exports,
      Instantiation instantiation,
      int maxPages) {
    this.component = component;
    this.store = store;
    this.exports = exports;
    this.instantiation = instantiation;
    this.maxPages = maxPages;
  }

  /**
   * Ends this request's use of the instance: if every call returned normally, it may serve a later
   * request after being put back as instantiation left it; otherwise its memories are given back.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    component.finished(instantiation, maxPages, !failed);
  }

  public Store store() {
    return store;
  }

  /**
   * Calls function {@code func} of exported interface {@code iface} (matched with semver) with host
   * values; returns its result, or null for none.
   *
   * @throws ComponentTrap when the guest traps (its message names the function and the trap)
   * @throws GuestExit when the guest calls {@code wasi:cli/exit}
   */
  public Object call(String iface, String func, Object... args) {
    String key = Semver.key(iface);
    Object inst =
        exports.entrySet().stream()
            .filter(e -> Semver.key(e.getKey()).equals(key))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow(
                () ->
                    new ComponentException(
                        component.name()
                            + " does not export "
                            + iface
                            + " (it exports "
                            + exports.keySet()
                            + ")"));
    Object f = inst instanceof Map<?, ?> m ? m.get(func) : null;
    if (!(f instanceof RuntimeFunc.Lifted lifted)) {
      throw new ComponentException(component.name() + "'s " + iface + " has no function " + func);
    }
    if (lifted.type().params().size() != args.length) {
      throw new ComponentException(
          iface
              + "#"
              + func
              + " takes "
              + lifted.type().params().size()
              + " arguments, not "
              + args.length);
    }
    if (closed) {
      throw new ComponentException(component.name() + ": the instance was closed");
    }
    boolean returned = false;
    try {
      Object result = Calls.intoGuest(lifted, store, args);
      returned = true;
      return result;
    } catch (ComponentException e) {
      throw e; // already says what broke: an ABI trap, the guest's exit, a host refusal
    } catch (RuntimeException e) {
      // Chicory's traps (unreachable, out-of-bounds access, an interrupted guest) are its own
      // unchecked exceptions: callers of the component API see this module's type only
      throw new ComponentTrap(
          component.name() + ": " + iface + "#" + func + " trapped: " + WasiHttp.describe(e), e);
    } catch (StackOverflowError e) {
      throw new ComponentTrap(
          component.name() + ": " + iface + "#" + func + " trapped: call stack exhausted", e);
    } finally {
      if (!returned) {
        failed = true;
      }
    }
  }
}
