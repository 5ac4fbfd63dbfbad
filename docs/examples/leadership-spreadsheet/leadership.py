#!/usr/bin/env python3
"""The leadership of a department on a date, as a CSV that spreadsheets open right.

Usage: python3 leadership.py DEPARTMENT DATE OUT.csv      e.g. python3 leadership.py ild 1960-06-01 ild-1960.csv
DEPARTMENT is a slug or an id, DATE a partial date (1960, 1960-06, 1960-06-01). One row per post: first those known to
be held on the date (status `known`), then those that may be but are not known to be (status `possible`, with the
reason). The file is UTF-8 with a byte-order mark (Excel reads it as UTF-8; in LibreOffice choose Unicode (UTF-8)),
and dates are written as ="1966-03", which both show as the text 1966-03 instead of turning it into a number or a
date. The service's URL is taken from ILDREGISTRY_URL (default http://localhost:5080). Standard library only.
"""
import csv
import json
import os
import sys
import urllib.parse
import urllib.request

BASE = os.environ.get("ILDREGISTRY_URL", "http://localhost:5080").rstrip("/")
COLUMNS = ["status", "reason", "rank", "title", "name", "nativeName", "start", "end", "endStatus", "personId", "leaderId"]


def text(value):
    """A value a spreadsheet must keep as text (a partial date, 1951 or 1966-03), as a text formula; empty stays empty."""
    return f'="{value}"' if value else ""


def row(status, reason, post):
    person = post["person"]
    return [status, reason or "", post["rank"], post["title"], person["name"], person.get("nativeName") or "",
            text(post.get("start")), text(post.get("end")), post["endStatus"], person["id"], post["id"]]


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    department, date, out = argv[1], argv[2], argv[3]
    url = f"{BASE}/api/v1/departments/{urllib.parse.quote(department, safe='')}/leaders?asOf={urllib.parse.quote(date)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        leadership = json.load(response)

    with open(out, "w", newline="", encoding="utf-8-sig") as target:
        writer = csv.writer(target)
        writer.writerow(COLUMNS)
        for post in leadership["leaders"]:
            writer.writerow(row("known", None, post))
        for possible in leadership["possible"]:
            writer.writerow(row("possible", possible["reason"], possible["post"]))
    print(f"{leadership['department']['name']} on {leadership['asOf']}: {len(leadership['leaders'])} known, "
          f"{len(leadership['possible'])} possible -> {out}")


if __name__ == "__main__":
    main(sys.argv)
