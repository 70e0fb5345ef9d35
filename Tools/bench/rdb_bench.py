#!/usr/bin/env python3
"""Side-by-side RDB persistence benchmark: strata-server vs redis-server (issue #4).

Fills each server with the same dataset (default: 1,000,000 100-byte strings plus 10,000 each
of hashes, lists, sets and sorted sets of 100 elements; `--scale` shrinks every count), loaded
with `redis-cli --pipe` from one generated RESP stream, then measures for each server:

1. SAVE: wall time of the SAVE command, the server's CPU time (user + system, all threads) during it, and
   the size of dump.rdb.
2. Load: SHUTDOWN NOSAVE, restart on the same dir/dump.rdb, time from process start until PING
   answers something other than -LOADING (polled every 5 ms), the server's own log line
   "DB loaded from disk: X seconds", and the process's CPU time (all threads), RSS and peak RSS by then.
3. BGSAVE under a write load: redis-benchmark writes SET on random keys (-P 1, `--writers`
   clients) while a separate probe process sends GET in a loop on its own connection and records
   each request's latency. After a baseline window, BGSAVE is sent and INFO persistence is polled
   until rdb_bgsave_in_progress:0. Reports GET p99/max in the baseline and in the BGSAVE window,
   and the memory overhead: peak RSS during BGSAVE minus RSS just before it, sampled every ~10 ms
   (Redis: parent VmRSS plus the VmRSS of its forked child, found in /proc by ppid; Strata: its
   single process). Summing RSS counts pages the child shares with the parent twice, so for Redis
   the script also prints Redis's own copy-on-write figure from its log.

Prints strata, redis and strata/redis per metric, with the issue's targets.

Usage: Tools/bench/rdb_bench.py [--scale 1.0] [--strata PATH] [--redis PATH]
                                [--writers 4] [--baseline-seconds 2]
"""
import argparse, multiprocessing, os, re, shutil, signal, socket, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ---------------------------------------------------------------- RESP helpers

def resp(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        if isinstance(a, str):
            a = a.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


class Conn:
    """Minimal blocking RESP client (enough for simple, bulk, integer and error replies)."""

    def __init__(self, port, timeout=600):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.s.recv(65536)
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n:
            chunk = self.s.recv(65536)
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def reply(self):
        line = self._line()
        t = line[:1]
        if t == b"$":
            n = int(line[1:])
            if n < 0:
                return None
            data = self._exact(n + 2)
            return data[:-2]
        if t == b"*":
            n = int(line[1:])
            return None if n < 0 else [self.reply() for _ in range(n)]
        if t == b":":
            return int(line[1:])
        return line  # +simple or -error, kept with its prefix

    def call(self, *args):
        self.s.sendall(resp(*args))
        return self.reply()

    def close(self):
        self.s.close()


def info(conn, section):
    text = conn.call("INFO", section).decode()
    return dict(l.split(":", 1) for l in text.splitlines() if ":" in l and not l.startswith("#"))


# ---------------------------------------------------------------- servers

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch(binary, workdir, port, log):
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", workdir, "--dbfilename", "dump.rdb", "--logfile", "", "--daemonize", "no"]
    logf = open(log, "ab")
    t0 = time.monotonic()
    proc = subprocess.Popen(args, stdout=logf, stderr=subprocess.STDOUT)
    logf.close()
    return proc, t0


def wait_served(port, proc, timeout):
    """Seconds until PING answers something other than -LOADING (connection refused retried)."""
    deadline = time.monotonic() + timeout
    conn = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server on port {port} exited with status {proc.returncode}")
        try:
            if conn is None:
                conn = Conn(port, timeout=5)
            r = conn.call("PING")
            if not r.startswith(b"-LOADING"):
                conn.close()
                return time.monotonic()
        except OSError:
            if conn is not None:
                conn.close()
            conn = None
        time.sleep(0.005)
    sys.exit(f"server on port {port} not serving after {timeout} s")


def shutdown(proc, port):
    try:
        c = Conn(port, timeout=10)
        c.s.sendall(resp("SHUTDOWN", "NOSAVE"))
        try:
            c.reply()
        except (OSError, ConnectionError):
            pass
        c.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_seconds(pid):
    """User + system CPU time of a process so far, all threads (less sensitive than wall time to other load on
    a shared machine, but it counts every thread: work spread over two threads shows as their sum)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_kib(pid):
    """The process's peak RSS so far (VmHWM)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children_of(pid):
    kids = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        pass
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    stat = f.read()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def total_rss_kib(pid):
    return rss_kib(pid) + sum(rss_kib(k) for k in children_of(pid))


# ---------------------------------------------------------------- dataset

def dataset(scale):
    n_str = int(1_000_000 * scale)
    n_coll = int(10_000 * scale)
    value = b"v" * 100
    out = bytearray()
    for i in range(n_str):
        out += resp(b"SET", b"str:%07d" % i, value)
    fields = [b"f%03d" % j for j in range(100)]
    vals = [b"value-%03d" % j for j in range(100)]
    members = [b"member-%03d" % j for j in range(100)]
    hash_args = [x for pair in zip(fields, vals) for x in pair]
    zadd_args = [x for j, m in enumerate(members) for x in (b"%d" % j, m)]
    for i in range(n_coll):
        out += resp(b"HSET", b"hash:%05d" % i, *hash_args)
        out += resp(b"RPUSH", b"list:%05d" % i, *members)
        out += resp(b"SADD", b"set:%05d" % i, *members)
        out += resp(b"ZADD", b"zset:%05d" % i, *zadd_args)
    return bytes(out), n_str + 4 * n_coll


def fill(port, payload, expected_keys):
    subprocess.run(["redis-cli", "-p", str(port), "--pipe"], input=payload,
                   stdout=subprocess.DEVNULL, check=True)
    c = Conn(port)
    n = c.call("DBSIZE")
    c.close()
    if n != expected_keys:
        sys.exit(f"port {port}: DBSIZE {n}, expected {expected_keys}")


# ---------------------------------------------------------------- BGSAVE under load

def probe_main(port, stop, conn_out):
    """Separate process (no GIL shared with the samplers): GET in a loop, (start, latency) pairs."""
    c = Conn(port, timeout=60)
    req = resp("GET", "str:0000001")
    samples = []
    mono = time.monotonic
    while not stop.is_set():
        t0 = mono()
        c.s.sendall(req)
        c.reply()
        samples.append((t0, mono() - t0))
    c.close()
    conn_out.send(samples)
    conn_out.close()


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bgsave_under_load(pid, port, writers, baseline_seconds, keyspace):
    writer = subprocess.Popen(["redis-benchmark", "-p", str(port), "-c", str(writers), "-P", "1",
                               "-n", "100000000", "-t", "set", "-r", str(keyspace), "-d", "100", "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctx = multiprocessing.get_context("fork")
    stop = ctx.Event()
    rx, tx = ctx.Pipe(duplex=False)
    probe = ctx.Process(target=probe_main, args=(port, stop, tx))
    rss_samples = []  # (t, total KiB)
    sampling = threading.Event()

    def sampler():
        while not sampling.is_set():
            rss_samples.append((time.monotonic(), total_rss_kib(pid)))
            time.sleep(0.01)

    st = threading.Thread(target=sampler)
    try:
        time.sleep(0.5)  # let the writer connect
        probe.start()
        st.start()
        time.sleep(baseline_seconds)
        c = Conn(port)
        b0 = time.monotonic()
        r = c.call("BGSAVE")
        if not r.startswith(b"+"):
            sys.exit(f"BGSAVE on port {port}: {r!r}")
        while info(c, "persistence").get("rdb_bgsave_in_progress") != "0":
            time.sleep(0.01)
        b1 = time.monotonic()
        status = info(c, "persistence").get("rdb_last_bgsave_status")
        fork_usec = info(c, "stats").get("latest_fork_usec", "0")
        c.close()
        time.sleep(0.2)
    finally:
        stop.set()
        sampling.set()
        samples = rx.recv() if probe.pid else []
        probe.join(timeout=10)
        if st.is_alive() or st.ident:
            st.join()
        writer.send_signal(signal.SIGINT)
        try:
            writer.wait(timeout=10)
        except subprocess.TimeoutExpired:
            writer.kill()
            writer.wait()
    base = [l for t, l in samples if t < b0]
    during = [l for t, l in samples if b0 <= t <= b1]
    worst = max(((l, t) for t, l in samples if b0 <= t <= b1), default=(0, b0))
    before = [k for t, k in rss_samples if t < b0]
    rss_before = before[-1] if before else 0
    peak = max([k for t, k in rss_samples if b0 <= t <= b1 + 0.05] or [rss_before])
    return {
        "bgsave_s": b1 - b0,
        "bgsave_status": status, "fork_ms": int(fork_usec) / 1e3,
        "base_n": len(base), "base_p99_ms": pct(base, 99) * 1e3, "base_max_ms": max(base or [0]) * 1e3,
        "bg_n": len(during), "bg_p99_ms": pct(during, 99) * 1e3, "bg_max_ms": max(during or [0]) * 1e3,
        "bg_max_at_s": worst[1] - b0, "over_10ms": sum(1 for l in during if l > 0.010),
        "rss_before_mib": rss_before / 1024, "rss_extra_mib": (peak - rss_before) / 1024,
    }


# ---------------------------------------------------------------- main

def run_server(name, binary, workdir, payload, expected, a):
    log = os.path.join(workdir, "server.log")
    port = free_port()
    proc, _ = launch(binary, workdir, port, log)
    res = {}
    try:
        wait_served(port, proc, 30)
        t = time.monotonic()
        fill(port, payload, expected)
        res["fill_s"] = time.monotonic() - t
        time.sleep(0.5)
        res["rss_mib"] = rss_kib(proc.pid) / 1024
        c = Conn(port, timeout=3600)
        t, cpu = time.monotonic(), cpu_seconds(proc.pid)
        r = c.call("SAVE")
        res["save_s"] = time.monotonic() - t
        res["save_cpu_s"] = cpu_seconds(proc.pid) - cpu
        c.close()
        if r != b"+OK":
            sys.exit(f"{name}: SAVE replied {r!r}")
        res["size_mb"] = os.path.getsize(os.path.join(workdir, "dump.rdb")) / 1e6
        shutdown(proc, port)
        with open(log, "ab") as f:
            f.write(b"\n=== rdb_bench: restart ===\n")
        port = free_port()
        proc, t0 = launch(binary, workdir, port, log)
        res["load_ping_s"] = wait_served(port, proc, a.load_timeout) - t0
        res["load_cpu_s"] = cpu_seconds(proc.pid)
        res["load_rss_mib"] = rss_kib(proc.pid) / 1024
        res["load_peak_mib"] = peak_rss_kib(proc.pid) / 1024
        with open(log, errors="replace") as f:
            restart_log = f.read().split("=== rdb_bench: restart ===", 1)[1]
        m = re.findall(r"DB loaded from disk: ([\d.]+) seconds", restart_log)
        res["load_log_s"] = float(m[-1]) if m else float("nan")
        c = Conn(port)
        n = c.call("DBSIZE")
        c.close()
        if n != expected:
            sys.exit(f"{name}: DBSIZE {n} after reload, expected {expected}")
        before_bg = len(open(log, errors="replace").read())
        res.update(bgsave_under_load(proc.pid, port, a.writers, a.baseline_seconds, expected))
        with open(log, errors="replace") as f:
            tail = f.read()[before_bg:]
        cow = re.findall(r"Fork CoW for RDB: current (\d+) MB, peak (\d+) MB|RDB: (\d+) MB of memory used by copy-on-write", tail)
        res["cow_note"] = cow[-1] if cow else None
    finally:
        shutdown(proc, port)
    return res


ROWS = [
    # key, label, format, target ratio (None: informative)
    ("fill_s", "fill via redis-cli --pipe (s)", "{:.2f}", None),
    ("rss_mib", "RSS after fill (MiB)", "{:.1f}", None),
    ("save_s", "SAVE time (s)", "{:.3f}", 1.2),
    ("save_cpu_s", "SAVE CPU time, all threads (s)", "{:.2f}", None),
    ("size_mb", "dump.rdb size (MB)", "{:.2f}", 1.05),
    ("load_ping_s", "load: start -> PING served (s)", "{:.3f}", 1.2),
    ("load_log_s", "load: 'DB loaded from disk' (s)", "{:.3f}", 1.2),
    ("load_cpu_s", "load: CPU time to PING served, all threads (s)", "{:.2f}", None),
    ("load_rss_mib", "load: RSS when PING served (MiB)", "{:.1f}", None),
    ("load_peak_mib", "load: peak RSS by then (VmHWM, MiB)", "{:.1f}", None),
    ("bgsave_s", "BGSAVE duration under load (s)", "{:.3f}", None),
    ("base_p99_ms", "GET p99 before BGSAVE (ms)", "{:.3f}", None),
    ("base_max_ms", "GET max before BGSAVE (ms)", "{:.3f}", None),
    ("bg_p99_ms", "GET p99 during BGSAVE (ms)", "{:.3f}", None),
    ("bg_max_ms", "GET max during BGSAVE (ms)", "{:.3f}", 1.0),
    ("rss_extra_mib", "BGSAVE extra RSS, peak - before (MiB)", "{:.1f}", 1.0),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every key count (default 1.0)")
    ap.add_argument("--strata", default=os.path.join(ROOT, ".build/release/strata-server"))
    ap.add_argument("--redis", default="/usr/bin/redis-server")
    ap.add_argument("--writers", type=int, default=4, help="redis-benchmark SET clients during BGSAVE")
    ap.add_argument("--baseline-seconds", type=float, default=2.0)
    ap.add_argument("--load-timeout", type=float, default=300.0)
    a = ap.parse_args()
    for b in (a.strata, a.redis):
        if not os.access(b, os.X_OK):
            sys.exit(f"not executable: {b}")
    t = time.monotonic()
    payload, expected = dataset(a.scale)
    print(f"date: {time.strftime('%Y-%m-%d')}  scale: {a.scale}  keys: {expected:,}  "
          f"RESP stream: {len(payload) / 1e6:.0f} MB (generated in {time.monotonic() - t:.1f} s)", flush=True)
    tmp = tempfile.mkdtemp(prefix="strata-rdb-bench-")
    results = {}
    try:
        for name, binary in (("strata", a.strata), ("redis", a.redis)):
            d = os.path.join(tmp, name)
            os.makedirs(d)
            print(f"running {name} ...", flush=True)
            results[name] = run_server(name, binary, d, payload, expected, a)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    s, r = results["strata"], results["redis"]
    print(f"\n{'metric':<47} {'strata':>10} {'redis':>10} {'ratio':>7}  target")
    for key, label, fmt, target in ROWS:
        ratio = s[key] / r[key] if r[key] else float("nan")
        verdict = ""
        if target is not None:
            verdict = f"<= {target:g}x " + ("met" if ratio <= target else "NOT met")
        print(f"{label:<47} {fmt.format(s[key]):>10} {fmt.format(r[key]):>10} {ratio:>7.2f}  {verdict}")
    print(f"\nGET samples: baseline strata {s['base_n']:,} / redis {r['base_n']:,}; "
          f"during BGSAVE strata {s['bg_n']:,} / redis {r['bg_n']:,}")
    print(f"bgsave status: strata {s['bgsave_status']}, redis {r['bgsave_status']}; "
          f"RSS before BGSAVE: strata {s['rss_before_mib']:.1f} MiB, redis {r['rss_before_mib']:.1f} MiB")
    print(f"slowest GET during BGSAVE began {s['bg_max_at_s']:.3f} s (strata) / {r['bg_max_at_s']:.3f} s (redis) "
          f"after BGSAVE was sent; GETs over 10 ms: strata {s['over_10ms']}, redis {r['over_10ms']}")
    print(f"INFO stats latest_fork_usec: strata {s['fork_ms']:.1f} ms, redis {r['fork_ms']:.1f} ms")
    if r.get("cow_note"):
        c = r["cow_note"]
        cow = f"current {c[0]} MB, peak {c[1]} MB" if c[0] else f"{c[2]} MB"
        print(f"redis log, copy-on-write of the BGSAVE child: {cow}")


if __name__ == "__main__":
    main()
