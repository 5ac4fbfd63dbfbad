#!/usr/bin/env python3
"""Match a CSV of names to the registry's people with its reconciliation API (W3C Reconciliation Service API 0.2).

Usage: python3 reconcile.py names.csv [matched.csv]
The input has a column `name` and, optionally, `title` (a post, e.g. Head) and `heldOn` (a date on which the person
held it: 1960, 1960-06, 1960-06-01). The output (stdout when no file is given) repeats each row with the best
candidate: its id, name, score (0 to 100) and whether the service matched it (`match`: sure enough to take it).
The service's URL is taken from ILDREGISTRY_URL (default http://localhost:5080). Standard library only.
"""
import csv
import json
import os
import sys
import urllib.parse
import urllib.request

BASE = os.environ.get("ILDREGISTRY_URL", "http://localhost:5080").rstrip("/")
BATCH = 10  # queries per request, as OpenRefine sends them


def reconcile(queries):
    """POSTs one batch as OpenRefine does (form-encoded `queries=`) and returns the answer, keyed like the batch."""
    body = urllib.parse.urlencode({"queries": json.dumps(queries, ensure_ascii=False)}).encode("utf-8")
    request = urllib.request.Request(BASE + "/api/v1/reconcile", data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def query_of(row):
    query = {"query": row["name"], "type": "Person"}
    properties = [{"pid": pid, "v": row[pid]} for pid in ("title", "heldOn") if (row.get(pid) or "").strip()]
    if properties:
        query["properties"] = properties
    return query


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    with open(argv[1], newline="", encoding="utf-8-sig") as source:
        rows = list(csv.DictReader(source))

    results = {}
    for start in range(0, len(rows), BATCH):
        batch = {f"q{i}": query_of(rows[i]) for i in range(start, min(start + BATCH, len(rows)))}
        results.update(reconcile(batch))

    output = open(argv[2], "w", newline="", encoding="utf-8-sig") if len(argv) > 2 else sys.stdout
    try:
        writer = csv.writer(output)
        writer.writerow(["name", "title", "heldOn", "id", "matchedName", "score", "match"])
        for i, row in enumerate(rows):
            candidates = results.get(f"q{i}", {}).get("result", [])
            best = candidates[0] if candidates else {}
            writer.writerow([row["name"], row.get("title", ""), row.get("heldOn", ""), best.get("id", ""), best.get("name", ""),
                             best.get("score", ""), "true" if best.get("match") else "false"])
    finally:
        if output is not sys.stdout:
            output.close()


if __name__ == "__main__":
    main(sys.argv)
