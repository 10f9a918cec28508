#!/usr/bin/env python3
"""Checks the Grafana dashboards and the Prometheus alert rules against promtool and against what
the services really export.

- every dashboard is valid JSON in Grafana's current model: schemaVersion 39 or later, a
  Prometheus data-source variable named "datasource", and every panel and query using it;
- every PromQL expression (panel queries, variable queries, alert rules) parses: they are written,
  with Grafana's variables filled in, as recording rules into a throwaway rules file that
  `promtool check rules` reads;
- every metric name they use is in a real /actuator/prometheus scrape written by a service's
  tests (<module>/target/prometheus-scrape.txt). A name that SPEC section 8 gives to a module
  whose scrape is missing is reported as unverified (an error with --require-scrapes);
- every alert has a summary and a runbook_url ${RUNBOOK_BASE_URL}/model-monitoring.md#<anchor>,
  whose anchor is a heading of the runbook; the base is filled in at deployment
  (deployment/render-config.sh). With --rendered-rules, the rules as that script rendered them
  are read too: every runbook_url there must be an absolute http(s) URL with such an anchor;
- the Grafana provisioning files parse (when PyYAML is installed).

Usage: check_monitoring.py [--require-scrapes] [--rendered-rules DIR]
  (run from anywhere; exit 1 on any error)
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DEPLOYMENT = ROOT / "deployment"
DASHBOARDS = sorted((DEPLOYMENT / "grafana" / "dashboards").glob("*.json"))
RULE_FILES = sorted((DEPLOYMENT / "prometheus" / "rules").glob("*.yml"))
RUNBOOK = ROOT / "docs" / "runbooks" / "model-monitoring.md"
# Where the runbooks folder is read, filled in at deployment: every runbook_url starts with it.
RUNBOOK_BASE = "${RUNBOOK_BASE_URL}"
MODULES = ("workflow-orchestrator", "risk-analytics", "ml-service")
SCRAPE = "target/prometheus-scrape.txt"

# SPEC section 8: which service exports which family. Anything else (JVM, HTTP, process) may come
# from any service.
OWNERS = {
    "batch_job_triggers_total": "workflow-orchestrator",
    "batch_job_trigger_failures_total": "workflow-orchestrator",
    "batch_job_duration_seconds": "risk-analytics",
    "batch_job_runs_total": "risk-analytics",
    "batch_job_last_success_timestamp_seconds": "risk-analytics",
    "batch_job_last_failure_timestamp_seconds": "risk-analytics",
    "batch_job_outcome_publish_failures_total": "risk-analytics",
    "ml_drift_checks_total": "ml-service",
    "ml_drift_detections_total": "ml-service",
    "ml_performance_degraded_total": "ml-service",
    "ml_model_monitoring_runs_total": "ml-service",
    "ml_model_monitoring_run_duration_seconds": "ml-service",
    "ml_events_pending": "ml-service",
}
HISTOGRAM_SUFFIXES = ("_bucket", "_count", "_sum", "_max")

# Series Prometheus makes itself rather than scrapes.
SYNTHETIC = {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added",
             "scrape_samples_post_metric_relabeling", "ALERTS", "ALERTS_FOR_STATE"}

# What Grafana puts in place of its built-in variables, for parsing only.
GRAFANA_BUILTINS = {"__rate_interval": "1m", "__interval": "1m", "__range": "1d", "__range_s": "86400",
                    "__range_ms": "86400000", "__interval_ms": "60000", "__from": "0", "__to": "0"}

PROMQL_KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left",
                   "group_right", "inf", "nan", "start", "end", "atan2"}

errors = []
warnings = []


def error(message):
    errors.append(message)


def warn(message):
    warnings.append(message)


def owner(name):
    if name in OWNERS:
        return OWNERS[name]
    for suffix in HISTOGRAM_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in OWNERS:
            return OWNERS[name[: -len(suffix)]]
    return None


def metric_names(expr):
    """The metric names of a PromQL expression that promtool has parsed (a lexical scan: label
    matchers, strings, ranges, grouping clauses and function calls are taken out first)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    text = re.sub(r"#[^\n]*", " ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\boffset\s+-?[0-9a-z]+", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.:])([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?", text):
        token, call = match.group(1), match.group(2)
        if call or token in PROMQL_KEYWORDS:
            continue
        names.add(token)
    return names


def substitute(expr, variables, where):
    """Grafana's variables filled in with a value that parses: the built-ins, then the dashboard's
    own variables (their current value; ".*" for "All")."""

    def value(name):
        if name in GRAFANA_BUILTINS:
            return GRAFANA_BUILTINS[name]
        if name in variables:
            return variables[name]
        error(f"{where}: unknown variable ${name}")
        return "x"

    expr = re.sub(r"\$\{(\w+)(?::\w+)?\}", lambda m: value(m.group(1)), expr)
    expr = re.sub(r"\[\[(\w+)\]\]", lambda m: value(m.group(1)), expr)
    return re.sub(r"\$(\w+)", lambda m: value(m.group(1)), expr)


def variable_values(dashboard):
    values = {}
    for variable in dashboard.get("templating", {}).get("list", []):
        current = variable.get("current") or {}
        value = current.get("value")
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else "$__all"
        if value in (None, "", "$__all"):
            value = variable.get("allValue") or ".*"
        values[variable["name"]] = str(value)
    return values


def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))


def check_dashboard(path, expressions):
    try:
        dashboard = json.loads(path.read_text())
    except ValueError as ex:
        error(f"{path.name}: not valid JSON: {ex}")
        return
    name = path.name
    if not isinstance(dashboard.get("schemaVersion"), int) or dashboard["schemaVersion"] < 39:
        error(f"{name}: schemaVersion {dashboard.get('schemaVersion')} is older than 39")
    for key in ("uid", "title", "panels", "templating"):
        if key not in dashboard:
            error(f"{name}: no {key}")
    variables = dashboard.get("templating", {}).get("list", [])
    datasource = [v for v in variables if v.get("name") == "datasource"]
    if not datasource or datasource[0].get("type") != "datasource" or datasource[0].get("query") != "prometheus":
        error(f'{name}: no data-source variable "datasource" of type prometheus')
    values = variable_values(dashboard)
    for variable in variables:
        if variable.get("type") == "query":
            query = variable.get("query")
            query = query.get("query") if isinstance(query, dict) else query
            match = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", query or "")
            if not match:
                error(f"{name}: variable {variable['name']}: only label_values(<selector>, <label>) is checked")
                continue
            expressions.append((f"{name} variable {variable['name']}", substitute(match.group(1), values, name)))
            check_datasource(name, f"variable {variable['name']}", variable.get("datasource"))
    ids = set()
    for panel in panels(dashboard.get("panels", [])):
        title = panel.get("title", "?")
        if panel.get("id") in ids:
            error(f"{name}: panel id {panel.get('id')} used twice")
        ids.add(panel.get("id"))
        if "gridPos" not in panel:
            error(f"{name}: panel {title!r} has no gridPos")
        if panel.get("type") == "row":
            continue
        check_datasource(name, f"panel {title!r}", panel.get("datasource"))
        if not panel.get("targets"):
            error(f"{name}: panel {title!r} has no query")
        for target in panel.get("targets", []):
            check_datasource(name, f"panel {title!r}", target.get("datasource", panel.get("datasource")))
            expr = target.get("expr")
            if not expr:
                error(f"{name}: panel {title!r} query {target.get('refId')} has no expr")
                continue
            expressions.append((f"{name} panel {title!r} {target.get('refId')}", substitute(expr, values, name)))


def check_datasource(name, what, datasource):
    if not isinstance(datasource, dict) or datasource.get("uid") != "${datasource}" \
            or datasource.get("type") != "prometheus":
        error(f"{name}: {what} does not use the ${{datasource}} variable: {datasource}")


def runbook_anchors():
    if not RUNBOOK.exists():
        error(f"{RUNBOOK.relative_to(ROOT)} is missing")
        return set()
    anchors = set()
    for line in RUNBOOK.read_text().splitlines():
        heading = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            slug = heading.group(1).strip().lower()
            slug = re.sub(r"[^\w\- ]", "", slug).replace(" ", "-")
            anchors.add(slug)
    return anchors


def check_rules(expressions, rendered_dir):
    """Alert expressions (promtool check rules has parsed them already) and their annotations."""
    anchors = runbook_anchors()
    for path in RULE_FILES:
        for expr, alert in alert_blocks(path.read_text()):
            expressions.append((f"{path.name} alert {alert['name']}", expr))
            if "summary:" not in alert["block"]:
                error(f"{path.name}: alert {alert['name']} has no summary")
            url = runbook_url(path, alert)
            if url is None:
                continue
            if not url.startswith(RUNBOOK_BASE + "/"):
                error(f"{path.name}: alert {alert['name']}: runbook_url {url} does not start with {RUNBOOK_BASE}/")
                continue
            check_runbook_target(path.name, alert, url[len(RUNBOOK_BASE) + 1:], anchors)
    if rendered_dir is None:
        return
    rendered = sorted(Path(rendered_dir).glob("*.yml"))
    if [p.name for p in rendered] != [p.name for p in RULE_FILES]:
        error(f"{rendered_dir}: holds {[p.name for p in rendered]}, not the rendered {[p.name for p in RULE_FILES]}")
    for path in rendered:
        for _, alert in alert_blocks(path.read_text()):
            url = runbook_url(path, alert)
            if url is None:
                continue
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                error(f"rendered {path.name}: alert {alert['name']}: runbook_url {url} is not an absolute http(s) URL")
                continue
            page = parts.path.rsplit("/", 1)[-1]
            check_runbook_target(f"rendered {path.name}", alert, f"{page}#{parts.fragment}", anchors)


def runbook_url(path, alert):
    url = re.search(r"runbook_url:\s*(\S+)", alert["block"])
    if not url:
        error(f"{path.name}: alert {alert['name']} has no runbook_url")
        return None
    return url.group(1).strip("\"'")


def check_runbook_target(where, alert, target, anchors):
    """target: the runbook's file name relative to docs/runbooks/, then #anchor."""
    page, _, anchor = target.partition("#")
    if page != RUNBOOK.name:
        error(f"{where}: alert {alert['name']}: runbook_url points at {page}, not the runbook {RUNBOOK.name}")
    elif anchor not in anchors:
        error(f"{where}: alert {alert['name']}: the runbook has no section #{anchor}")


def alert_blocks(text):
    """(expr, {name, block}) of each alert, read with PyYAML when present, else line by line."""
    try:
        import yaml
    except ImportError:
        yaml = None
    if yaml:
        document = yaml.safe_load(text)
        for group in document.get("groups", []):
            for rule in group.get("rules", []):
                if "alert" in rule:
                    yield rule["expr"], {"name": rule["alert"], "block": yaml.safe_dump(rule)}
        return
    for block in re.split(r"\n(?=\s*- alert:)", text)[1:]:
        name = re.search(r"- alert:\s*(\S+)", block).group(1)
        expr = re.search(r"expr:\s*\|?\n?((?:.*\n)*?)\s*(?:for|labels|annotations):", block)
        yield (expr.group(1) if expr else ""), {"name": name, "block": block}


def parse_with_promtool(expressions):
    """One throwaway rules file with a recording rule per expression; when promtool refuses it,
    one file per expression, so that every expression that does not parse is named."""

    def check(batch, tmp):
        rules = Path(tmp) / "dashboard-expressions.yml"
        lines = ["groups:", "  - name: dashboard-expressions", "    rules:"]
        for i, (where, expr) in enumerate(batch):
            lines.append(f"      - record: expression_{i}")
            lines.append(f"        expr: {json.dumps(expr)}")
        rules.write_text("\n".join(lines) + "\n")
        result = subprocess.run(["promtool", "check", "rules", str(rules)], capture_output=True, text=True)
        return result.returncode == 0, (result.stdout + result.stderr).strip()

    with tempfile.TemporaryDirectory() as tmp:
        ok, _ = check(expressions, tmp)
        if ok:
            return
        for where, expr in expressions:
            ok, output = check([(where, expr)], tmp)
            if not ok:
                reason = re.search(r"could not parse expression: (.*)", output)
                error(f"{where}: PromQL does not parse ({reason.group(1) if reason else output}): {expr}")


def read_scrapes():
    scrapes = {}
    for module in MODULES:
        path = ROOT / module / SCRAPE
        if not path.exists():
            continue
        names = set()
        for line in path.read_text().splitlines():
            if line and not line.startswith("#"):
                names.add(re.match(r"[A-Za-z_:][A-Za-z0-9_:]*", line).group(0))
        scrapes[module] = names
    return scrapes


def check_names(expressions, scrapes, require_scrapes):
    exported = set().union(*scrapes.values()) if scrapes else set()
    used = {}
    for where, expr in expressions:
        for name in metric_names(expr):
            used.setdefault(name, []).append(where)
    for name in sorted(used):
        if name in SYNTHETIC or name in exported:
            continue
        module = owner(name)
        missing_scrape = (module and module not in scrapes) or (not module and not scrapes)
        places = "; ".join(sorted(set(w.split(" panel ")[0].split(" alert ")[0] for w in used[name])))
        if missing_scrape and not require_scrapes:
            warn(f"{name} (used in {places}) is unverified: {module or 'no service'} wrote no {SCRAPE}")
        else:
            error(f"{name} (used in {places}) is in no scrape ({', '.join(sorted(scrapes)) or 'none found'})")
    return used


def check_provisioning():
    try:
        import yaml
    except ImportError:
        warn("PyYAML is not installed: the Grafana provisioning files were not parsed")
        return
    for path in sorted((DEPLOYMENT / "grafana" / "provisioning").glob("*/*.yml")):
        try:
            document = yaml.safe_load(path.read_text())
        except yaml.YAMLError as ex:
            error(f"{path.relative_to(ROOT)}: {ex}")
            continue
        if document.get("apiVersion") != 1:
            error(f"{path.relative_to(ROOT)}: apiVersion is not 1")


def main():
    args = sys.argv[1:]
    require_scrapes = "--require-scrapes" in args
    rendered_dir = None
    if "--rendered-rules" in args:
        index = args.index("--rendered-rules")
        if index + 1 >= len(args):
            print("usage: check_monitoring.py [--require-scrapes] [--rendered-rules DIR]", file=sys.stderr)
            return 2
        rendered_dir = args[index + 1]
    expressions = []
    for path in DASHBOARDS:
        check_dashboard(path, expressions)
    if not DASHBOARDS:
        error("no dashboards in deployment/grafana/dashboards")
    dashboard_count = len(expressions)
    check_rules(expressions, rendered_dir)
    parse_with_promtool(expressions[:dashboard_count])
    check_provisioning()
    scrapes = read_scrapes()
    used = check_names(expressions, scrapes, require_scrapes)

    print(f"dashboards: {len(DASHBOARDS)}, dashboard expressions parsed by promtool: {dashboard_count}, "
          f"alert expressions: {len(expressions) - dashboard_count}")
    print(f"scrapes: {', '.join(f'{m} ({len(n)} series names)' for m, n in scrapes.items()) or 'none'}")
    print(f"metric names used: {len(used)}")
    for message in warnings:
        print(f"WARNING: {message}")
    for message in errors:
        print(f"ERROR: {message}")
    if errors:
        print(f"monitoring check: {len(errors)} error(s)")
        return 1
    print("monitoring check: OK" + (f" ({len(warnings)} warning(s))" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
