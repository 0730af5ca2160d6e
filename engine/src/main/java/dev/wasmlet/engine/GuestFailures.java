package dev.wasmlet.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;

/**
 * Names why a component's guest failed: each failure becomes a {@link GuestFailed} of one kind,
 * with a message that names the component and its module for the operator's log.
 */
final class GuestFailures {
  private final String id;
  private final CompiledModule module;
  private final GuestLimits limits;

  GuestFailures(String id, CompiledModule module, GuestLimits limits) {
    this.id = id;
    this.module = module;
    this.limits = limits;
  }

  GuestFailed classify(Throwable e, Instance instance, boolean timedOut) {
    if (causedBy(e, BoundedOutput.OutputLimitExceeded.class)) {
      return tooLarge();
    }
    // A guest whose memory.grow was refused usually traps soon after (malloc returned NULL). The
    // runtime does not report the refusal, so a failure with memory grown to within 10% of the
    // cap is classified as exhausting it.
    int cap = Math.min(limits.maxPages(), module.shape().declaredMaxPages());
    boolean memoryFull =
        instance != null
            && instance.memory() != null
            && instance.memory().pages() > module.shape().initialPages()
            && instance.memory().pages() * 10L >= cap * 9L;
    if (e instanceof OutOfMemoryError || (memoryFull && !(e instanceof StackOverflowError))) {
      return new GuestFailed(
          GuestFailed.Kind.MEMORY,
          prefix() + "exhausted its memory limit of " + limits.maxMemoryBytes() + " bytes",
          e);
    }
    if (timedOut || e instanceof ChicoryInterruptedException) {
      return timedOut();
    }
    if (e instanceof StackOverflowError) {
      return new GuestFailed(GuestFailed.Kind.TRAP, prefix() + "trapped: call stack exhausted");
    }
    String what = e instanceof TrapException ? "trapped: " : "failed: ";
    return new GuestFailed(GuestFailed.Kind.TRAP, prefix() + what + Engine.describe(e), e);
  }

  GuestFailed timedOut() {
    return new GuestFailed(
        GuestFailed.Kind.TIMEOUT, prefix() + "ran past its timeout of " + limits.timeout());
  }

  GuestFailed tooLarge() {
    return new GuestFailed(
        GuestFailed.Kind.RESPONSE_TOO_LARGE,
        prefix() + "wrote more than its max_response of " + limits.maxOutputBytes() + " bytes");
  }

  String prefix() {
    return "component \"" + id + "\" (module sha256:" + module.sha256().substring(0, 12) + ") ";
  }

  static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
