#!/usr/bin/env python3
"""The tables of BENCHMARKS.md from one JMH JSON result file (benchmarks/run.sh writes it).

    python3 benchmarks/tables.py benchmarks/results/jmh-full-....json

Every ratio is taken between numbers of the same file, so of the same run. A cell is
'-' when its benchmark was not run. Scores are JMH's mean over the measurement
iterations; the error columns of the JSON are not repeated here (see the JSON).
"""
import json
import sys

PFX = "dev.vmalab.bench."


def load(path):
    with open(path) as f:
        runs = json.load(f)
    res = {}
    for r in runs:
        name = r["benchmark"][len(PFX):] if r["benchmark"].startswith(PFX) else r["benchmark"]
        params = tuple(sorted((r.get("params") or {}).items()))
        res[(name, params)] = r
    return res


class Results:
    def __init__(self, path):
        self.res = load(path)

    def res_of(self, name, **params):
        want = {k: str(v) for k, v in params.items()}
        for (n, p), r in self.res.items():
            if n == name and all(dict(p).get(k) == v for k, v in want.items()):
                return r
        return None

    def get(self, name, metric=None, **params):
        want = {k: str(v) for k, v in params.items()}
        for (n, p), r in self.res.items():
            if n != name:
                continue
            pd = dict(p)
            if all(pd.get(k) == v for k, v in want.items()):
                if metric is None:
                    return r["primaryMetric"]["score"]
                m = r.get("secondaryMetrics", {}).get(metric)
                return m["score"] if m else None
        return None


def fmt(x, digits=None):
    if x is None or isinstance(x, str) or x != x:  # JMH writes "NaN" for an error it cannot compute
        return "-"
    if digits is not None:
        return f"{x:.{digits}f}"
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def per_million(n, d):
    r = ratio(n, d)
    return None if r is None else r * 1e6


def fmt_pm(x):
    return fmt(x) if x is None or x >= 100 else fmt(x, 1)


def table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    for r in rows:
        out.append("| " + " | ".join(r) + " |")
    return "\n".join(out)


def verdict(ok):
    return "-" if ok is None else ("met" if ok else "**not met**")


def lookups(R):
    print("### 1. One VMA lookup: maple tree walk vs JDK ordered maps (ns per lookup)\n")
    print("`maple` = rcu_read_lock + `new MapleState(tree, a, a).walk()` + rcu_read_unlock, checks on; "
          "`bare` = the same walk, no RCU, checks off. Ratios: maple time / JDK time (below 1 = maple faster).\n")
    rows = []
    for vmas in (100, 1000, 10000, 100000):
        for order in ("random", "sequential"):
            g = lambda m: R.get("TreeLookupBenchmark." + m, vmas=vmas, order=order)
            maple, bare, sl, rw, st = g("maple"), g("mapleBare"), g("skipList"), g("treeMapRwLock"), g("treeMapStamped")
            if all(x is None for x in (maple, bare, sl, rw, st)):
                continue
            target = ""
            if vmas in (1000, 10000):
                target = verdict(None if maple is None or sl is None else maple <= sl)
            rows.append([f"{vmas:,}", order, fmt(maple), fmt(bare), fmt(sl), fmt(rw), fmt(st),
                         fmt(ratio(maple, sl)), fmt(ratio(bare, sl)), fmt(ratio(maple, rw)), fmt(ratio(maple, st)), target])
    print(table(["VMAs", "addresses", "maple", "maple bare", "CSLM floorEntry", "TreeMap+RRWL", "TreeMap+Stamped",
                 "maple/CSLM", "bare/CSLM", "maple/RRWL", "maple/Stamped", "target maple <= CSLM"], rows))
    print()


def strategies(R):
    print("### 2. lock_vma_under_rcu() per strategy, 1,000 VMAs, random addresses (ns per lookup)\n")
    print("Lookup = `lockVmaUnderRcu` + `vmaEndRead`, or on abort the mmap_lock fallback (`findVma`). "
          "×CSLM = time / `ConcurrentSkipListMap.floorEntry` at 1,000 VMAs, random (table 1). "
          "Retry = one-EAGAIN time - uncontended time. With writer: one reader + one writer thread "
          "(mprotect split/merge pairs of random VMAs, 50 µs pause after each).\n")
    sl = R.get("TreeLookupBenchmark.skipList", vmas=1000, order="random")
    rows = []
    for s in ("no-reset", "mas-set", "mas-reset", "full-reinit", "iter-passed-down", "mmap-lock-only"):
        g = lambda m, metric=None: R.get("LockVmaBenchmark." + m, metric, strategy=s, vmas=1000)
        un, ea = g("uncontended"), g("eagainOnce")
        rd = g("contended", "reader")
        wr = g("contended", "writer")
        lk, ms, ab = g("contended", "lookups"), g("contended", "misses"), g("contended", "aborts")
        ea_lk, ea_ms = g("eagainOnce", "lookups"), g("eagainOnce", "misses")
        if all(x is None for x in (un, ea, rd)):
            continue
        no_retry = s == "mmap-lock-only"  # no vma_start_read(): nothing to inject
        rows.append([s, fmt(un), fmt(ratio(un, sl)), fmt(ea), fmt(ratio(ea, sl)),
                     "n/a" if no_retry else fmt(None if un is None or ea is None else ea - un),
                     fmt(ratio(ea_ms, ea_lk), 2), fmt(rd), fmt(ratio(rd, sl)),
                     fmt_pm(per_million(ms, lk)), fmt_pm(per_million(ab, lk)), fmt(None if wr is None else wr / 1000)])
    print(table(["strategy", "uncontended", "×CSLM", "one -EAGAIN", "×CSLM", "retry cost", "misses/lookup",
                 "with writer (reader)", "×CSLM", "misses per 10⁶", "aborts per 10⁶", "writer µs/pair"], rows))
    print()


def writers(R):
    print("### 3. Writer path: syscalls per second (one thread, random VMA)\n")
    print("Each pair leaves the mm as it was. JDK baseline: `ConcurrentSkipListMap` put + remove of one range. "
          "×slower = baseline ops/s / model ops/s.\n")
    rows = []
    for vmas in (100, 1000, 10000, 100000):
        g = lambda m: R.get("WriterBenchmark." + m, vmas=vmas)
        mm, mp, sl = g("mmapMunmap"), g("mprotectSplitMerge"), g("skipListPutRemove")
        if all(x is None for x in (mm, mp, sl)):
            continue
        rows.append([f"{vmas:,}", fmt(mm), fmt(mp), fmt(sl), fmt(ratio(sl, mm)), fmt(ratio(sl, mp))])
    print(table(["VMAs", "mmap+munmap /s", "mprotect split+merge /s", "CSLM put+remove /s",
                 "×slower mmap/munmap", "×slower mprotect"], rows))
    print()


def import_replay(R):
    print("### 4. Trace import and replay\n")
    rows = []
    for comp in ("plain", "xz"):
        ops = R.get("PerfImportBenchmark.importLines", compression=comp)
        lines = R.get("SampleImportBenchmark.importSample", "lines", compression=comp)
        if ops is not None:
            rows.append([f"synthetic perf script, 200,000 lines, {comp}", fmt(ops), "lines/s",
                         verdict(ops >= 500_000) if comp == "xz" else ""])
        if lines is not None:
            rows.append([f"sample xz-t2.perf.xz, 22,839 lines, {comp}", fmt(lines), "lines/s",
                         verdict(lines >= 500_000) if comp == "xz" else ""])
    eng = R.get("ReplayThroughputBenchmark.engine", "lookups", strategy="mas-set")
    loop = R.get("ReplayThroughputBenchmark.loop", "lookups", strategy="mas-set")
    if eng is not None:
        rows.append(["replay engine, sample xz-t2.csv.zst, 1 worker, mas-set", fmt(eng), "lookups/s", ""])
    if loop is not None:
        rows.append(["simple loop (FaultPath.fault + MapOps), same sample", fmt(loop), "lookups/s", ""])
    if eng and loop:
        rows.append(["engine time per lookup / simple loop", fmt(loop / eng), "×", ""])
    bare = R.get("ReplayOverheadBenchmark.bare", strategy="mas-set")
    rep = R.get("ReplayOverheadBenchmark.replay", strategy="mas-set")
    if bare is not None and rep is not None:
        rows.append(["ReplayOverheadBenchmark: bare FaultPath.fault (64 VMAs)", fmt(bare), "ns/lookup", ""])
        rows.append(["ReplayOverheadBenchmark: replay of the same faults", fmt(rep), "ns/lookup", ""])
        rows.append(["replay / bare lookup (target <= 2)", fmt(rep / bare), "×", verdict(rep / bare <= 2)])
    print(table(["what", "result", "unit", "target"], rows))
    print()


def checks(R):
    print("### 5. What the RCU and violation checks cost a lookup (ns per lookup, random addresses)\n")
    print("checks = `Kernel.builder().checks(..)`. checks cost = lockVma(on) - lockVma(off); "
          "RCU cost = walk(off) - walk without RCU; share = (checks + RCU cost) / lockVma(on); target <= 30%.\n")
    rows = []
    for vmas in (1000, 10000):
        g = lambda m, c: R.get("ChecksCostBenchmark." + m, checks=c, vmas=vmas)
        lon, loff = g("lockVmaUnderRcu", "true"), g("lockVmaUnderRcu", "false")
        won, woff = g("walk", "true"), g("walk", "false")
        bare = g("walkNoRcu", "false")
        if all(x is None for x in (lon, loff, won, woff)):
            continue
        ccost = None if lon is None or loff is None else lon - loff
        rcost = None if woff is None or bare is None else woff - bare
        share = None if ccost is None or rcost is None else (ccost + rcost) / lon
        if share is not None and (ccost < 0 or rcost < 0):  # off slower than on: the difference is below the noise
            rows.append([f"{vmas:,}", fmt(lon), fmt(loff), fmt(won), fmt(woff), fmt(bare), fmt(ccost), fmt(rcost),
                         "below noise", "-"])
            continue
        rows.append([f"{vmas:,}", fmt(lon), fmt(loff), fmt(won), fmt(woff), fmt(bare), fmt(ccost), fmt(rcost),
                     "-" if share is None else f"{100 * share:.0f}%", verdict(None if share is None else share <= 0.30)])
    print(table(["VMAs", "lockVma checks on", "lockVma checks off", "walk on", "walk off", "walk no RCU",
                 "checks cost", "RCU cost", "share of lookup", "target"], rows))
    print()


def walk_cost(R):
    print("### 6. Where a maple lookup's time goes (ns per lookup, random addresses)\n")
    rows = []
    for vmas in (1000, 10000):
        g = lambda m: R.get("MapleWalkCostBenchmark." + m, vmas=vmas)
        names = ("full", "reusedState", "reusedStateNoChecks", "reusedStateBare", "rcuSection", "newState", "currentTask")
        vals = [g(n) for n in names]
        if all(v is None for v in vals):
            continue
        alloc = R.get("MapleWalkCostBenchmark.full", "gc.alloc.rate.norm", vmas=vmas)
        rows.append([f"{vmas:,}"] + [fmt(v) for v in vals] + [fmt(alloc)])
    print(table(["VMAs", "full", "reused state", "reused, checks off", "reused, no RCU, checks off",
                 "RCU section only", "new MapleState only", "rcu().current() only", "B/lookup (full, -prof gc)"], rows))
    print()


def native(R):
    rows = []
    sl = R.get("NativeLookupBenchmark.walk", backend="skiplist")
    for m, b, label in (("walk", "java", "walk, Java model"), ("walk", "native", "walk, kernel code (FFM)"),
                        ("walk", "skiplist", "walk, ConcurrentSkipListMap.floorEntry"),
                        ("fault", "java", "FaultPath.fault (mas-set), Java model"),
                        ("fault", "native", "FaultPath.fault (mas-set), kernel code")):
        r = R.res_of("NativeLookupBenchmark." + m, backend=b)
        if r is None:
            continue
        pm = r["primaryMetric"]
        rows.append([label, fmt(pm["score"]), fmt(pm["scoreError"]), fmt(ratio(pm["score"], sl))])
    if not rows:
        return
    print("### 7. The kernel's own maple tree through FFM (native-backend's NativeLookupBenchmark, 1,000 VMAs)\n")
    print(table(["what", "ns/op", "± (99.9%)", "/ CSLM"], rows))
    print()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tables.py JMH-RESULT.json")
    R = Results(sys.argv[1])
    with open(sys.argv[1]) as f:
        runs = json.load(f)
    if runs:
        r0 = runs[0]
        print(f"JMH {r0.get('jmhVersion')}, {r0.get('vmName')} {r0.get('vmVersion')} (JDK {r0.get('jdkVersion')}), "
              f"forks {r0.get('forks')}, file {sys.argv[1]}\n")
    lookups(R)
    strategies(R)
    writers(R)
    import_replay(R)
    checks(R)
    walk_cost(R)
    native(R)


if __name__ == "__main__":
    main()
