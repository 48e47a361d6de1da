# Sourced by ./mvnw and ./vmalab: vmalab needs JDK 25. When JAVA_HOME (or the
# java on PATH) is older, pick the newest JDK >= 25 under /usr/lib/jvm.
vmalab_java_feature() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
vmalab_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
[ -n "$vmalab_java" ] || vmalab_java="$(command -v java || true)"
vmalab_feature=0
[ -n "$vmalab_java" ] && [ -x "$vmalab_java" ] && vmalab_feature="$(vmalab_java_feature "$vmalab_java")"
if [ "${vmalab_feature:-0}" -lt 25 ] 2>/dev/null; then
  vmalab_globs_off=""; case $- in *f*) vmalab_globs_off=yes; set +f;; esac
  for vmalab_candidate in /usr/lib/jvm/*; do
    [ -x "$vmalab_candidate/bin/javac" ] || continue
    vmalab_f="$(vmalab_java_feature "$vmalab_candidate/bin/java")"
    if [ "${vmalab_f:-0}" -ge 25 ] 2>/dev/null; then JAVA_HOME="$vmalab_candidate"; vmalab_feature="$vmalab_f"; fi
  done
  [ -z "$vmalab_globs_off" ] || set -f
  if [ "${vmalab_feature:-0}" -lt 25 ] 2>/dev/null; then
    echo "vmalab needs a JDK 25 or newer: set JAVA_HOME to one (found java ${vmalab_feature:-none})." >&2
    exit 1
  fi
  export JAVA_HOME
fi
