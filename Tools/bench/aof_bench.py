#!/usr/bin/env python3
"""Side-by-side AOF benchmark: strata-server vs redis-server under the same AOF settings.

1. SET throughput (redis-benchmark -t set, -c 50) with `appendonly yes` and `appendfsync everysec` and
   `always`, at -P 1 and -P 16, the two servers measured in alternation; prints ratios strata/redis and
   their geometric mean.
2. On the mixed dataset of rdb_bench.py (1M strings of 100 bytes + 10k each of 100-element hashes, lists,
   sets and sorted sets at --scale 1): BGREWRITEAOF time (until aof_rewrite_in_progress is 0), then the
   AOF load time at restart (until PING answers), for `aof-use-rdb-preamble yes` (the default).

Usage: Tools/bench/aof_bench.py [--requests N] [--rounds 2] [--scale 1.0] [--skip-throughput] [--skip-dataset]
Build first: swift build -c release --product strata-server
"""
import argparse, math, os, shutil, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (free ports, redis-benchmark runs)
import rdb_bench  # noqa: E402  (RESP client, the mixed dataset, launch and shutdown)

ROOT = bench.ROOT
STRATA = os.path.join(ROOT, ".build", "release", "strata-server")
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"


def throughput(a):
    print(f"SET throughput with appendonly yes (-c {a.clients}, -n {a.requests}, {a.rounds} rounds)")
    ratios = []
    for policy in ("everysec", "always"):
        for pipeline in (1, 16):
            results = {"strata": [], "redis": []}
            for _ in range(a.rounds):
                for name, binary in (("strata", STRATA), ("redis", REDIS)):
                    work = tempfile.mkdtemp(prefix=f"aofbench-{name}-")
                    proc, port = bench.start(binary, work, ["--appendonly", "yes", "--appendfsync", policy])
                    try:
                        results[name].append(bench.run_benchmark(port, "set", pipeline, a.requests, a.clients))
                    finally:
                        proc.terminate()
                        proc.wait()
                        shutil.rmtree(work, ignore_errors=True)
            s = max(results["strata"])
            r = max(results["redis"])
            ratios.append(s / r)
            print(f"  appendfsync {policy:8} -P {pipeline:2}: strata {s:12.0f}/s  redis {r:12.0f}/s  ratio {s / r:.2f}")
    print(f"  geometric mean ratio: {math.exp(sum(map(math.log, ratios)) / len(ratios)):.2f}")


def wait_rewrite(port):
    c = rdb_bench.Conn(port)
    t0 = time.monotonic()
    reply = c.call("BGREWRITEAOF")
    if not reply.startswith(b"+"):
        sys.exit(f"BGREWRITEAOF on port {port}: {reply}")
    while rdb_bench.info(c, "persistence").get("aof_rewrite_in_progress") != "0" or \
            rdb_bench.info(c, "persistence").get("aof_rewrite_scheduled") != "0":
        time.sleep(0.01)
    seconds = time.monotonic() - t0
    c.close()
    return seconds


def dataset_times(a):
    payload, expected = rdb_bench.dataset(a.scale)
    print(f"Mixed dataset ({expected} keys): BGREWRITEAOF and AOF load at startup")
    rows = {}
    for name, binary in (("strata", STRATA), ("redis", REDIS)):
        work = tempfile.mkdtemp(prefix=f"aofbench-{name}-")
        try:
            port = rdb_bench.free_port()
            proc, _ = rdb_bench.launch(binary, work, port, os.path.join(work, "log"))
            rdb_bench.wait_served(port, proc, 60)
            c = rdb_bench.Conn(port)
            c.call("CONFIG", "SET", "appendonly", "yes")
            while rdb_bench.info(c, "persistence").get("aof_rewrite_in_progress") != "0":
                time.sleep(0.01)
            c.close()
            rdb_bench.fill(port, payload, expected)
            rewrite = min(wait_rewrite(port) for _ in range(a.rounds))
            rdb_bench.shutdown(proc, port)
            loads = []
            for _ in range(a.rounds):
                port = rdb_bench.free_port()
                proc, t0 = launch_aof(binary, work, port)
                loads.append(rdb_bench.wait_served(port, proc, 300) - t0)
                rdb_bench.shutdown(proc, port)
            rows[name] = (rewrite, min(loads))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    (sr, sl), (rr, rl) = rows["strata"], rows["redis"]
    print(f"  BGREWRITEAOF: strata {sr:.2f} s  redis {rr:.2f} s  ratio {sr / rr:.2f}")
    print(f"  AOF load:     strata {sl:.2f} s  redis {rl:.2f} s  ratio {sl / rl:.2f}")


def launch_aof(binary, work, port):
    import subprocess
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
            "--dir", work, "--daemonize", "no"]
    t0 = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, t0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=200_000)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--skip-throughput", action="store_true")
    p.add_argument("--skip-dataset", action="store_true")
    a = p.parse_args()
    if not os.path.exists(STRATA):
        sys.exit("build first: swift build -c release --product strata-server")
    if not a.skip_throughput:
        throughput(a)
    if not a.skip_dataset:
        dataset_times(a)


if __name__ == "__main__":
    main()
