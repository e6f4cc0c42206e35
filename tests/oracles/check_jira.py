#!/usr/bin/env python3
"""Reads every Jira wiki markup export Handoff wrote for the tests (DIR/*.jira.txt) with
pandoc's Jira reader (`pandoc -f jira -t json`) and checks its document tree; exits non-zero
on any failure:

- no link, image, user mention, raw HTML or emoticon anywhere: Handoff writes none, so one
  could only come from user text;
- the hostile case and its harmless twin (the same case with every typed character replaced
  by `x`) have the same structure: every heading, table, list, code block, emphasis and line
  break; so nothing a user typed made any.
"""

import json
import subprocess
import sys
from pathlib import Path

FORBIDDEN = {"Link", "Image", "RawInline", "RawBlock", "Note", "Cite", "Math"}
TEXT = {"Str", "Space", "SoftBreak"}


def tree(path: Path):
    out = subprocess.run(
        ["pandoc", "-f", "jira", "-t", "json", str(path)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def walk(node, found, skeleton, strings):
    if isinstance(node, list):
        for n in node:
            walk(n, found, skeleton, strings)
    elif isinstance(node, dict):
        t = node.get("t")
        c = node.get("c")
        if t in FORBIDDEN:
            found.append(t)
        if t == "Span":
            attrs = c[0]
            if attrs[1] or attrs[2]:
                found.append(f"Span {attrs}")
        if t == "Str":
            strings.append(c)
        elif t and t not in TEXT:
            skeleton.append(f"{t} {c[0]}" if t == "Header" else t)
        for v in node.values():
            walk(v, found, skeleton, strings)


def emoticons(strings):
    # pandoc turns Jira's emoticons, (y) and :), into pictographs; Handoff writes none.
    return [s for s in strings if any(ord(ch) >= 0x1F000 or 0x2600 <= ord(ch) <= 0x27BF for ch in s)]


def read(path: Path):
    found, skeleton, strings = [], [], []
    walk(tree(path)["blocks"], found, skeleton, strings)
    return found, skeleton, emoticons(strings)


def main() -> int:
    folder = Path(sys.argv[1])
    files = sorted(p for p in folder.glob("*.jira.txt") if ".harmless" not in p.name)
    if not files:
        print(f"no *.jira.txt in {folder}", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        problems = []
        try:
            found, skeleton, pictographs = read(path)
        except (subprocess.CalledProcessError, json.JSONDecodeError) as e:
            print(f"FAIL {path.name}: pandoc could not read it: {e}", file=sys.stderr)
            failed += 1
            continue
        problems += [f"pandoc found a {f}" for f in found]
        problems += [f"an emoticon became {p!r}" for p in pictographs]
        if path.name.startswith("hostile."):
            twin = path.with_name(path.name.replace("hostile.", "hostile.harmless.", 1))
            _, twin_skeleton, _ = read(twin)
            if skeleton != twin_skeleton:
                for i, (a, b) in enumerate(zip(skeleton, twin_skeleton)):
                    if a != b:
                        problems.append(f"structure differs from its harmless twin at element {i}: {a} vs {b}")
                        break
                else:
                    problems.append(f"structure differs from its harmless twin: {len(skeleton)} vs {len(twin_skeleton)} elements")
        for p in problems:
            print(f"FAIL {path.name}: {p}", file=sys.stderr)
        if not problems:
            print(f"{path.name}: {len(skeleton)} elements, no link, macro, mention or formatting from user text")
        failed += bool(problems)
    print(f"jira: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
