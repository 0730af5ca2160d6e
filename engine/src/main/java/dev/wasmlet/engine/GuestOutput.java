package dev.wasmlet.engine;

/** What a finished guest left behind: its exit code and its standard output. */
public record GuestOutput(int exitCode, byte[] stdout) {}
