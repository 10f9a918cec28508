#!/usr/bin/env bash
# Checks deployment/ with the real tools, after the Maven tests have left each service's
# /actuator/prometheus scrape in <module>/target/prometheus-scrape.txt:
#   - the alert rules and Alertmanager's configuration rendered as at deployment
#     (deployment/render-config.sh, with example addresses);
#   - promtool check config, check rules (as in the repository and as rendered), and the alert
#     unit tests (promtool test rules);
#   - amtool check-config on the rendered Alertmanager configuration;
#   - the Grafana dashboards: valid JSON in the current model, every PromQL expression parsed by
#     promtool, every metric name found in a real scrape; every alert's runbook_url absolute once
#     rendered and pointing at a section of the runbook (deployment/checks/check_monitoring.py);
#   - docker compose config on deployment/docker-compose.yml;
#   - docs/configuration.md against the configuration metadata the build wrote for each service
#     (deployment/checks/check_configuration.py): every key documented, every default the same.
# promtool (Debian's prometheus package), amtool (Debian's prometheus-alertmanager) and Compose
# (Debian's docker-compose, when neither the docker compose plugin nor docker-compose is there)
# are installed when absent; the packages' Prometheus and Alertmanager servers are kept from
# starting.
#
# Usage: scripts/check-deployment.sh [--require-scrapes]
#   --require-scrapes  a metric whose service wrote no scrape is an error, not a warning
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The servers Debian's prometheus and prometheus-alertmanager packages would start.
server_pids() {
  pgrep -x prometheus || true
  pgrep -f '^/usr/bin/prometheus-alertmanager( |$)' || true
}

APT_UPDATED=""
apt_install() { # package...
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  # Installing a package must start no service of its own: policy-rc.d refusing (101) every
  # start while apt-get runs, then put back as it was.
  local policy=/usr/sbin/policy-rc.d saved=""
  if [ -e "$policy" ]; then
    saved="$(mktemp)"
    as_root cp -p "$policy" "$saved"
  fi
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
  as_root chmod 755 "$policy"
  local before status=0
  before="$(server_pids)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || status=$?
  if [ -n "$saved" ]; then
    as_root cp -p "$saved" "$policy"
    rm -f "$saved"
  else
    as_root rm -f "$policy"
  fi
  # Should a server have started all the same, stop the one the install started.
  local pid
  for pid in $(server_pids); do
    if ! grep -qx "$pid" <<<"$before"; then
      echo "check-deployment: stopping the server the package started (pid $pid: $(ps -o comm= -p "$pid"))"
      as_root kill "$pid" || true
    fi
  done
  return "$status"
}

if ! command -v promtool >/dev/null 2>&1; then
  echo "check-deployment: promtool not found; installing Debian's prometheus package"
  apt_install prometheus
fi

if ! command -v amtool >/dev/null 2>&1; then
  echo "check-deployment: amtool not found; installing Debian's prometheus-alertmanager package"
  apt_install prometheus-alertmanager
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

# The addresses a deployment fills in (docs/architecture.md#alerting), as examples.
EXAMPLE_RUNBOOK_BASE_URL="https://git.example.com/platform/model-monitoring/blob/main/docs/runbooks"
EXAMPLE_ALERT_WEBHOOK_URL="https://alerts.example.com/hooks/alertmanager?team=ml&source=alertmanager"
RENDERED="$(mktemp -d)"
trap 'rm -rf "$RENDERED"' EXIT

echo "== deployment/render-config.sh, with example addresses"
RUNBOOK_BASE_URL="$EXAMPLE_RUNBOOK_BASE_URL" ALERT_WEBHOOK_URL="$EXAMPLE_ALERT_WEBHOOK_URL" \
  sh deployment/render-config.sh deployment/prometheus/rules "$RENDERED/rules"
RUNBOOK_BASE_URL="$EXAMPLE_RUNBOOK_BASE_URL" ALERT_WEBHOOK_URL="$EXAMPLE_ALERT_WEBHOOK_URL" \
  sh deployment/render-config.sh deployment/alertmanager "$RENDERED/alertmanager"
if RUNBOOK_BASE_URL="" sh deployment/render-config.sh deployment/prometheus/rules "$RENDERED/unset" 2>/dev/null \
    || RUNBOOK_BASE_URL="docs/runbooks" sh deployment/render-config.sh deployment/prometheus/rules "$RENDERED/relative" 2>/dev/null; then
  echo "check-deployment: render-config.sh must refuse an empty or relative RUNBOOK_BASE_URL" >&2
  exit 1
fi

echo "== promtool $(promtool --version 2>&1 | head -1 | awk '{print $3}')"
promtool check config deployment/prometheus/prometheus.yml
promtool check rules deployment/prometheus/rules/*.yml "$RENDERED"/rules/*.yml
promtool test rules deployment/prometheus/tests/*.test.yml

echo "== amtool $(amtool --version 2>&1 | head -1 | awk '{print $3}')"
amtool check-config "$RENDERED/alertmanager/alertmanager.yml"

echo "== dashboards, expressions, metric names and runbook links"
python3 deployment/checks/check_monitoring.py "$@" --rendered-rules "$RENDERED/rules"

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
# No secret and no address of the deployment's ships with the stack: without any one of them,
# config must refuse and name it; with throwaway values, pass. An empty --env-file keeps a
# deployment/.env out of it.
REQUIRED=(
  "MODEL_MONITORING_JWT_SECRET=check-deployment-throwaway-secret-0123456789"
  "RUNBOOK_BASE_URL=$EXAMPLE_RUNBOOK_BASE_URL"
  "ALERT_WEBHOOK_URL=$EXAMPLE_ALERT_WEBHOOK_URL"
)
NO_ENV="$RENDERED/empty.env"
: >"$NO_ENV"
for missing in "${REQUIRED[@]}"; do
  name="${missing%%=*}"
  others=()
  for setting in "${REQUIRED[@]}"; do
    [ "$setting" = "$missing" ] || others+=("$setting")
  done
  if env -u MODEL_MONITORING_JWT_SECRET -u RUNBOOK_BASE_URL -u ALERT_WEBHOOK_URL "${others[@]}" \
      "${COMPOSE[@]}" -f deployment/docker-compose.yml --env-file "$NO_ENV" config -q 2>"$RENDERED/compose.err" \
      || ! grep -q "$name" "$RENDERED/compose.err"; then
    echo "check-deployment: docker-compose.yml must refuse to start without $name" >&2
    cat "$RENDERED/compose.err" >&2
    exit 1
  fi
done
env "${REQUIRED[@]}" "${COMPOSE[@]}" -f deployment/docker-compose.yml --env-file "$NO_ENV" config -q
echo "deployment/docker-compose.yml: valid"

echo "check-deployment: OK"
