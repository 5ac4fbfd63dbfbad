#!/usr/bin/env python3
"""Writes the request paths of the real-traffic scenarios (issue 14), one a line, for paths.lua.

Usage: keys.py <psql connection args as one string> <out dir> [seed]
Keys come from the loaded database (departments' slugs, event kinds) and from the data generator's own name lists
(person names, with a typo in three of ten). Each scenario is written twice: uniform (every key equally likely) and
zipf (a few popular keys, a long tail: rank r drawn with weight 1/r^1.1 over a shuffled key list). The repetitions in
the file carry the distribution; paths.lua draws a random line per request.
"""
import os, random, subprocess, sys, urllib.parse

SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Lu Song Zheng Liang "
            "Xie Tang Han Feng Deng Cao").split()
GIVEN = ("Wei Fang Min Jing Li Qiang Lei Jun Yang Yong Yan Jie Tao Ming Chao Xiu Hua Ping Gang Hui Kang Bo Lin Hong Ying "
         "Hai Xiang Zhen Yu Dong").split()
SAMPLES = 20000
MONTHS = [f"{y}-{m:02d}-01" for y in range(1951, 2027) for m in range(1, 13) if (y, m) <= (2026, 11)]
PAGES = 40  # events pages 1..40 of 25 by kind (a kind holds about 22,000 events at S=1000)


def psql(conn, sql):
    out = subprocess.run(["psql", "-X", "-At"] + conn.split() + ["-c", sql], check=True, capture_output=True, text=True)
    return [l for l in out.stdout.splitlines() if l]


def typo(rng, word):
    i = rng.randrange(len(word))
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i] + word[i:]          # a doubled letter
    if kind == 1 and len(word) > 2:
        return word[:i] + word[i + 1:]                # a dropped letter
    return word[:i] + rng.choice("aeiou") + word[i + 1:]  # a wrong vowel


def names(rng):
    keys = []
    for s in SURNAMES:
        for g in GIVEN:
            keys.append(f"{s} {g}")
            keys.append(f"{s} {g}{rng.choice(GIVEN).lower()}")
    return keys


def search_path(rng, name):
    if rng.random() < 0.3:
        s, g = name.split(" ")
        name = f"{typo(rng, s)} {g}" if rng.random() < 0.5 else f"{s} {typo(rng, g)}"
    return "/api/v1/search?q=" + urllib.parse.quote(name)


def draw(rng, keys, zipf):
    if not zipf:
        return [rng.choice(keys) for _ in range(SAMPLES)]
    ranked = keys[:]
    rng.shuffle(ranked)
    weights = [1 / (r ** 1.1) for r in range(1, len(ranked) + 1)]
    return rng.choices(ranked, weights=weights, k=SAMPLES)


def main():
    conn, out = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 14)
    os.makedirs(out, exist_ok=True)
    slugs = psql(conn, "SELECT slug FROM departments WHERE deleted_at IS NULL ORDER BY slug")
    kinds = psql(conn, "SELECT DISTINCT kind FROM events WHERE deleted_at IS NULL ORDER BY kind")
    people = names(rng)
    scenarios = {}
    for dist in ("uniform", "zipf"):
        z = dist == "zipf"
        scenarios[f"by-slug-{dist}"] = [f"/api/v1/departments/{s}" for s in draw(rng, slugs, z)]
        scenarios[f"leaders-asof-{dist}"] = [f"/api/v1/departments/{s}/leaders?asOf={rng.choice(MONTHS)}" for s in draw(rng, slugs, z)]
        scenarios[f"org-chart-{dist}"] = [f"/api/v1/departments/{s}/org-chart" for s in draw(rng, slugs, z)]
        pages = [(k, p) for k in kinds for p in range(1, PAGES + 1)]
        scenarios[f"events-{dist}"] = [f"/api/v1/events?kind={k}&sort=-date&page={p}&pageSize=25" for k, p in draw(rng, pages, z)]
        scenarios[f"search-{dist}"] = [search_path(rng, n) for n in draw(rng, people, z)]
        mix = []
        for name in ("by-slug", "leaders-asof", "org-chart", "events", "search"):
            mix += scenarios[f"{name}-{dist}"][: SAMPLES // 5]
        rng.shuffle(mix)
        scenarios[f"mix-{dist}"] = mix
    for name, paths in scenarios.items():
        with open(os.path.join(out, name + ".paths"), "w") as f:
            f.write("\n".join(paths) + "\n")
        print(name, len(paths), "requests,", len(set(paths)), "distinct")


main()
