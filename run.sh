#!/usr/bin/env bash
# One-command local run: Kafka, Redis and PostgreSQL (embedded, data in .local/) plus the API gateway and
# the batch worker. Ctrl-C stops everything. ./run.sh --help lists the options and environment variables.
set -euo pipefail
cd "$(dirname "$0")"

launcher=local-stack/target/local-stack.jar
required=("$launcher" api-gateway/target/api-gateway.jar batch-worker/target/batch-worker.jar)
build=(./mvnw -q -DskipTests package)
for arg in "$@"; do
  if [[ $arg == --help || $arg == -h ]]; then
    # answered at once, without a build: the launcher prints the same file
    cat local-stack/src/main/resources/usage.txt
    exit 0
  fi
done
for arg in "$@"; do
  if [[ $arg == --engines-only ]]; then
    # the engines need only the launcher: don't build (or wait for) the apps
    required=("$launcher")
    build=(./mvnw -q -DskipTests -pl local-stack -am package)
  fi
done

for jar in "${required[@]}"; do
  if [[ ! -f $jar ]]; then
    echo "Building (missing $jar) ..."
    "${build[@]}"
    break
  fi
done

exec java -jar "$launcher" "$@"
