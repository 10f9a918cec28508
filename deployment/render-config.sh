#!/bin/sh
# Fills in, at deployment, the two addresses that only the deployment knows, in a copy of a
# folder of configuration files:
#   ${RUNBOOK_BASE_URL}   where docs/runbooks/ is read, without the trailing slash (the alert
#                         rules' runbook_url annotations: deployment/prometheus/rules/);
#   ${ALERT_WEBHOOK_URL}  where Alertmanager posts its notifications (its webhook receiver:
#                         deployment/alertmanager/alertmanager.yml).
# Each must be an absolute http(s) URL when a file of the folder uses it. docker-compose.yml runs
# this in its deployment-config service; scripts/check-deployment.sh runs it with example values
# and checks the result with promtool and amtool. Plain POSIX sh and sed: it runs in the
# busybox of the prom/prometheus image.
#
# Usage: render-config.sh SOURCE_DIR TARGET_DIR   (the *.yml files of SOURCE_DIR, rendered)
set -eu

if [ "$#" -ne 2 ] || [ ! -d "$1" ]; then
  echo "usage: render-config.sh SOURCE_DIR TARGET_DIR" >&2
  exit 2
fi
source_dir=$1
target_dir=$2

# The value with sed's special characters in a replacement (& and the | delimiter) escaped.
escaped() {
  printf '%s' "$1" | sed -e 's/[&|]/\\&/g'
}

# The sed expressions, one per address used, as the positional parameters.
set --
for name in RUNBOOK_BASE_URL ALERT_WEBHOOK_URL; do
  if ! grep -q "[$]{$name}" "$source_dir"/*.yml; then
    continue
  fi
  eval "value=\${$name:-}"
  case "$value" in
    *' '* | *'"'* | *'\'*)
      echo "render-config: $name must be a URL: no space, quote or backslash in '$value'" >&2
      exit 1
      ;;
    http://?* | https://?*) ;;
    *)
      echo "render-config: $name must be an absolute http(s) URL (files in $source_dir use it), not '$value'" >&2
      exit 1
      ;;
  esac
  if [ "$name" = RUNBOOK_BASE_URL ]; then
    value=${value%/}
  fi
  set -- "$@" -e "s|[$]{$name}|$(escaped "$value")|g"
done

mkdir -p "$target_dir"
rm -f "$target_dir"/*.yml
for file in "$source_dir"/*.yml; do
  if [ "$#" -eq 0 ]; then
    cp "$file" "$target_dir/"
  else
    sed "$@" "$file" >"$target_dir/$(basename "$file")"
  fi
done

if grep -n '\${[A-Z_][A-Z0-9_]*}' "$target_dir"/*.yml >&2; then
  echo "render-config: placeholders above are not filled in by this script" >&2
  exit 1
fi
echo "render-config: $source_dir rendered into $target_dir"
