#!/usr/bin/python3
"""Redis memory per pending delayed job: Duban's timers against the Redis job queues in use today.

Run by `scripts/bench jobqueues -n N` (which installs the Debian packages and builds Duban);
figures and their reading: docs/performance.md.

For each system, the same way: a fresh redis-server on a free 127.0.0.1 port with the settings of
`scripts/bench` (--appendonly yes --appendfsync everysec --save ""), its PID kept and stopped at
the end; `INFO memory` used_memory read with the writing client connected, before and after N
delayed jobs are stored (all due a year from now, so none is due during the run); bytes per job =
(after - before) / N. Every job carries the same small payload: the function / class / task name
`tick`, the suggestion code `S2026-00001` and a 13-digit due time as the payload, like Duban's
timer tasks in `duban-bench timers`.

- duban:    `duban-bench timers --pending N` (the existing bench, through a real broker); its
            figure is MEMORY STATS total.allocated after - before, the same counter as used_memory.
- rq:       python-rq (python3-rq) Queue.enqueue_at: a job hash rq:job:ID + a member of the
            ZSET rq:scheduled:QUEUE.
- sidekiq:  Sidekiq (ruby-sidekiq) Client.push_bulk with 'at' (what perform_at does): one JSON
            member of the ZSET `schedule` per job.
- celery:   Celery (python3-celery) send_task(eta=...) with the Redis broker: the message is
            LPUSHed to the list `celery` at once; a worker then takes it, keeps it in its own memory
            until the ETA and leaves a copy in the hash `unacked` + ZSET `unacked_index` (the
            visibility timeout). `celery` measures the messages waiting in the list (no worker);
            `celery-worker` also starts one worker and measures once the worker holds all of them
            (and reports the worker's RSS growth, where Celery really keeps ETA tasks).
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

CODE = "S2026-00001"
YEAR_MS = 365 * 24 * 3600 * 1000


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def now_ms():
    return int(time.time() * 1000)


class Redis:
    """One redis-server of our own, stopped by its PID."""

    def __init__(self, workdir):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="redis.", dir=workdir)
        self.log = open(os.path.join(self.dir, "redis.log"), "w")
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
             "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
             "--daemonize", "no"], stdout=self.log, stderr=subprocess.STDOUT)
        import redis  # python3-redis, pulled in by python3-rq
        self.client = redis.Redis(host="127.0.0.1", port=self.port)
        for _ in range(100):
            try:
                self.client.ping()
                break
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError("redis-server did not start")
        self.url = "redis://127.0.0.1:%d/0" % self.port

    def used_memory(self, client=None):
        return int((client or self.client).info("memory")["used_memory"])

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def version(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


# Each runner stores n delayed jobs in a fresh Redis and returns (before, after, note), or
# (before, after, bytes per job, note) when the figure comes from elsewhere (duban-bench).

def run_duban(r, n, build_dir, workdir):
    bport = free_port()
    ep = "tcp://127.0.0.1:%d" % bport
    log = open(os.path.join(workdir, "broker.log"), "w")
    broker = subprocess.Popen(
        [os.path.join(build_dir, "broker", "duban-broker"), "--config", "config/duban.toml",
         "--bind", ep, "--redis", r.url, "--log-level", "warn"], stdout=log, stderr=subprocess.STDOUT)
    try:
        time.sleep(1)
        fire = min(1000, n)  # memory is read before any fires; a few fire to check the timers work
        out = subprocess.run(
            [os.path.join(build_dir, "tests", "bench", "duban-bench"), "timers", "--broker", ep,
             "--redis", r.url, "--pending", str(n), "--fire", str(fire)],
            capture_output=True, text=True, timeout=1800)
        sys.stderr.write(out.stdout)
        m = re.search(r"Redis memory ([\d.]+) MB -> ([\d.]+) MB = (\d+) bytes per pending timer",
                      out.stdout)
        if out.returncode != 0 or not m:
            raise RuntimeError("duban-bench timers failed: " + out.stdout + out.stderr[-2000:])
        # The bench prints MB rounded to 0.1 and the exact bytes per timer: keep both as printed.
        return (float(m.group(1)) * 1e6, float(m.group(2)) * 1e6, int(m.group(3)),
                "ZSET timers member CODE\\|NAME + field of the suggestion's timer index tm:{CODE} "
                "holding [service, kind, priority, payload]; the task hash is made when it fires")
    finally:
        broker.send_signal(signal.SIGTERM)
        try:
            broker.wait(10)
        except subprocess.TimeoutExpired:
            broker.kill()
            broker.wait()
        log.close()


def run_rq(r, n, *_):
    from datetime import datetime, timedelta, timezone
    import redis
    from rq import Queue
    conn = redis.Redis(host="127.0.0.1", port=r.port)
    q = Queue("default", connection=conn)
    before = r.used_memory(conn)
    due = now_ms() + YEAR_MS
    pipe = conn.pipeline(transaction=False)
    for i in range(n):
        d = due + i
        q.enqueue_at(datetime.fromtimestamp(d / 1000, timezone.utc), "tick", CODE, str(d),
                     pipeline=pipe)
        if i % 1000 == 999:
            pipe.execute()
    pipe.execute()
    after = r.used_memory(conn)
    count = conn.zcard("rq:scheduled:default")
    if count != n:
        raise RuntimeError("rq: %d scheduled, expected %d" % (count, n))
    return before, after, "job hash rq:job:ID + member of ZSET rq:scheduled:default"


SIDEKIQ_RB = r'''
require "sidekiq"
Sidekiq.configure_client { |c| c.redis = { url: ARGV[0] } }
n = Integer(ARGV[1]); due = Integer(ARGV[2])
STDOUT.sync = true
r = Redis.new(url: ARGV[0])
puts r.info("memory")["used_memory"]   # before: measured on this same connection
i = 0
while i < n
  k = [1000, n - i].min
  args = (0...k).map { |j| ["S2026-00001", (due + i + j).to_s] }
  at = (0...k).map { |j| (due + i + j) / 1000.0 }
  Sidekiq::Client.push_bulk("class" => "Tick", "args" => args, "at" => at)
  i += k
end
raise "sidekiq: #{r.zcard("schedule")} scheduled" unless r.zcard("schedule") == n
puts r.info("memory")["used_memory"]
'''


def run_sidekiq(r, n, _build, workdir):
    path = os.path.join(workdir, "sidekiq_push.rb")
    with open(path, "w") as f:
        f.write(SIDEKIQ_RB)
    out = subprocess.run(["ruby", path, r.url, str(n), str(now_ms() + YEAR_MS)],
                         capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError("sidekiq: " + out.stderr[-2000:])
    before, after = [int(x) for x in out.stdout.split()[-2:]]
    return before, after, "JSON member of ZSET schedule (no other key per job)"


CELERY_APP = r'''
from celery import Celery
app = Celery("jobq", broker=__import__("os").environ["JOBQ_REDIS"])
app.conf.worker_hijack_root_logger = False

@app.task(name="tick")
def tick(code, payload):
    return None
'''


def celery_send(r, n, workdir):
    from datetime import datetime, timezone
    sys.path.insert(0, workdir)
    os.environ["JOBQ_REDIS"] = r.url
    with open(os.path.join(workdir, "jobq_celery.py"), "w") as f:
        f.write(CELERY_APP)
    import importlib
    import jobq_celery
    importlib.reload(jobq_celery)  # a new broker URL for each run
    app = jobq_celery.app
    due = now_ms() + YEAR_MS
    with app.connection_for_write() as conn:
        conn.ensure_connection()
        before = r.used_memory()
        with app.producer_or_acquire() as producer:
            for i in range(n):
                d = due + i
                app.send_task("tick", args=[CODE, str(d)],
                              eta=datetime.fromtimestamp(d / 1000, timezone.utc), producer=producer)
    return app, before


def run_celery(r, n, _build, workdir):
    _, before = celery_send(r, n, workdir)
    after = r.used_memory()
    if r.client.llen("celery") != n:
        raise RuntimeError("celery: %d messages queued" % r.client.llen("celery"))
    return before, after, "JSON message in LIST celery, until a worker takes it"


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_celery_worker(r, n, _build, workdir):
    # The worker first, idle, so its own keys (kombu bindings, pidbox) are in "before".
    env = dict(os.environ, JOBQ_REDIS=r.url, PYTHONPATH=workdir)
    with open(os.path.join(workdir, "jobq_celery.py"), "w") as f:
        f.write(CELERY_APP)
    log = open(os.path.join(workdir, "celery-worker.log"), "w")
    worker = subprocess.Popen(
        ["/usr/bin/python3", "-m", "celery", "-A", "jobq_celery", "worker", "-P", "solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"],
        cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        time.sleep(5)
        if worker.poll() is not None:
            raise RuntimeError("celery worker exited; see its log")
        rss0 = rss_kb(worker.pid)
        _, before = celery_send(r, n, workdir)
        deadline = time.time() + 1800
        while time.time() < deadline:
            if r.client.llen("celery") == 0 and r.client.hlen("unacked") >= n:
                break
            time.sleep(1)
        else:
            raise RuntimeError("celery worker took %d of %d" % (r.client.hlen("unacked"), n))
        time.sleep(1)
        after = r.used_memory()
        rss1 = rss_kb(worker.pid)
        return before, after, ("held by the worker: HASH unacked + ZSET unacked_index in Redis; "
                               "worker RSS +%.0f bytes per task" % ((rss1 - rss0) * 1024.0 / n))
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()


# Duban's timer keys written directly (no broker), one part at a time, to see where the bytes go.
# Same shapes as set_timer in common/store/scripts.cc for `duban-bench timers` (service and kind
# `tick`, one suggestion S2026-00001, names far.I, payload = due time). The duban-v1-* shapes are
# the layout before issue 3 (a task hash per pending timer), kept to compare.
SHAPES = {
    "duban-replica": ("zset", "index"),  # both parts of a pending timer: must match `duban` above
    "duban-zset": ("zset",),    # its member CODE|NAME of the timers ZSET
    "duban-index": ("index",),  # its field of tm:{CODE}: all N in one suggestion, as in the bench
    "duban-index6": ("index6",),  # six timers per suggestion (the reply.* timers), one hash each
    # The layout before issue 3: task hash + member SERVICE|T<CODE>.<NAME> + index value = member.
    "duban-v1-replica": ("hash", "zset_v1", "index_v1"),
    "duban-v1-hash": ("hash",),  # the timer's task hash t:{tick}:T<CODE>.<NAME>, 9 fields
    "duban-v1-zset": ("zset_v1",),
    "duban-v1-index": ("index_v1",),
}


def timer_value(service, kind, priority, payload):
    """The index value set_timer writes: cmsgpack.pack({service, kind, priority_ms, payload})."""
    import msgpack  # python3-msgpack (Duban's own test dependency)
    return msgpack.packb([service, kind, priority, payload], use_bin_type=False)


def run_shape(r, n, _build, _workdir, parts):
    conn = r.client
    due0 = now_ms() + YEAR_MS
    before = r.used_memory()
    pipe = conn.pipeline(transaction=False)
    for i in range(n):
        name = "far.%d" % i
        tid = "T%s.%s" % (CODE, name)
        due = str(due0 + i)
        if "hash" in parts:
            pipe.hset("{duban}:t:{tick}:" + tid, mapping={
                "svc": "tick", "kind": "tick", "client": "", "code": CODE, "body": due,
                "created": str(due0 - YEAR_MS), "prio": due, "st": "scheduled", "due": due})
        if "zset_v1" in parts:
            pipe.zadd("{duban}:timers", {"tick|" + tid: due0 + i})
        if "index_v1" in parts:
            pipe.hset("{duban}:tm:{%s}" % CODE, name, "tick|" + tid)
        if "zset" in parts:
            pipe.zadd("{duban}:timers", {"%s|%s" % (CODE, name): due0 + i})
        if "index" in parts:
            pipe.hset("{duban}:tm:{%s}" % CODE, name, timer_value("tick", "tick", 0, due))
        if "index6" in parts:
            code = "S2026-%06d" % (i // 6)
            pipe.hset("{duban}:tm:{%s}" % code, name, timer_value("tick", "tick", 0, due))
        if i % 1000 == 999:
            pipe.execute()
    pipe.execute()
    return before, r.used_memory(), "+".join(parts) + " written directly (see SHAPES)"


SYSTEMS = {
    "duban": (run_duban, None, "Duban timers (duban-bench timers)"),
    "rq": (run_rq, "python3-rq", "python-rq enqueue_at"),
    "sidekiq": (run_sidekiq, "ruby-sidekiq", "Sidekiq perform_at (push_bulk 'at')"),
    "celery": (run_celery, "python3-celery", "Celery send_task(eta), no worker"),
    "celery-worker": (run_celery_worker, "python3-celery", "Celery send_task(eta), worker holding"),
}
for _name in SHAPES:
    SYSTEMS[_name] = (lambda r, n, b, w, _p=SHAPES[_name]: run_shape(r, n, b, w, _p), None, _name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=100000, help="pending delayed jobs per system")
    ap.add_argument("--systems", default="duban,rq,sidekiq,celery",
                    help="comma-separated, of: " + ", ".join(SYSTEMS))
    ap.add_argument("--build-dir", default="build-bench", help="where duban-broker and duban-bench are")
    a = ap.parse_args()
    workdir = tempfile.mkdtemp(prefix="duban-jobq.")
    rows = []
    try:
        for name in a.systems.split(","):
            run, pkg, label = SYSTEMS[name]
            ver = version(pkg) if pkg else "this tree"
            if pkg and not ver:
                rows.append((label, "-", a.n, None, None, None, "not installed (Debian package %s)" % pkg))
                continue
            r = Redis(workdir)
            try:
                t0 = time.time()
                sys.stderr.write("--- %s: %d delayed jobs\n" % (name, a.n))
                res = run(r, a.n, a.build_dir, workdir)
                before, after, note = res[0], res[1], res[-1]
                per_job = res[2] if len(res) == 4 else (after - before) / a.n
                sys.stderr.write("    %.1f s\n" % (time.time() - t0))
                rows.append((label, ver, a.n, before, after, per_job, note))
            except Exception as e:  # one system failing does not hide the others' figures
                rows.append((label, ver, a.n, None, None, None, "failed: %s" % str(e)[:300]))
            finally:
                r.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    rv = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()
    print("redis-server %s, appendonly yes, appendfsync everysec, save \"\"; cores=%d" %
          (next((x[2:] for x in rv if x.startswith("v=")), "?"), os.cpu_count()))
    print("| system | version | pending jobs | used_memory before -> after (MB) | bytes per job | how a pending job is stored |")
    print("| --- | --- | ---: | --- | ---: | --- |")
    for label, ver, n, before, after, per_job, note in rows:
        if before is None:
            print("| %s | %s | %d | - | - | %s |" % (label, ver, n, note))
        else:
            print("| %s | %s | %d | %.1f -> %.1f | %.0f | %s |" %
                  (label, ver, n, before / 1e6, after / 1e6, per_job, note))
    return 0 if all(row[3] is not None for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
