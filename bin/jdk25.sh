# Sourced by bin/relay and .ci/run: sets JAVA_HOME to a JDK 25 or newer, or fails with a clear message.
# Looks at $JAVA_HOME, then the java on PATH, then the usual install folders.

relay_java_feature() { # prints the feature version of the JDK at $1 (e.g. 25), or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

relay_find_jdk25() {
  local candidate feature
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    feature=$(relay_java_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "error: Relay needs a JDK 25 or newer; none found in \$JAVA_HOME, on the PATH or in /usr/lib/jvm." >&2
  echo "       Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
