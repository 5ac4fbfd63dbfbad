"""Renders bench/run.sh's raw results (TSV files in its work directory) as markdown, with the issue 6 targets."""
import sys
from pathlib import Path

work, machine, duration, warmup, connections, threads, scales = sys.argv[1:8]
work = Path(work)

rows = {}
for line in (work / "results.tsv").read_text().splitlines():
    s, name, rps, p50, p99, errors, rss, requests = line.split("\t")
    rows[(s, name)] = dict(rps=float(rps), p50=float(p50), p99=float(p99), errors=int(errors), rss=int(rss), requests=int(requests))

loads = {}
if (work / "loads.tsv").exists():
    for line in (work / "loads.tsv").read_text().splitlines():
        s, _, seconds, counts = line.split("\t")
        loads[s] = (seconds, counts.split())

memory = {}
if (work / "memory.tsv").exists():
    for line in (work / "memory.tsv").read_text().splitlines():
        s, hwm, before, peak, export = line.split("\t")
        memory[s] = dict(hwm=int(hwm), before=int(before), peak=int(peak), export=export.split())

scale_list = scales.split()
names = ["by-slug", "by-slug-baseline", "leaders-asof", "org-chart", "list-page-1", "list-page-200", "list-after-199", "search", "write-mix"]
urls = {
    "by-slug": "GET /api/v1/departments/ild",
    "by-slug-baseline": "same, raw Npgsql baseline app",
    "leaders-asof": "GET /departments/ild/leaders?asOf=2019-06-01",
    "org-chart": "GET /departments/ild/org-chart",
    "list-page-1": "GET /events?kind=Statistic&sort=-date&page=1&pageSize=25",
    "list-page-200": "same, page=200",
    "list-after-199": "same, page 200 by keyset: after=<last id of page 199>",
    "search": "GET /search?q=lu%20kang",
    "write-mix": "POST /people, then PUT it with If-Match",
}

out = []
out.append(f"# IldRegistry benchmark ({' '.join('S=' + s for s in scale_list)})\n")
out.append(f"Machine: {machine}. Load tool on the same machine: wrk, {threads} threads, {connections} connections, "
           f"{duration} s per scenario after a {warmup} s warm-up. API: Release build, Production environment. "
           "The machine may be shared with other work: read the absolute numbers as noisy, the baseline ratios as the signal.\n")

if loads:
    out.append("| S | departments | people | leader posts | bureaus | institutions | events | load + VACUUM ANALYZE |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in scale_list:
        if s in loads:
            seconds, c = loads[s]
            out.append(f"| {s} | " + " | ".join(f"{int(x):,}" for x in c) + f" | {seconds} s |")
    out.append("")

out.append("| S | scenario | request | req/s | p50 ms | p99 ms | errors | peak RSS MB |")
out.append("|---|---|---|---:|---:|---:|---:|---:|")
for s in scale_list:
    for n in names:
        r = rows.get((s, n))
        if r:
            if r["p99"] == 0 and r["errors"] > 0:
                lat = "> 5000 (timed out) | > 5000 (timed out)"
            else:
                lat = f"{r['p50']:.2f} | {r['p99']:.2f}"
            out.append(f"| {s} | {n} | `{urls[n]}` | {r['rps']:,.1f} | {lat} | {r['errors']} of {r['requests']:,} | {r['rss']} |")
out.append("")

out.append("By slug relative to the baseline (API ÷ baseline; for req/s higher is better, for latency and RSS lower is better):\n")
out.append("| S | req/s | p50 | p99 | peak RSS |")
out.append("|---|---:|---:|---:|---:|")
for s in scale_list:
    a, b = rows.get((s, "by-slug")), rows.get((s, "by-slug-baseline"))
    if a and b:
        def ratio(x, y):
            return f"{x / y:.2f}×" if y else "n/a"
        out.append(f"| {s} | {ratio(a['rps'], b['rps'])} | {ratio(a['p50'], b['p50'])} | {ratio(a['p99'], b['p99'])} | {ratio(a['rss'], b['rss'])} |")
out.append("")

if memory:
    out.append("| S | API peak RSS over all scenarios (VmHWM) | export `GET /api/v1/export?format=json` |")
    out.append("|---|---:|---|")
    for s in scale_list:
        m = memory.get(s)
        if not m:
            continue
        code, size, seconds = m["export"]
        if code == "200":
            export = f"200, {int(size) / 1e6:.1f} MB in {float(seconds):.1f} s, RSS {m['before']} → peak {m['peak']} MB (growth {m['peak'] - m['before']} MB)"
        else:
            export = f"not available (HTTP {code})"
        out.append(f"| {s} | {m['hwm']} MB | {export} |")
    out.append("")

big, small = scale_list[-1], scale_list[0]
out.append(f"Targets of issue 6 part 4, at S={big}" + (f" (growth against S={small})" if big != small else "") + ":\n")

def check(label, ok, detail):
    out.append(f"- {'MET' if ok else 'NOT MET'}: {label} ({detail})")

a, b = rows.get((big, "by-slug")), rows.get((big, "by-slug-baseline"))
if a and b:
    check("by slug ≥ 0.6 × baseline req/s", a["rps"] >= 0.6 * b["rps"], f"{a['rps'] / b['rps']:.2f}×")
r = rows.get((big, "org-chart"))
if r:
    check("org chart p99 < 20 ms", r["p99"] < 20, f"p99 {r['p99']:.2f} ms")
for n in ["leaders-asof", "list-page-1", "list-page-200", "list-after-199", "search"]:
    r, r1 = rows.get((big, n)), rows.get((small, n))
    if r:
        growth = f", {r['p99'] / r1['p99']:.2f}× S={small}" if r1 and big != small and r1["p99"] else ""
        if r["p99"] == 0 and r["errors"] > 0:
            check(f"{n} p99 < 25 ms and ≤ 1.5 × S={small}", False, "requests time out after 5 s")
            continue
        ok = r["p99"] < 25 and (not r1 or big == small or r["p99"] <= 1.5 * r1["p99"])
        check(f"{n} p99 < 25 ms and ≤ 1.5 × S={small}", ok, f"p99 {r['p99']:.2f} ms{growth}")
m = memory.get(big)
if m:
    check("API peak RSS < 300 MB under load", m["hwm"] < 300, f"VmHWM {m['hwm']} MB")
    code = m["export"][0]
    if code == "200":
        check("export RSS growth < 100 MB", m["peak"] - m["before"] < 100, f"{m['peak'] - m['before']} MB")
    else:
        out.append(f"- NOT MEASURABLE: export RSS growth < 100 MB (export endpoint answered HTTP {code})")
errors = sum(r["errors"] for r in rows.values())
out.append(f"- errors over all scenarios: {errors}")
print("\n".join(out))
