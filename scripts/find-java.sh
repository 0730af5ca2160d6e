#!/usr/bin/env bash
# Sourced by every launcher: exports JAVA_HOME pointing at a JDK >= 21.
# Honours JAVA_HOME, else looks beside the default `java` (e.g. /usr/lib/jvm/*).
# Fails with a clear message when there is none.

_wasmlet_java_major() { # prints the feature version of the java at $1/bin/java, or nothing
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  echo "${v%%.*}"
}

_wasmlet_find_java() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(_wasmlet_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  local dirs=()
  if command -v java >/dev/null 2>&1; then
    dirs+=("$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")")
  fi
  dirs+=(/usr/lib/jvm /opt/java /usr/local/lib/jvm)
  local best="" best_major=0
  for d in "${dirs[@]}"; do
    [ -d "$d" ] || continue
    for candidate in "$d"/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major=$(_wasmlet_java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"; best_major="$major"
      fi
    done
  done
  if [ -n "$best" ]; then echo "$(readlink -f "$best")"; return 0; fi
  return 1
}

if _found=$(_wasmlet_find_java); then
  export JAVA_HOME="$_found"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "wasmlet: no JDK 21 or newer found. JAVA_HOME is '${JAVA_HOME:-unset}' and none was found beside the default java or under /usr/lib/jvm. Install one (for example: apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it." >&2
  return 1 2>/dev/null || exit 1
fi
unset _found
