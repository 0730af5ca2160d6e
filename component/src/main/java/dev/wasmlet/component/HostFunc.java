package dev.wasmlet.component;

/**
 * A host function a component imports. Arguments arrive lifted (see {@link WitType} for the Java
 * value of each type), with handles already resolved to the resource's host object; an own handle
 * the host returns is a host object, which the executor enters into the guest's handle table. A
 * host function that throws traps the guest's call (the message is the trap's).
 */
@FunctionalInterface
public interface HostFunc {
  Object call(Store store, Object[] args);
}
