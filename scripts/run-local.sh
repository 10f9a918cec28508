#!/usr/bin/env bash
# Builds the services and starts the whole system on this machine with embedded infrastructure
# (an AMQP broker and a MongoDB wire-protocol server in the launcher's process, a local-directory
# data lake), writes demo data and runs one model-monitoring job end to end.
#
# Usage: scripts/run-local.sh [--once] [--no-demo] [--data-dir DIR] [--seed N] [--help] ...
#   Set RABBITMQ_URL or MONGODB_URI to use real servers instead of the embedded ones.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "Building the services (./mvnw -DskipTests package) ..."
./mvnw -B -q -ntp -DskipTests package
exec java -jar local-stack/target/local-stack-0.1.0-SNAPSHOT.jar "$@"
