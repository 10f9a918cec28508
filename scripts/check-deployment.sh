#!/usr/bin/env bash
# Checks deployment/ with the real tools, after the Maven tests have left each service's
# /actuator/prometheus scrape in <module>/target/prometheus-scrape.txt:
#   - promtool check config, check rules, and the alert unit tests (promtool test rules);
#   - the Grafana dashboards: valid JSON in the current model, every PromQL expression parsed by
#     promtool, every metric name found in a real scrape (deployment/checks/check_monitoring.py);
#   - docker compose config on deployment/docker-compose.yml;
#   - docs/configuration.md against the configuration metadata the build wrote for each service
#     (deployment/checks/check_configuration.py): every key documented, every default the same.
# promtool (Debian's prometheus package) and Compose (Debian's docker-compose, when neither the
# docker compose plugin nor docker-compose is there) are installed when absent; the package's
# Prometheus server is kept from starting.
#
# Usage: scripts/check-deployment.sh [--require-scrapes]
#   --require-scrapes  a metric whose service wrote no scrape is an error, not a warning
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
apt_install() { # package...
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  # policy-rc.d answering 101 keeps the packages' init scripts from starting servers.
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created=1
  fi
  local before
  before="$(pgrep -x prometheus || true)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  [ -n "$created" ] && as_root rm -f "$policy"
  # Should a server have started all the same, stop the one the install started.
  local pid
  for pid in $(pgrep -x prometheus || true); do
    if ! grep -qx "$pid" <<<"$before"; then
      echo "check-deployment: stopping the Prometheus server the package started (pid $pid)"
      as_root kill "$pid" || true
    fi
  done
}

if ! command -v promtool >/dev/null 2>&1; then
  echo "check-deployment: promtool not found; installing Debian's prometheus package"
  apt_install prometheus
fi

COMPOSE=()
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
else
  echo "check-deployment: no docker compose; installing Debian's docker-compose"
  apt_install docker-compose
  COMPOSE=(docker-compose)
fi

echo "== promtool $(promtool --version 2>&1 | head -1 | awk '{print $3}')"
promtool check config deployment/prometheus/prometheus.yml
promtool check rules deployment/prometheus/rules/*.yml
promtool test rules deployment/prometheus/tests/*.test.yml

echo "== dashboards, expressions and metric names"
python3 deployment/checks/check_monitoring.py "$@"

echo "== docs/configuration.md against the services' configuration metadata"
metadata=()
for module in service-security ml-service risk-analytics workflow-orchestrator event-consumers; do
  file="$module/target/classes/META-INF/spring-configuration-metadata.json"
  if [ ! -f "$file" ]; then
    echo "ERROR: $file is missing: build the services first (./mvnw -DskipTests package)" >&2
    exit 1
  fi
  metadata+=("$file")
done
python3 deployment/checks/check_configuration.py docs/configuration.md "${metadata[@]}"

echo "== ${COMPOSE[*]} config"
# No secret ships with the stack: without one, config must refuse; with a throwaway one, pass.
NO_ENV="$(mktemp)"
if env -u MODEL_MONITORING_JWT_SECRET "${COMPOSE[@]}" -f deployment/docker-compose.yml --env-file "$NO_ENV" \
    config -q 2>"$NO_ENV.err" || ! grep -q MODEL_MONITORING_JWT_SECRET "$NO_ENV.err"; then
  echo "check-deployment: docker-compose.yml must refuse to start without MODEL_MONITORING_JWT_SECRET" >&2
  cat "$NO_ENV.err" >&2
  rm -f "$NO_ENV" "$NO_ENV.err"
  exit 1
fi
rm -f "$NO_ENV" "$NO_ENV.err"
MODEL_MONITORING_JWT_SECRET="check-deployment-throwaway-secret-0123456789" \
  "${COMPOSE[@]}" -f deployment/docker-compose.yml config -q
echo "deployment/docker-compose.yml: valid"

echo "check-deployment: OK"
