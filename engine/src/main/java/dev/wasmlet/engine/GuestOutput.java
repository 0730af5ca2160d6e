package dev.wasmlet.engine;

/** What a finished guest left behind: its exit code and its standard output. */
// Bodies are passed, not copied, on the request path: callers must not mutate them.
@SuppressWarnings("ArrayRecordComponent")
public record GuestOutput(int exitCode, byte[] stdout) {}
