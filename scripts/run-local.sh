#!/usr/bin/env bash
# Builds the services and starts the whole system on this machine with embedded infrastructure
# (an AMQP broker and a MongoDB wire-protocol server in the launcher's process, a local-directory
# data lake), writes demo data and runs one model-monitoring job end to end.
#
# Usage: scripts/run-local.sh [--once] [--no-demo] [--data-dir DIR] [--seed N] [--help] ...
#        scripts/run-local.sh --token [--data-dir DIR]   a fresh token for the running stack
#   Set RABBITMQ_URL or MONGODB_URI to use real servers instead of the embedded ones.
#   --help and --token do not build. A relative --data-dir is taken from the project's root.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=local-stack/target/local-stack-0.1.0-SNAPSHOT.jar
for arg in "$@"; do
  case "$arg" in
    --help)
      # The usage lives once, in StackOptions.USAGE: print that text block as it stands.
      awk '/static final String USAGE = """/ { on = 1; next } on && /""";/ { exit } on { sub(/^\t+/, ""); print }' \
        local-stack/src/main/java/io/modelmonitoring/localstack/StackOptions.java
      exit 0
      ;;
    --token)
      if [[ ! -f "$jar" ]]; then
        echo "no $jar: start the stack first (scripts/run-local.sh builds it)" >&2
        exit 1
      fi
      exec java -jar "$jar" "$@"
      ;;
  esac
done

echo "Building the services (./mvnw -DskipTests package) ..."
./mvnw -B -q -ntp -DskipTests package
exec java -jar "$jar" "$@"
