#!/usr/bin/env python3
"""Mirror the registry into SQLite from its change feed, resuming where the last run stopped.

Usage: python3 mirror.py mirror.sqlite
Reads GET /api/v1/changes?after=<cursor> page by page, fetches each changed record (410 Gone: it was deleted) and
stores it in the table `records` (type, id, version, deleted, body as JSON). The cursor is stored in the table
`cursor` in the same transaction as the page's records, so a run that is stopped halfway resumes exactly after the
last page it stored, and a second run fetches only what changed since. Stops when the feed has nothing more ready.
The service's URL is taken from ILDREGISTRY_URL (default http://localhost:5080). Standard library only.
"""
import json
import os
import sqlite3
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("ILDREGISTRY_URL", "http://localhost:5080").rstrip("/")
PAGE = 200


def get(path):
    """The JSON at path and its ETag, or (None, None) for 410 Gone."""
    try:
        with urllib.request.urlopen(BASE + path, timeout=30) as response:
            return json.load(response), response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        if error.code == 410:
            return None, None
        raise


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    db = sqlite3.connect(argv[1])
    db.executescript("""
        CREATE TABLE IF NOT EXISTS records (type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER, deleted INTEGER NOT NULL,
                                            body TEXT, PRIMARY KEY (type, id));
        CREATE TABLE IF NOT EXISTS cursor (one INTEGER PRIMARY KEY CHECK (one = 1), value TEXT NOT NULL);
    """)
    row = db.execute("SELECT value FROM cursor").fetchone()
    cursor = row[0] if row else None
    changes = 0
    while True:
        query = {"limit": PAGE, **({"after": cursor} if cursor else {})}
        page, _ = get("/api/v1/changes?" + urllib.parse.urlencode(query))
        # A record changed twice in the page is fetched once: the GET shows its latest state.
        latest = {(item["type"], item["id"]): item for item in page["items"]}
        with db:
            for (kind, record_id), item in latest.items():
                body, etag = get(item["href"])
                version = int(etag.strip('"').split("-")[0]) if etag else item["version"]
                db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)",
                           (kind, record_id, version, 1 if body is None else 0, None if body is None else json.dumps(body, ensure_ascii=False)))
            db.execute("INSERT OR REPLACE INTO cursor VALUES (1, ?)", (page["next"],))
        changes += len(page["items"])
        cursor = page["next"]
        if not page["hasMore"]:
            break

    counts = dict(db.execute("SELECT type, COUNT(*) FROM records WHERE deleted = 0 GROUP BY type ORDER BY type").fetchall())
    print(json.dumps({"changes": changes, "cursor": cursor, "records": counts}))
    db.close()


if __name__ == "__main__":
    main(sys.argv)
