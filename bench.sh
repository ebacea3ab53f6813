#!/usr/bin/env bash
# The benchmark (docs/benchmarks.md): builds the jars, then measures the system next to its own ceiling on this
# machine and writes docs/benchmarks/results.{json,md}, throughput.png and the table in docs/benchmarks.md.
# ./bench.sh --help lists the options. Not part of ./mvnw verify; runs on loopback only and stops by itself.
set -euo pipefail
cd "$(dirname "$0")"

jar=benchmarks/target/benchmarks.jar
for arg in "$@"; do
  if [[ ($arg == --help || $arg == -h) && -f $jar ]]; then
    exec java -jar "$jar" "$@"
  fi
done
echo "Building the jars ..."
./mvnw -q -DskipTests package -pl benchmarks,api-gateway,batch-worker -am
exec java -jar "$jar" "$@"
