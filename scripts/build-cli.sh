#!/usr/bin/env bash
# Builds the wasmlet CLI (cli/target/wasmlet-cli.jar and its cli/target/lib) with Maven, tests
# skipped, showing one line per module instead of Maven's log. The reactor resolves Wasmlet's own
# modules from source, so nothing of dev.wasmlet needs to be in (or is put into) the local Maven
# repository. The full log goes to .wasmlet/build.log; a failure prints its tail and what to do.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
[ -n "${JAVA_HOME:-}" ] || source "$ROOT/scripts/find-java.sh"
command -v mvn >/dev/null || {
  echo "wasmlet: Maven (mvn) is needed to build Wasmlet on first use; install it (apt-get install maven) and rerun" >&2
  exit 1
}
LOG="$ROOT/.wasmlet/build.log"
mkdir -p "$ROOT/.wasmlet"
if [ -d "$HOME/.m2/repository/com/dylibso/chicory" ]; then
  echo "wasmlet: building Wasmlet from source (sources changed or first use; ~30-60 s on 2 cores)..." >&2
else
  echo "wasmlet: building Wasmlet from source for the first time: Maven downloads its dependencies" \\
    "(~130 MB) and compiles 10 modules; about 1-3 minutes on 2 cores, later builds only when sources change" >&2
fi
# Maven's own libraries call sun.misc.Unsafe; JDK 24+ warns about it unless told this is known.
if "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
start=$(date +%s)
(cd "$ROOT" && mvn -B -ntp -Dstyle.color=never -Dquickly -pl cli -am package) >"$LOG" 2>&1 &
mvn_pid=$!
# One line per module as Maven reaches it ("Building Wasmlet engine ... [2/10]").
tail -n +1 -F --pid="$mvn_pid" "$LOG" 2>/dev/null | while IFS= read -r line; do
  case "$line" in
    "[INFO] Building Wasmlet"*"/"*"]")
      name="${line#\[INFO\] Building }"; step="${name##* }"; name="${name%% 0.1*}"
      printf 'wasmlet:   %s %s (%ss)\n' "$step" "$name" "$(($(date +%s) - start))" >&2 ;;
  esac
done
wait "$mvn_pid"
rc=$?
if [ "$rc" != 0 ]; then
  echo "wasmlet: the build failed (Maven exit $rc). Maven's errors (full log: $LOG):" >&2
  grep -E '^\[ERROR\]' "$LOG" | grep -v -E 'Help 1|-e switch|-X switch|For more information|After correcting|mvn <args>|^\[ERROR\] *$' \
    | head -n 12 >&2 || tail -n 15 "$LOG" >&2
  if grep -q -E 'COMPILATION ERROR|Compilation failure' "$LOG"; then
    advice="the sources do not compile (errors above): fix them, or set local changes aside (git stash), then rerun"
  elif grep -q -E 'Could not (resolve|transfer)|Connection refused|UnknownHost|timed out' "$LOG"; then
    advice="Maven could not download a dependency: check that it reaches its repository (a proxy or mirror goes in ~/.m2/settings.xml), then rerun"
  else
    advice="check that $JAVA_HOME is a JDK 21 or newer and that Maven reaches its repository, then rerun"
  fi
  echo "wasmlet: what to do: $advice; 'bash scripts/build-cli.sh' rebuilds alone." >&2
  exit 1
fi
echo "wasmlet: built in $(($(date +%s) - start)) s" >&2
