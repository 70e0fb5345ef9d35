#!/usr/bin/env python3
"""Side-by-side throughput benchmark: strata-server vs redis-server.

Starts both servers on free loopback ports, runs redis-benchmark against each in
alternation (so machine noise hits both alike), and prints per-test ratios
strata/redis plus their geometric mean, for each pipeline depth. Optionally loads
1,000,000 SETs of 100-byte values into each and reports resident memory.

Usage: Tools/bench/bench.py [--tests set,get,incr,mset,ping | --suite strings|types]
                            [--pipelines 1,16] [--requests N] [--clients 50] [--rounds 2] [--rss]
Build first: swift build -c release --product strata-server

`--suite types` runs the data-type tests (lists, sets, hashes, sorted sets, streams). A pop test
(lpop, rpop, spop, zpopmin) first flushes the server and fills it, unmeasured, with the matching
push test so it pops real elements; lrange_* tests fill their list themselves (redis-benchmark's
own "LPUSH (needed to benchmark LRANGE)" row is not counted); xadd, which redis-benchmark 7.0 has
no -t test for, runs `XADD mystream * field __rand_int__`.
"""
import argparse, csv, io, math, os, signal, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port, proc, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server on port {port} exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"server on port {port} not ready")


def start(binary, workdir, extra=()):
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", workdir, *extra]
    if "redis" in os.path.basename(binary):
        args += ["--daemonize", "no"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ready(port, proc)
    return proc, port


SUITES = {
    "strings": "set,get,incr,mset,ping",
    "types": "lpush,rpush,lpop,rpop,sadd,spop,hset,zadd,zpopmin,lrange_100,lrange_600,xadd",
}

# Tests that pop need elements: the push test that fills what they pop from.
FILL_BEFORE = {"lpop": "lpush", "rpop": "rpush", "spop": "sadd", "zpopmin": "zadd"}

# Tests redis-benchmark 7.0 has no -t name for: the command it runs instead.
COMMANDS = {"xadd": ["XADD", "mystream", "*", "field", "__rand_int__"]}


def redis_benchmark(port, test, pipeline, requests, clients):
    """redis-benchmark's CSV rows (name, req/s, ...) for one test."""
    selection = COMMANDS[test] if test in COMMANDS else ["-t", test]
    out = subprocess.run(["redis-benchmark", "-p", str(port), "-c", str(clients), "-n", str(requests),
                          "-P", str(pipeline), "-r", "100000", "--csv", "-q", *selection],
                         capture_output=True, text=True, check=True).stdout
    return [r for r in csv.reader(io.StringIO(out)) if r and r[0] != "test"]


def run_benchmark(port, test, pipeline, requests, clients):
    if test in FILL_BEFORE:
        subprocess.run(["redis-cli", "-p", str(port), "flushall"], stdout=subprocess.DEVNULL, check=True)
        redis_benchmark(port, FILL_BEFORE[test], pipeline, requests, clients)
    rows = redis_benchmark(port, test, pipeline, requests, clients)
    if test not in COMMANDS:
        # Keep the rows of this test only: "PING_INLINE"/"PING_MBULK" for ping (averaged),
        # "LRANGE_100 (first 100 elements)" but not the LPUSH that fills it.
        name = test.upper()
        rows = [r for r in rows if r[0].split(" ")[0] == name or r[0].startswith(name + "_")]
    if not rows:
        sys.exit(f"redis-benchmark printed no result for {test} on port {port}")
    return sum(float(r[1]) for r in rows) / len(rows)


def rss_of(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def load_million(port):
    value = "v" * 100
    payload = io.BytesIO()
    for i in range(1_000_000):
        k = f"key:{i:07d}"
        payload.write(f"*3\r\n$3\r\nSET\r\n${len(k)}\r\n{k}\r\n$100\r\n{value}\r\n".encode())
    subprocess.run(["redis-cli", "-p", str(port), "--pipe"], input=payload.getvalue(),
                   stdout=subprocess.DEVNULL, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tests", default=None, help="comma-separated tests (default: the strings suite)")
    ap.add_argument("--suite", choices=sorted(SUITES), help="a named list of tests instead of --tests")
    ap.add_argument("--pipelines", default="1,16")
    ap.add_argument("--requests", type=int, default=200_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--rss", action="store_true", help="also compare RSS after 1M 100-byte SETs")
    ap.add_argument("--strata", default=os.path.join(ROOT, ".build/release/strata-server"))
    ap.add_argument("--redis", default="/usr/bin/redis-server")
    a = ap.parse_args()
    if a.tests and a.suite:
        ap.error("--tests and --suite exclude each other")
    tests = (a.tests or SUITES[a.suite or "strings"]).split(",")
    tmp = tempfile.mkdtemp(prefix="strata-bench-")
    servers = {}
    for name, binary in (("strata", a.strata), ("redis", a.redis)):
        d = os.path.join(tmp, name)
        os.makedirs(d)
        servers[name] = start(binary, d)
    try:
        print(f"date: {time.strftime('%Y-%m-%d')}  clients: {a.clients}  requests: {a.requests}  rounds: {a.rounds}")
        for p in [int(x) for x in a.pipelines.split(",")]:
            ratios = []
            print(f"\n-P {p}            strata req/s     redis req/s    ratio")
            for test in tests:
                best = {"strata": 0.0, "redis": 0.0}
                for _ in range(a.rounds):
                    for name in ("strata", "redis"):
                        best[name] = max(best[name], run_benchmark(servers[name][1], test, p, a.requests, a.clients))
                r = best["strata"] / best["redis"]
                ratios.append(r)
                print(f"  {test:<12} {best['strata']:>14,.0f} {best['redis']:>15,.0f}    {r:.2f}")
            gm = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
            print(f"  geometric mean ratio (strata/redis): {gm:.2f}")
        if a.rss:
            print("\nRSS after 1,000,000 SETs of 100-byte values:")
            rss = {}
            for name in ("strata", "redis"):
                subprocess.run(["redis-cli", "-p", str(servers[name][1]), "flushall"], stdout=subprocess.DEVNULL)
                load_million(servers[name][1])
                time.sleep(1)
                rss[name] = rss_of(servers[name][0].pid)
                print(f"  {name:<7} {rss[name] / 1048576:8.1f} MiB")
            print(f"  ratio strata/redis: {rss['strata'] / rss['redis']:.2f}")
    finally:
        for proc, _ in servers.values():
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
