#!/usr/bin/env bash
# Builds once, then runs the load benchmark in a plain JVM (not inside Maven's): Wasla, the engine floor and
# the seeder are child JVMs on the same classpath. Arguments go to LoadBenchmark as key=value (docs/benchmark.md).
# BENCH_JAVA_OPTS: options of the generator's own JVM (default -Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
# headless: the plot is drawn with Java2D without a display
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -Djava.awt.headless=true \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  app.wasla.bench.LoadBenchmark "$@"
