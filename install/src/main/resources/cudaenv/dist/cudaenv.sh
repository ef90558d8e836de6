#!/bin/sh
# cudaenv, self-contained: ../lib/cudaenv.jar in the Java runtime bundled in ../runtime (no Java needed on the
# machine). Same commands, output and exit codes as java -jar cudaenv.jar. A JVM's class-data archive only serves
# the folder it was recorded in, so the first report here records the command line's and the probe worker's
# (lib/cudaenv-cli.jsa, lib/cudaenv-worker/) when lib/ is writable; later runs start from them.
root=$(dirname "$(dirname "$(readlink -f "$0")")")
java="$root/runtime/bin/java"
lib="$root/lib"
if [ ! -x "$java" ]; then
  echo "cudaenv: the bundled Java runtime is missing ($java); unpack the whole archive again" >&2
  exit 1
fi
# C1 alone on one compiler thread, compare too (its parsing threads use every core; C2 cost more than it saved)
tier="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
# the other commands run once over little data: less compiling, reflection without generated classes
[ "$1" = compare ] || tier="$tier -XX:CompileThresholdScaling=5 -Dsun.reflect.inflationThreshold=2147483647"
flags="-XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"
if [ -f "$lib/cudaenv-cli.jsa" ] && [ "$(cat "$lib/recorded-at" 2>/dev/null)" = "$root" ]; then
  exec "$java" $tier $flags -XX:SharedArchiveFile="$lib/cudaenv-cli.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$lib/cudaenv.jar" "$@"
fi
if [ "$1" != report ] || [ ! -w "$lib" ]; then
  exec "$java" $tier $flags -jar "$lib/cudaenv.jar" "$@"
fi
# first report in this folder: it records the classes it loads at exit, then the probe worker's sidecars
fresh="$lib/.cudaenv-cli.$$.jsa"
"$java" $tier $flags -XX:ArchiveClassesAtExit="$fresh" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$lib/cudaenv.jar" "$@"
status=$?
if [ -f "$fresh" ]; then
  "$java" -cp "$lib/cudaenv.jar" cudaenv.probe.WorkerSidecars "$lib/cudaenv.jar" >/dev/null 2>&1
  mv -f "$fresh" "$lib/cudaenv-cli.jsa" && printf '%s\n' "$root" > "$lib/recorded-at"
fi
exit $status
