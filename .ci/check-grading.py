"""Reads Swift Testing's JSON event stream (version 0) and checks how the exercises were graded.

shipped: every exercise under Exercises/ is reported as not attempted, and no test case ran
         against the student's implementation.
solved:  no exercise is reported as not attempted; every graded check that ran against the
         reference also ran against the student's implementation, and none of those failed.

Graded checks are parameterised over `Implementation`; a test case's display name is
"reference" or "student" (a check with more arguments shows e.g. "student, …").
"""
import json
import os
import re
import sys


def load(path):
    tests, events = {}, []
    with open(path) as stream:
        for line in stream:
            record = json.loads(line)
            if record["kind"] == "test":
                tests[record["payload"]["id"]] = record["payload"]
            elif record["kind"] == "event":
                events.append(record["payload"])
    return tests, events


def implementation(event):
    name = (event.get("_testCase") or {}).get("displayName", "")
    first = name.split(",")[0].strip()
    return first if first in ("reference", "student") else None


def main():
    mode, path, exercises_dir = sys.argv[1:4]
    exercises = sorted(d for d in os.listdir(exercises_dir) if os.path.isdir(os.path.join(exercises_dir, d)))
    numbers = [re.match(r"(\d+)-", slug).group(1) for slug in exercises]
    tests, events = load(path)

    not_attempted = set()
    for event in events:
        if event["kind"] == "testSkipped":
            for comment in event.get("_comments", []):
                match = re.search(r"Exercise (\d+) not attempted yet", comment)
                if match:
                    not_attempted.add(match.group(1))

    cases = {"reference": set(), "student": set()}
    failed = {"reference": set(), "student": set()}
    for event in events:
        side = implementation(event)
        if side is None:
            continue
        if event["kind"] == "testCaseStarted":
            cases[side].add(event["testID"])
        elif event["kind"] == "issueRecorded" and not event.get("issue", {}).get("isKnown", False):
            failed[side].add(event["testID"])

    name = lambda test_id: tests.get(test_id, {}).get("displayName", test_id)
    problems = []
    if not cases["reference"]:
        problems.append("no graded check ran against the reference at all")
    if failed["reference"]:
        problems += [f"reference fails: {name(t)}" for t in sorted(failed["reference"])]
    if mode == "shipped":
        problems += [f"exercise {n} is not reported as not attempted" for n in numbers if n not in not_attempted]
        problems += [f"a student-side check ran although nothing is attempted: {name(t)}" for t in sorted(cases["student"])]
    else:
        problems += [f"exercise {n} is still reported as not attempted" for n in sorted(not_attempted)]
        problems += [f"check did not run against the student's code: {name(t)}" for t in sorted(cases["reference"] - cases["student"])]
        problems += [f"student-side check fails with the reference copied in: {name(t)}" for t in sorted(failed["student"])]

    print(f"{mode}: {len(exercises)} exercise(s); graded checks run against the reference: {len(cases['reference'])}, "
          f"against the student: {len(cases['student'])}; not attempted: {', '.join(sorted(not_attempted)) or 'none'}")
    for problem in problems:
        print("  ✗ " + problem)
    sys.exit(1 if problems else 0)


main()
