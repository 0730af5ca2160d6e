#!/usr/bin/env bash
# (Re)creates the AppCDS archive when it is missing or older than the CLI jar: one `wasmlet up
# --check` of the bundled hello app with -XX:ArchiveClassesAtExit. Quiet; never fails the caller.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
source "$ROOT/scripts/jvm-opts.sh"
JAR="$ROOT/cli/target/wasmlet-cli.jar"
if [ ! -f "$WASMLET_CDS_ARCHIVE" ] || [ "$JAR" -nt "$WASMLET_CDS_ARCHIVE" ]; then
  rm -f "$WASMLET_CDS_ARCHIVE"
  (cd "$ROOT" && "$JAVA_HOME/bin/java" $WASMLET_BASE_JAVA_OPTS -XX:ArchiveClassesAtExit="$WASMLET_CDS_ARCHIVE" \
    -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$JAR:$ROOT/cli/target/lib/*" dev.wasmlet.cli.Main \
    up examples/hello-c --listen 127.0.0.1:0 --check --cache-dir "$ROOT/cli/target/cds-train-cache") \
    >/dev/null 2>&1 || rm -f "$WASMLET_CDS_ARCHIVE"
fi
true
