#!/usr/bin/env python3
"""Reads every STIX bundle Handoff exported for the tests (DIR/*.stix.json) with two real
readers, and exits non-zero on any failure:

- OASIS's stix2-validator must find the bundle valid, with no warning either;
- MISP's converter (misp-stix, ExternalSTIX2toMISPParser) must turn it into one MISP event
  named after the case, tagged with its TLP, that carries every indicator listed in the
  DIR/<name>.stix.expected.json written beside it (the case's refanged values).
"""

import json
import sys
from pathlib import Path

from misp_stix_converter import ExternalSTIX2toMISPParser
from stix2.parsing import parse
from stix2validator import ValidationOptions, validate_file


def warnings_of(results):
    found = []
    for obj in results.object_results or []:
        found.extend(f"{obj.object_id}: {w}" for w in obj.warnings or [])
    return found


def check(path: Path) -> list:
    problems = []
    results = validate_file(str(path), ValidationOptions())
    if not results.is_valid:
        for obj in results.object_results or []:
            problems.extend(f"{obj.object_id}: {e}" for e in obj.errors or [])
        problems.extend(str(e) for e in getattr(results, "errors", None) or [])
        problems.append("STIX JSON: Invalid")
    else:
        print(f"{path.name}: STIX JSON: Valid")
    problems.extend(f"validator warning: {w}" for w in warnings_of(results))

    text = path.read_text(encoding="utf-8")
    bundle = json.loads(text)
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    indicators = [o for o in bundle["objects"] if o["type"] == "indicator"]
    expected = json.loads(path.with_name(path.name.replace(".stix.json", ".stix.expected.json")).read_text(encoding="utf-8"))
    if len(indicators) != len(set(expected)):
        problems.append(f"{len(indicators)} indicators in the bundle, {len(set(expected))} expected")

    parser = ExternalSTIX2toMISPParser()
    parser.load_stix_bundle(parse(text, allow_custom=True))
    parser.parse_stix_bundle()
    event = parser.misp_event
    values = {a.value for a in event.attributes}
    for obj in event.objects:
        values.update(a.value for a in obj.attributes)
    for value in expected:
        if value not in values:
            problems.append(f"MISP's event lacks the indicator {value!r}")
    if event.info != report["name"]:
        problems.append(f"MISP's event is named {event.info!r}, not {report['name']!r}")
    tlp = next(o["name"] for o in bundle["objects"] if o["type"] == "marking-definition").lower()
    if tlp not in {t.name for t in event.tags}:
        problems.append(f"MISP's event is not tagged {tlp}: {[t.name for t in event.tags]}")
    if not problems:
        print(f"{path.name}: MISP event {event.info[:60]!r} with {len(expected)} indicators")
    return problems


def main() -> int:
    folder = Path(sys.argv[1])
    bundles = sorted(folder.glob("*.stix.json"))
    if not bundles:
        print(f"no *.stix.json in {folder}", file=sys.stderr)
        return 1
    failed = 0
    for path in bundles:
        try:
            problems = check(path)
        except Exception as e:  # a reader that gives up on the file is a failure too
            problems = [f"{type(e).__name__}: {e}"]
        for p in problems:
            print(f"FAIL {path.name}: {p}", file=sys.stderr)
        failed += bool(problems)
    print(f"stix: {len(bundles) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
