#!/usr/bin/env python3
"""Checks docs/configuration.md against the configuration metadata the build generates.

Every key a service's @ConfigurationProperties records declare (the modules'
target/classes/META-INF/spring-configuration-metadata.json, written by Spring Boot's
configuration processor) must be in the reference, and where the record gives a default, the
reference must show the same one. Keys the reference lists under a project prefix that no record
declares are reported too, so a removed key leaves the docs with it.

Usage: check_configuration.py DOC METADATA.json...   (exit 1 on any finding)
"""
import json
import re
import sys

# Keys of the project's own records; Spring's own (server.*, spring.*, management.*) are Boot's.
PROJECT_PREFIXES = ("model-monitoring.", "data-lake.", "messaging.", "security.", "batch-jobs.", "services.",
                    "worker.", "orchestrator.", "alerting.", "audit-log.")

ROW = re.compile(r"^\|\s*`(?P<key>[a-z0-9_.\-\[\]]+)`[^|]*\|\s*(?P<default>[^|]*)\|")


def canonical(key):
    return key.replace("_", "-")


def documented(doc_path):
    rows = {}
    for line in open(doc_path, encoding="utf-8"):
        match = ROW.match(line)
        if match:
            rows.setdefault(canonical(match["key"]), []).append(match["default"].strip())
    return rows


def shown(value):
    """The default as the reference writes it: the first `code` span, or None for words."""
    match = re.search(r"`([^`]*)`", value)
    return match.group(1) if match else None


def same(doc_value, metadata_value):
    if isinstance(metadata_value, bool):
        return doc_value == str(metadata_value).lower()
    if isinstance(metadata_value, (int, float)):
        try:
            return float(doc_value) == float(metadata_value)
        except ValueError:
            return False
    if isinstance(metadata_value, str) and metadata_value.startswith("[") and metadata_value.endswith("]"):
        # A record's list default, as the metadata of @DefaultValue({...}) writes it.
        metadata_value = [part.strip() for part in metadata_value[1:-1].split(",") if part.strip()]
    if isinstance(metadata_value, list):
        return [part.strip() for part in doc_value.split(",")] == [str(part) for part in metadata_value]
    return doc_value == str(metadata_value)


def main(doc_path, metadata_paths):
    rows = documented(doc_path)
    problems = []
    declared = set()
    for path in metadata_paths:
        for prop in json.load(open(path, encoding="utf-8")).get("properties", []):
            name = prop["name"]
            if not name.startswith(PROJECT_PREFIXES):
                continue
            declared.add(name)
            if name not in rows:
                problems.append(f"{name} ({path}) is not in {doc_path}")
                continue
            if "defaultValue" in prop:
                for value in rows[name]:
                    doc_value = shown(value)
                    if doc_value is None or not same(doc_value, prop["defaultValue"]):
                        problems.append(f"{name}: the reference says {value!r}, the record's default is "
                                        f"{prop['defaultValue']!r}")
    for name in sorted(rows):
        if name.startswith(PROJECT_PREFIXES) and name not in declared:
            problems.append(f"{name} is in {doc_path} but no configuration record declares it")
    for problem in problems:
        print(f"ERROR: {problem}")
    print(f"configuration check: {len(declared)} keys, {len(problems)} error(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
