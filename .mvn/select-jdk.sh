# Sourced by ./mvnw and the deploy scripts: Viva needs JDK 21 or newer. Keep JAVA_HOME when it
# already points at one; otherwise take the newest JDK 21+ found in the usual places.
viva_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
viva_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    local v; v=$(viva_java_major "$JAVA_HOME")
    [ "${v:-0}" -ge 21 ] && return 0
  fi
  local best="" best_v=0 home v
  local path_java; path_java=$(command -v java 2>/dev/null || true)
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
              "${path_java:+$(dirname "$(dirname "$(readlink -f "$path_java")")")}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    v=$(viva_java_major "$home")
    if [ "${v:-0}" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "Viva needs a JDK 21 or newer; none found. Install one and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
viva_select_jdk || exit 1
# JDK 24+ warns about Maven's own use of sun.misc.Unsafe on every build; the warning is not ours.
if [ "$(viva_java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
