# Shell functions that bring up the servers the tests talk to. Sourced by scripts/test.sh.

AZURITE_VERSION="${AZURITE_VERSION:-3.35.0}"
AZURITE_BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
RABBITMQ_PORT=5672

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() { # port, seconds, name
  local i
  for ((i = 0; i < $2; i++)); do
    port_open "$1" && return 0
    sleep 1
  done
  echo "error: $3 did not open 127.0.0.1:$1 within $2 s" >&2
  return 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_rabbitmq() {
  if port_open "$RABBITMQ_PORT"; then
    echo "RabbitMQ: already listening on 127.0.0.1:$RABBITMQ_PORT"
    return 0
  fi
  if ! command -v rabbitmq-server >/dev/null 2>&1; then
    echo "RabbitMQ: not installed, installing Debian's rabbitmq-server"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server
  fi
  echo "RabbitMQ: starting (rabbitmq-server -detached)"
  as_root rabbitmq-server -detached
  wait_for_port "$RABBITMQ_PORT" 90 "RabbitMQ"
  # The port opens before the broker accepts logins; wait for the application proper.
  as_root rabbitmqctl await_startup >/dev/null 2>&1 || true
}

AZURITE_PID=""

ensure_azurite() {
  if port_open "$AZURITE_BLOB_PORT"; then
    echo "Azurite: something already listens on 127.0.0.1:$AZURITE_BLOB_PORT, using it"
    return 0
  fi
  local dir=".tools/azurite-$AZURITE_VERSION"
  if [ ! -x "$dir/node_modules/.bin/azurite-blob" ]; then
    command -v npm >/dev/null 2>&1 || {
      echo "Azurite: npm not found; installing Debian's nodejs and npm"
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
    }
    echo "Azurite: installing azurite@$AZURITE_VERSION from npm into $dir"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" "azurite@$AZURITE_VERSION" >/dev/null
  fi
  mkdir -p target
  "$dir/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
    --inMemoryPersistence --skipApiVersionCheck --loose --silent >target/azurite.log 2>&1 &
  AZURITE_PID=$!
  wait_for_port "$AZURITE_BLOB_PORT" 60 "Azurite"
  echo "Azurite: blob endpoint on 127.0.0.1:$AZURITE_BLOB_PORT (pid $AZURITE_PID)"
}

stop_azurite() {
  if [ -n "$AZURITE_PID" ]; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}

# Installs Debian packages without letting any of them start a service of its own: while apt-get
# runs, policy-rc.d refuses (101) every start; afterwards it is put back as it was.
apt_install_without_services() { # package...
  local policy=/usr/sbin/policy-rc.d saved="" status=0
  if [ -e "$policy" ]; then
    saved="$(mktemp)"
    as_root cp -p "$policy" "$saved"
  fi
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
  as_root chmod 755 "$policy"
  as_root apt-get update -qq || status=$?
  if [ "$status" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" || status=$?
  fi
  if [ -n "$saved" ]; then
    as_root cp -p "$saved" "$policy"
    rm -f "$saved"
  else
    as_root rm -f "$policy"
  fi
  return "$status"
}

# Browser tests (test-support's HeadlessChromium) drive Debian's chromium through Debian's
# chromium-driver, which is built from the same sources, so the two always match.
CHROMIUM_BINARY_PATH=/usr/bin/chromium
CHROMEDRIVER_PATH=/usr/bin/chromedriver

ensure_chromium() {
  if [ -x "$CHROMIUM_BINARY_PATH" ] && [ -x "$CHROMEDRIVER_PATH" ]; then
    echo "Chromium: found $CHROMIUM_BINARY_PATH and $CHROMEDRIVER_PATH"
    return 0
  fi
  echo "Chromium: $CHROMIUM_BINARY_PATH or $CHROMEDRIVER_PATH missing, installing Debian's chromium and chromium-driver"
  apt_install_without_services chromium chromium-driver || return
  if [ ! -x "$CHROMIUM_BINARY_PATH" ] || [ ! -x "$CHROMEDRIVER_PATH" ]; then
    echo "error: Debian's chromium and chromium-driver installed, but $CHROMIUM_BINARY_PATH or $CHROMEDRIVER_PATH is still missing" >&2
    return 1
  fi
  echo "Chromium: installed $("$CHROMIUM_BINARY_PATH" --version 2>/dev/null) and $("$CHROMEDRIVER_PATH" --version 2>/dev/null | cut -d' ' -f1-2)"
}

# The alert forwarder's tests (event-consumers) post to a real Alertmanager: Debian's
# prometheus-alertmanager, started here on 127.0.0.1:9093 with a throwaway configuration and
# storage under target/, no clustering, and stopped on exit like Azurite.
ALERTMANAGER_BINARY=/usr/bin/prometheus-alertmanager
ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-9093}"
ALERTMANAGER_PID=""

ensure_alertmanager() {
  if port_open "$ALERTMANAGER_PORT"; then
    echo "Alertmanager: something already listens on 127.0.0.1:$ALERTMANAGER_PORT, using it"
    return 0
  fi
  if [ ! -x "$ALERTMANAGER_BINARY" ]; then
    echo "Alertmanager: $ALERTMANAGER_BINARY missing, installing Debian's prometheus-alertmanager"
    apt_install_without_services prometheus-alertmanager >/dev/null || return
    if [ ! -x "$ALERTMANAGER_BINARY" ]; then
      echo "error: Debian's prometheus-alertmanager installed, but $ALERTMANAGER_BINARY is still missing" >&2
      return 1
    fi
  fi
  # One webhook receiver, pointed at a port nothing listens on: the configuration must name a
  # receiver to be valid, and the tests read alerts back through the API, not from a receiver.
  local dir=target/alertmanager
  mkdir -p "$dir/data"
  cat >"$dir/alertmanager.yml" <<'YAML'
route:
  receiver: nowhere
  group_wait: 1h
  group_interval: 1h
  repeat_interval: 24h
receivers:
  - name: nowhere
    webhook_configs:
      - url: http://127.0.0.1:9/alerts
        send_resolved: false
YAML
  "$ALERTMANAGER_BINARY" --config.file="$dir/alertmanager.yml" --storage.path="$dir/data" \
    --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address= \
    >target/alertmanager.log 2>&1 &
  ALERTMANAGER_PID=$!
  wait_for_port "$ALERTMANAGER_PORT" 30 "Alertmanager"
  echo "Alertmanager: API on 127.0.0.1:$ALERTMANAGER_PORT (pid $ALERTMANAGER_PID, $("$ALERTMANAGER_BINARY" --version 2>&1 | head -1 | awk '{print $3}'))"
}

stop_alertmanager() {
  if [ -n "$ALERTMANAGER_PID" ]; then
    kill "$ALERTMANAGER_PID" 2>/dev/null || true
    wait "$ALERTMANAGER_PID" 2>/dev/null || true
  fi
}

# The Spark drift-scan job's tests (spark-job) submit to a real Spark standalone cluster:
# scripts/spark-local.sh starts a master with its REST submission server on 127.0.0.1:6066 and
# two workers, from the Spark jars that spark-job/pom.xml names, and stops them (with the drivers
# and executors they started) on exit, like Azurite. A local cluster already running is used and
# left running; a port taken by anything else fails the start, naming the port.
SPARK_STARTED=""

ensure_spark() {
  if scripts/spark-local.sh status >/dev/null 2>&1; then
    echo "Spark: the local cluster already runs (scripts/spark-local.sh status), using it"
    return 0
  fi
  scripts/spark-local.sh start || return
  SPARK_STARTED=1
}

stop_spark() {
  if [ -n "$SPARK_STARTED" ]; then
    scripts/spark-local.sh stop >/dev/null 2>&1 || true
  fi
}
