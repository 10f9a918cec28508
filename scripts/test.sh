#!/usr/bin/env bash
# Runs every test of the project, doing its own set-up first: RabbitMQ is started (and installed
# from Debian's packages if absent) when nothing answers on 127.0.0.1:5672; Azurite's blob
# endpoint is installed from npm and started for the Azure Data Lake tests; Debian's chromium and
# chromium-driver are installed for the browser tests when /usr/bin/chromium or
# /usr/bin/chromedriver is missing; Debian's prometheus-alertmanager is installed when absent and
# started on 127.0.0.1:9093 for the alert forwarder's tests; a Spark standalone cluster (a master
# with REST submissions on 127.0.0.1:6066 and two workers, scripts/spark-local.sh) is started for
# the Spark job's tests. MongoDB needs nothing: the tests run mongo-java-server in-process.
#
# Usage: scripts/test.sh [extra Maven arguments, e.g. -pl ml-service -am]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/infra.sh

ensure_rabbitmq
trap 'stop_spark; stop_alertmanager; stop_azurite' EXIT
ensure_azurite
ensure_alertmanager
ensure_spark
ensure_chromium

./mvnw -B -ntp verify "$@"
scripts/check-deployment.sh --require-scrapes
