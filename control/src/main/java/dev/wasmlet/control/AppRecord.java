package dev.wasmlet.control;

import dev.wasmlet.gateway.AdmissionLimits;
import dev.wasmlet.gateway.AppRouting;
import java.time.Instant;

/** An app as the store keeps it: its name, how requests reach it and its admission limits. */
public record AppRecord(
    String name, AppRouting routing, AdmissionLimits admission, Instant createdAt) {}
