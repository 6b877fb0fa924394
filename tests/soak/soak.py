"""Soak: a steady load for a while; the broker's RSS and Redis's used_memory must stay flat
(scripts/soak; docs/reliability.md).

A real redis-server, duban-broker and echo workers (plain 7/MDP, tests/integration/mdp_peers.py);
K clients each keep a window of opaque echo requests in flight through the durable path (queue,
lease, ack: every task is deleted once answered) and poll duban.queues and duban.stats as the
dashboard does. Every --sample seconds it records the broker's resident memory (/proc) and
Redis's used_memory. After a warm-up (the first fifth of the run) the last third's mean may not
exceed the second fifth's mean by more than --tolerance (default 10 %) for either. It prints the
samples and exits 1 when one grew.
"""

import argparse
import json
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))

from harness import Api, MdpClient, MdpTimeout, System  # noqa: E402


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def used_memory(redis):
    for line in redis.cli("INFO", "memory").splitlines():
        if line.startswith("used_memory:"):
            return int(line.split(":")[1])
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=600, help="length of the run (default 600)")
    ap.add_argument("--sample", type=float, default=10, help="seconds between samples (default 10)")
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--window", type=int, default=50, help="requests in flight per client")
    ap.add_argument("--tolerance", type=float, default=0.10)
    args = ap.parse_args()

    s = System(name="soak")
    workers = [s.echo_worker(service="echo") for _ in range(4)]
    s.wait_service("echo")
    stop = threading.Event()
    done = [0] * args.clients
    errors = []

    def client(k):
        c = MdpClient(s.endpoint, timeout=10.0)
        try:
            outstanding = 0
            while not stop.is_set():
                while outstanding < args.window:
                    c.send("echo", b"soak-%d" % k)
                    outstanding += 1
                try:
                    c.recv(timeout=10.0)
                except MdpTimeout:
                    errors.append("client %d: no answer within 10 s" % k)
                    return
                outstanding -= 1
                done[k] += 1
        finally:
            c.close()

    def watcher():
        api = Api(s.endpoint)
        while not stop.wait(0.5):
            api.ok("duban.queues")
            api.ok("duban.stats")
        api.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
    threads.append(threading.Thread(target=watcher))
    for t in threads:
        t.start()
    samples = []
    t0 = time.monotonic()
    try:
        while time.monotonic() - t0 < args.seconds and not errors:
            time.sleep(args.sample)
            samples.append({"t_s": round(time.monotonic() - t0), "requests": sum(done),
                            "broker_rss_kb": rss_kb(s.broker.pid),
                            "redis_used_memory": used_memory(s.redis)})
            sys.stderr.write("[soak] %s\n" % json.dumps(samples[-1]))
    finally:
        stop.set()
        for t in threads:
            t.join(30)
        for w in workers:
            w.stop()
        problems = s.close()
    n = len(samples)
    verdicts = {}
    if n >= 5:
        base = samples[n // 5: 2 * n // 5] or samples[1:2]
        tail = samples[2 * n // 3:]
        for key in ("broker_rss_kb", "redis_used_memory"):
            b = sum(x[key] for x in base) / len(base)
            t = sum(x[key] for x in tail) / len(tail)
            verdicts[key] = {"early_mean": round(b), "late_mean": round(t),
                             "growth": round(t / b - 1, 4) if b else None,
                             "flat": b > 0 and t <= b * (1 + args.tolerance)}
    elapsed = time.monotonic() - t0
    result = {"seconds": round(elapsed), "requests": sum(done),
              "per_second": round(sum(done) / elapsed) if elapsed else 0,
              "samples": n, "verdicts": verdicts, "errors": errors, "process_problems": problems}
    print(json.dumps(result, indent=1))
    ok = (n >= 5 and all(v["flat"] for v in verdicts.values()) and not errors and not problems)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
