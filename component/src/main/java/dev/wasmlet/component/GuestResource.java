package dev.wasmlet.component;

/**
 * A resource the component itself implements, held by the host: its type key and the guest's
 * representation. Passed back as a borrow it lowers to the representation (the component model's
 * rule for a resource going into its own implementation); as an own it becomes a handle again.
 */
public record GuestResource(String key, int rep) {}
