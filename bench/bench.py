#!/usr/bin/env python3
"""Benchmarks of trade-warehouse, written to docs/BENCHMARKS.md.

Usage: python3 bench/bench.py [--runs 3] [--rows N] [--scale 1,3] [--shared ../shared] [--only web|history]

For each size (the shared generator's default full year, and --scale times it) and in one run on the same
PostgreSQL 17 (the application's embedded one, started with `trade-etl db`):
  - psql \\copy of the same rows into an unindexed table (the reference), from the unzipped text files;
  - the whole `./bin/trade-etl load` (JVM with -Xmx512m, against that database): staging, publish, rankings refresh;
  - peak resident memory of the load process;
  - the fiche's data query for every département (median, 95th percentile);
  - the web page: GET /fiches/dep-XX/2024 from `trade-etl serve` for every département (median, 95th percentile),
    and `trade-etl export-fiches` of every territory of the year (scale 1 only).
With --only web, a full year is loaded once and only the web figures are measured; they replace the web section of
the existing docs/BENCHMARKS.md and leave the rest as it is. With --only history, a warehouse is filled year by year
(2024, then 2019 to 2023: six full years) and a one-quarter, one-flow revision and a full year's re-publication are
loaded on it holding one year and six: the cost of a load as the history grows, in its own section. Each figure is the median of --runs runs. Needs python3 with numpy (for the generator), psql and /usr/bin/time.
"""
import argparse
import datetime
import http.client
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "etl", "target", "trade-etl.jar")
# What operators run: the jar extracted, with its class data sharing archive (made on its first call).
COMMAND = os.path.join(ROOT, "bin", "trade-etl")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine():
    cpu = "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, {java}"


class Database:
    """The embedded PostgreSQL 17 of the application, kept running by `trade-etl db`."""

    def __init__(self, workdir):
        self.port = free_port()
        env = dict(os.environ, TRADE_DATA_DIR=os.path.join(workdir, "pgdata"), TRADE_DB_PORT=str(self.port))
        self.log = open(os.path.join(workdir, "db.log"), "w")
        self.proc = subprocess.Popen(["java", "-jar", JAR, "db"], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(120):
            time.sleep(1)
            if "ready" in open(self.log.name).read():
                return
        raise SystemExit("the embedded PostgreSQL did not start; see " + self.log.name)

    def psql(self, *args):
        return sh(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                   "-d", "postgres", *args])

    def url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/postgres"

    def stop(self):
        self.proc.terminate()
        self.proc.wait(60)


def unzip_data(zips, out):
    files = []
    for z in zips:
        with zipfile.ZipFile(z) as archive:
            for name in archive.namelist():
                base = os.path.basename(name)
                if base.lower().startswith(("region_", "regional_cpf4pays")):
                    target = os.path.join(out, os.path.basename(z) + "." + base)
                    with archive.open(name) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    files.append(target)
    return files


def copy_seconds(db, files):
    db.psql("-c", "drop table if exists bench_copy",
            "-c", "create table bench_copy (flow text, quarter smallint, year smallint, dep_code text, region_code text,"
                  " a129 text, cpf4 text, country text, value_eur bigint, mass_kg bigint)")
    start = time.monotonic()
    for f in files:
        db.psql("-c", f"\\copy bench_copy from '{f}' with (format csv, delimiter ';')")
    return time.monotonic() - start


def load_run(db, zips):
    env = dict(os.environ, SPRING_DATASOURCE_URL=db.url(), SPRING_DATASOURCE_USERNAME="postgres")
    gc_log = os.path.join(tempfile.mkdtemp(), "gc.log")
    env["JAVA_OPTS"] = f"-Xmx512m -Xlog:gc:file={gc_log}"
    start = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "MAXRSS_KB=%M", COMMAND, "load", *zips], env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    out = r.stdout + r.stderr
    if r.returncode != 0:
        raise SystemExit("load failed:\n" + out)
    job = float(re.search(r"published in ([0-9.]+) s", out).group(1))
    steps = {m.group(1): float(m.group(2)) for m in re.finditer(r"(\w+) ([0-9.]+) s", out.split("Steps:")[1].splitlines()[0])}
    rss = int(re.search(r"MAXRSS_KB=(\d+)", out).group(1)) / 1024
    # peak heap: the largest heap occupancy the collector logged before a collection ("123M->45M(512M)")
    heap = max((int(m.group(1)) for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", open(gc_log).read())), default=0)
    shutil.rmtree(os.path.dirname(gc_log), ignore_errors=True)
    for line in re.findall(r"^.*Rankings refreshed.*$", out, re.M):  # which marts the refresh spent its time on
        print(line, file=sys.stderr)
    rows = sum(int(m.group(1).replace(",", "")) for m in re.finditer(r"^[EI]\s+([0-9,]+)", out, re.M))
    refresh = steps.get("refreshRankings", 0.0)
    return {"job": job, "load": job - refresh, "wall": wall, "staging": steps["stageRows"], "publish": steps["publish"],
            "refresh": refresh, "rss": rss, "heap": heap, "rows": rows}


def fiche_latency(db, year):
    env = dict(os.environ, SPRING_DATASOURCE_URL=db.url(), SPRING_DATASOURCE_USERNAME="postgres")
    out = sh(["java", "-jar", JAR, "fiche", "--year", str(year), "--measure-latency"], env=env).stdout
    m = re.search(r"(\d+) départements.*median ([0-9.]+) ms, p95 ([0-9.]+) ms", out)
    return int(m.group(1)), float(m.group(2)), float(m.group(3))


def serve(db, workdir):
    """`trade-etl serve` on a free port against the database; returns the process and its port."""
    port = free_port()
    env = dict(os.environ, SPRING_DATASOURCE_URL=db.url(), SPRING_DATASOURCE_USERNAME="postgres")
    log = open(os.path.join(workdir, "serve.log"), "w")
    proc = subprocess.Popen(["java", "-jar", JAR, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        time.sleep(1)
        if "served on" in open(log.name).read():
            return proc, port
    proc.terminate()
    raise SystemExit("trade-etl serve did not start; see " + log.name)


def web_latency(port, year):
    """Time of GET /fiches/dep-XX/<year> for every département listed by the index (warm-up pass, then measured)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(path):
        start = time.monotonic()
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        if r.status != 200:
            raise SystemExit(f"GET {path}: HTTP {r.status}")
        return (time.monotonic() - start) * 1000, body

    pages = sorted(set(re.findall(rf'href="(/fiches/dep-[^/"]+/{year})"', get("/")[1].decode())))
    for page in pages:  # warm-up: JIT, connection pool, template cache
        get(page)
    millis = sorted(get(page)[0] for page in pages)
    conn.close()
    p95 = millis[max(1, -(-95 * len(millis) // 100)) - 1]  # nearest rank
    return len(pages), statistics.median(millis), p95


def export_seconds(db, workdir, year):
    """The whole `trade-etl export-fiches` process for every territory of the year; number of fiches written."""
    env = dict(os.environ, SPRING_DATASOURCE_URL=db.url(), SPRING_DATASOURCE_USERNAME="postgres")
    out = os.path.join(workdir, "fiches")
    shutil.rmtree(out, ignore_errors=True)
    start = time.monotonic()
    r = sh(["java", "-jar", JAR, "export-fiches", "--year", str(year), "--out", out], env=env)
    wall = time.monotonic() - start
    pages = int(re.search(r"Wrote (\d+) fiches", r.stdout).group(1))
    size = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out)) / 2**20
    return pages, wall, size


def web_figures(db, work, runs):
    proc, port = serve(db, work)
    try:
        latencies = [web_latency(port, 2024) for _ in range(runs)]
    finally:
        proc.terminate()
        proc.wait(60)
    exports = [export_seconds(db, work, 2024) for _ in range(runs)]
    fiches = [fiche_latency(db, 2024) for _ in range(runs)]
    return {"fiche_median": statistics.median(l[1] for l in fiches), "fiche_p95": statistics.median(l[2] for l in fiches),
            "deps": latencies[0][0], "page_median": statistics.median(l[1] for l in latencies),
            "page_p95": statistics.median(l[2] for l in latencies), "fiches": exports[0][0],
            "export": statistics.median(e[1] for e in exports), "export_mib": exports[0][2]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=1500000, help="generator rows per flow for scale 1 (its default)")
    ap.add_argument("--scale", default="1,3")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "BENCHMARKS.md"))
    ap.add_argument("--only", choices=["web", "history"],
                    help="web: only the web page and export figures, on one full year; history: only the loads on years of history")
    a = ap.parse_args()
    generator = os.path.join(a.shared, "tools", "gen_customs.py")
    if not os.path.exists(generator):
        raise SystemExit(f"no generator at {generator}: give --shared")
    sh([COMMAND, "--version"])  # builds the jar if it is missing or older than the sources, and prepares its start
    work = tempfile.mkdtemp(prefix="trade-bench-")
    db = Database(work)
    results = []
    web = None
    try:
        if a.only == "history":
            replace_section(a, HISTORY_TITLE, history_section(a, history_figures(db, work, a, generator)))
            return
        if a.only == "web":
            pub = os.path.join(work, "pub")
            sh([sys.executable, generator, "--out", pub, "--rows", str(a.rows)])
            load_run(db, sorted(os.path.join(pub, f) for f in os.listdir(pub) if f.endswith(".zip")))
            web = web_figures(db, work, a.runs)
            results = None
        for scale in [] if a.only else [int(s) for s in a.scale.split(",")]:
            pub = os.path.join(work, f"pub-x{scale}")
            sh([sys.executable, generator, "--out", pub, "--rows", str(a.rows * scale)])
            zips = sorted(os.path.join(pub, f) for f in os.listdir(pub) if f.endswith(".zip"))
            texts = unzip_data(zips, pub)
            copies, loads = [], []
            for i in range(a.runs):
                copies.append(copy_seconds(db, texts))
                loads.append(load_run(db, zips))
                print(f"x{scale} run {i + 1}: copy {copies[-1]:.1f} s, load {loads[-1]}", file=sys.stderr)
            med = {k: statistics.median(l[k] for l in loads) for k in loads[0]}
            copy = statistics.median(copies)
            # each run's own ratios: its copy and its load ran one after the other, under the same machine load
            for name, of in (("load_ratio", lambda c, l: l["load"] / c), ("staging_ratio", lambda c, l: l["staging"] / c),
                             ("refresh_ratio", lambda c, l: l["refresh"] / l["load"]),
                             ("wall_ratio", lambda c, l: l["wall"] / c)):
                values = [of(c, l) for c, l in zip(copies, loads)]
                med[name] = (statistics.median(values), min(values), max(values))
            latencies = [fiche_latency(db, 2024) for _ in range(a.runs)]
            med["deps"] = latencies[0][0]
            med["fiche_median"] = statistics.median(l[1] for l in latencies)
            med["fiche_p95"] = statistics.median(l[2] for l in latencies)
            results.append((scale, loads[0]["rows"], copy, med))
            if scale == 1:
                web = web_figures(db, work, a.runs)
    finally:
        db.stop()
        shutil.rmtree(work, ignore_errors=True)
    if results is None:
        replace_web_section(a, web)
    else:
        write(a, results, web)


WEB_TITLE = "## Web page and static export"


def web_section(a, w):
    """The web figures, with their own date, machine and command: --only web rewrites this section alone."""
    command = f"python3 bench/bench.py --runs {a.runs} --rows {a.rows}" + (" --only web" if a.only else f" --scale {a.scale}")
    return [WEB_TITLE, "",
            f"- Date: {datetime.date.today().isoformat()}; machine: {machine()}",
            f"- Command: `{command}` (one full year of the shared generator, scale 1, loaded first).",
            "- Page: `trade-etl serve`, then `GET /fiches/dep-XX/2024` for every département over one kept-alive"
            " loopback connection, after a warm-up pass: time to the last byte of the HTML (the fiche's data query,"
            " the région's and France's for the comparison Sankeys, and the template).",
            "- Export: the whole `trade-etl export-fiches --year 2024 --out DIR` process (JVM start included), one"
            " self-contained HTML file per territory (ECharts inlined) and the index.",
            "- Fiche query: `trade-etl fiche --year 2024 --measure-latency`, the fiche's data query alone for every"
            " département.", "",
            "| départements | fiche query median (ms) | fiche query 95th percentile (ms, goal ≤ 50) | page median (ms) |"
            " page 95th percentile (ms) | fiches exported | export (s, goal ≤ 60) | export size (MiB) |",
            "|---|---|---|---|---|---|---|---|",
            f"| {w['deps']} | {w['fiche_median']:.1f} | {w['fiche_p95']:.1f} | {w['page_median']:.1f} | {w['page_p95']:.1f} |"
            f" {w['fiches']} | {w['export']:.1f} | {w['export_mib']:.0f} |", ""]


def replace_web_section(a, web):
    replace_section(a, WEB_TITLE, web_section(a, web))


def existing_section(a, title):
    """The section of that title in the existing file, or None."""
    if not os.path.exists(a.out):
        return None
    with open(a.out) as f:
        text = f.read()
    start = text.find(title)
    if start < 0:
        return None
    end = text.find("\n## ", start + len(title))
    return text[start:].rstrip("\n") if end < 0 else text[start:end].rstrip("\n")


def replace_section(a, title, section):
    """The section of that title in the existing file replaced by the new one (added at the end if absent)."""
    with open(a.out) as f:
        text = f.read()
    start = text.find(title)
    if start >= 0:
        end = text.find("\n## ", start + len(title))
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    text = text.rstrip("\n") + "\n\n" + "\n".join(section)
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


HISTORY_TITLE = "## A warehouse with years of history"
HISTORY_YEARS = [2024, 2019, 2020, 2021, 2022, 2023]


def year_zips(generator, work, year, rows, seed):
    out = os.path.join(work, f"y{year}-{seed}")
    sh([sys.executable, generator, "--out", out, "--year", str(year), "--rows", str(rows), "--seed", str(seed)])
    return sorted(os.path.join(out, f) for f in os.listdir(out) if f.endswith(".zip"))


def quarter_revision(export_zip, out, k):
    """The customs' rolling file of one flow holding one quarter (2024-T3 exports), each value revised by k %."""
    lines = []
    with zipfile.ZipFile(export_zip) as archive:
        name = next(n for n in archive.namelist() if os.path.basename(n).lower().startswith("region_"))
        for line in archive.read(name).decode("utf-8").splitlines():
            f = line.split(";")
            if len(f) == 10 and f[1] == "3":
                f[8] = str(int(f[8]) * (100 + k) // 100)
                lines.append(";".join(f))
    path = os.path.join(out, f"revision-{k}.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("REGIONAL_CPF4PAYSE.txt", "\r\n".join(lines) + "\r\n")
    return path, len(lines)


def history_figures(db, work, a, generator):
    """Loads on a warehouse holding one year, then six: each load's job, refresh and whole command, and psql \\copy."""
    h = {"grow": [], "runs": a.runs}
    first = year_zips(generator, work, 2024, a.rows, 24)
    h["copy"] = copy_seconds(db, unzip_data(first, os.path.join(work, f"y2024-24")))
    h["full_empty"] = load_run(db, first)
    h["grow"].append((1, h["full_empty"]))
    revisions = [quarter_revision(first[0], work, k) for k in range(1, 2 * a.runs + 1)]
    h["quarter_rows"] = revisions[0][1]
    h["quarter_1"] = [load_run(db, [z]) for z, _ in revisions[:a.runs]]
    h["full_1"] = [load_run(db, year_zips(generator, work, 2024, a.rows, 100 + i)) for i in range(a.runs)]
    for n, year in enumerate(HISTORY_YEARS[1:], start=2):
        h["grow"].append((n, load_run(db, year_zips(generator, work, year, a.rows, year))))
        print(f"history: {n} years, {h['grow'][-1][1]}", file=sys.stderr)
    h["quarter_6"] = [load_run(db, [z]) for z, _ in revisions[a.runs:]]
    h["full_6"] = [load_run(db, year_zips(generator, work, 2024, a.rows, 200 + i)) for i in range(a.runs)]
    return h


def history_section(a, h):
    med = lambda runs, k: statistics.median(r[k] for r in runs)
    lines = [HISTORY_TITLE, "",
             f"`python3 bench/bench.py --only history --runs {a.runs} --rows {a.rows}` on {datetime.date.today().isoformat()},"
             f" {machine()}. The shared generator's full years ({a.rows:,} rows per flow asked), loaded into one embedded"
             " PostgreSQL 17: 2024 first, then 2019 to 2023. *job* is the load job (staging, publish, refresh), *refresh*"
             " its last step, *process* the whole `./bin/trade-etl load` command (JVM start included).", "",
             "Refresh of the rankings in each year's load as the warehouse grows:", "",
             "| warehouse holds | year loaded | refresh (s) | job (s) |", "|---|---|---|---|"]
    for (n, r), year in zip(h["grow"], HISTORY_YEARS):
        lines.append(f"| {n} year{'s' if n > 1 else ''} | {year} | {r['refresh']:.1f} | {r['job']:.1f} |")
    q1, q6, f1, f6 = h["quarter_1"], h["quarter_6"], h["full_1"], h["full_6"]
    lines += ["", f"Loads on a warehouse holding only 2024, then the six years (median of {a.runs} each; the quarter is"
              f" 2024-T3's exports, {h['quarter_rows']:,} rows, each time revised by another percentage; the full year,"
              " 2024 generated again with another seed):", "",
              "| load | 1 year: job (s) | refresh (s) | process (s) | 6 years: job (s) | refresh (s) | process (s) |"
              " 6 years / 1 year (job) | goal |",
              "|---|---|---|---|---|---|---|---|---|",
              f"| one quarter, one flow | {med(q1, 'job'):.1f} | {med(q1, 'refresh'):.1f} | {med(q1, 'wall'):.1f} |"
              f" {med(q6, 'job'):.1f} | {med(q6, 'refresh'):.1f} | {med(q6, 'wall'):.1f} |"
              f" {med(q6, 'job') / med(q1, 'job'):.2f} | ≤ 1.5 |",
              f"| a full year again | {med(f1, 'job'):.1f} | {med(f1, 'refresh'):.1f} | {med(f1, 'wall'):.1f} |"
              f" {med(f6, 'job'):.1f} | {med(f6, 'refresh'):.1f} | {med(f6, 'wall'):.1f} |"
              f" {med(f6, 'job') / med(f1, 'job'):.2f} | |",
              "", f"A full year on the empty warehouse: job {h['full_empty']['job']:.1f} s, process"
              f" {h['full_empty']['wall']:.1f} s; on six years: job {med(f6, 'job') / h['full_empty']['job']:.2f}× that"
              f" (goal ≤ 1.2). The whole command on the empty warehouse took {h['full_empty']['wall'] / h['copy']:.1f}×"
              f" `psql \\copy` of the same rows ({h['copy']:.1f} s; goal ≤ 6).", ""]
    return lines


def ratio(r, percent=False):
    """Median (min–max) of the runs' ratios: '3.6 (3.3–4.1)', or '71 % (58–104 %)'."""
    if percent:
        return "{:.0f} % ({:.0f}–{:.0f} %)".format(*(100 * v for v in r))
    return "{:.1f} ({:.1f}–{:.1f})".format(*r)


def write(a, results, web):
    lines = [
        "# Benchmarks", "",
        "Figures written by `python3 bench/bench.py` (median of several runs); rerun it to measure your machine.", "",
        f"- Date: {datetime.date.today().isoformat()}",
        f"- Machine: {machine()}",
        f"- Command: `python3 bench/bench.py --runs {a.runs} --rows {a.rows} --scale {a.scale}`",
        "- Data: the shared generator's 2024 publication (real format: annual export and import ZIPs with their"
        " annexes); scale 3 asks it for three times the rows (it caps them: see the rows column).",
        "- Database: one PostgreSQL 17 for everything (the application's embedded one, kept up by `trade-etl db`).", "",
        "## Load of a full year", "",
        "- Reference: `psql \\copy` of the same rows (unzipped text) into an unindexed table, in the same run.",
        "- Load: `JAVA_OPTS=-Xmx512m ./bin/trade-etl load` on both ZIPs (as operators run it: the jar extracted,"
        " with its class data sharing archive). *load* is the job up to and including publishing (staging, checks,"
        " dimensions, fact slices swapped in); *refresh* is its last step, the rankings (the marts of the years the"
        " load touched); *process* is the whole command (JVM start, schema check, checksums);"
        " *peak heap* is the largest heap occupancy the garbage collector logged (`-Xlog:gc`).",
        "- Times are medians over the runs. Each run times the copy, then the load, one right after the other; a ratio"
        " is the median of the runs' own ratios, with their range in brackets (the machine's speed drifts between"
        " runs, and a run's two timings drift together).", "",
        "| scale | rows | psql \\copy (s) | load (s) | load / copy (goal ≤ 4) | staging step (s) | staging / copy"
        " (goal ≤ 1.5) | publish step (s) | refresh (s) | refresh / load (goal ≤ 30 %) | process (s) | process / copy"
        " (goal ≤ 6) | peak RSS (MiB) | peak heap (MiB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale, rows, copy, m in results:
        lines.append(f"| {scale} | {rows:,} | {copy:.1f} | {m['load']:.1f} | {ratio(m['load_ratio'])} |"
                     f" {m['staging']:.1f} | {ratio(m['staging_ratio'])} | {m['publish']:.1f} |"
                     f" {m['refresh']:.1f} | {ratio(m['refresh_ratio'], percent=True)} | {m['wall']:.1f} |"
                     f" {ratio(m['wall_ratio'])} |"
                     f" {m['rss']:.0f} | {m['heap']:.0f} |")
    lines += ["", "## Fiche data query", "",
              "`trade-etl fiche --year 2024 --measure-latency`: the fiche's data query (totals, partners, products,"
              " Sankey links, from the marts) timed in-process for every département, after a warm-up pass.", "",
              "| scale | départements | median (ms) | 95th percentile (ms, goal ≤ 50) |", "|---|---|---|---|"]
    for scale, rows, copy, m in results:
        lines.append(f"| {scale} | {m['deps']} | {m['fiche_median']:.1f} | {m['fiche_p95']:.1f} |")
    lines.append("")
    if web:
        lines += web_section(a, web)
    history = existing_section(a, HISTORY_TITLE)  # measured by --only history, kept
    if history:
        lines += ["", history]
    with open(a.out, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
