package dev.wasmlet.control;

import dev.wasmlet.gateway.HostedApp;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the server holds in memory for one app: the gateway's view of it, the revisions loaded, the
 * rollout running, the health probe counts. {@link #operations} serialises the API's changes to the
 * app; traffic changes happen under the object's monitor.
 */
final class AppRuntime {
  final String name;
  final ReentrantLock operations = new ReentrantLock();
  final Map<Integer, LoadedRevision> loaded = new ConcurrentHashMap<>();
  final Map<Integer, Integer> probeFailures = new ConcurrentHashMap<>();
  volatile HostedApp hosted;
  volatile Optional<Integer> standby = Optional.empty();
  volatile Thread job;
  volatile boolean healthy = true;

  AppRuntime(String name, HostedApp hosted) {
    this.name = name;
    this.hosted = hosted;
  }

  boolean rolling() {
    Thread t = job;
    return t != null && t.isAlive();
  }
}
