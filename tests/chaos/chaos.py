"""Chaos run: Duban under load while its processes are killed (scripts/chaos; docs/reliability.md).

On a real redis-server (appendfsync always), the broker and every role (several assignment
workers), K clients submit N suggestions (about 10 % match no routing rule) with unique request
ids, retrying each until it is acknowledged, and drive a sample through sign, start, reply and
evaluate. Meanwhile, every 1-4 s (seeded), one fault: kill -9 of the broker, of a worker, of Redis
(restarted on its AOF), or SIGSTOP of a worker for longer than its lease. Afterwards it proves:

- every acknowledged submit exists, once; no two request ids share a suggestion, no suggestion
  exists that was not acknowledged (a submit refused during an outage was retried under the same id);
- each effect is on the timeline exactly once: submitted, assigned (routed ones), reminders
  scheduled, and for the sample signed, handling started, replied, evaluated;
- every opaque 7/MDP request (one caller sends --opaque of them to an echo worker, each with a
  request id, retried on a fresh connection after each timeout) is answered with its own body;
  how many ran more than once (a worker that lost its broker before its REPLY got through) is a
  figure, not a failure: the promise is one answer, and one queued task, per request id;
- every queue drained, no dead letter; `dubanctl verify --all` and `dubanctl check` clean;
- no process exited that chaos did not kill.

It prints its figures and exits 1 on any loss, double, stuck item or crash (2 on bad usage).
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))

from harness import Api, MdpClient, MdpTimeout, binary  # noqa: E402
from test_faults import TunedSystem, draft  # noqa: E402

UNROUTED = {"title": "关于一件无规则可循之事的建议", "content": "正文。", "category": "其他",
            "keywords": ["无匹配"], "deputy": {"id": "D0999", "name": "测试代表", "contact": ""},
            "co_signers": [], "session": "2026"}
LEASE_MS = 3000
SETTINGS = {
    "broker": {"heartbeat_interval_ms": 250, "heartbeat_liveness": 3, "lease_ms": LEASE_MS,
               "backoff_base_ms": 100, "backoff_max_ms": 1000, "max_attempts": 20},
    "worker": {"heartbeat_interval_ms": 250, "heartbeat_liveness": 3,
               "reconnect_initial_ms": 100, "reconnect_max_ms": 1000},
    "redis": {"reconnect_max_ms": 500},
}
ROLES = ["assignment", "assignment", "assignment", "reminder", "escalation", "survey", "followup"]


def log(msg):
    sys.stderr.write("[chaos %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


class Calls:
    """duban.* calls that retry through outages: a fresh socket after every timeout, and
    UNAVAILABLE (Redis or broker down) retried until `deadline`."""

    def __init__(self, endpoint):
        self.api = Api(endpoint, timeout=3.0)
        self.retries = 0

    def call(self, service, deadline, **fields):
        while True:
            try:
                r = self.api.call(service, _timeout=3.0, **fields)
            except MdpTimeout:
                r = {"ok": False, "code": "TIMEOUT"}
            if r.get("ok") or r.get("code") not in ("UNAVAILABLE", "TIMEOUT", "RESOURCE_EXHAUSTED"):
                return r
            if time.monotonic() > deadline:
                return r
            self.retries += 1
            time.sleep(0.2)

    def close(self):
        self.api.close()


class Chaos:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.failures = []
        self.acked = {}            # request id -> code
        self.duplicates = 0        # acknowledgements that said duplicate (a retry after a loss)
        self.retries = 0
        self.faults = {"kill -9 broker": 0, "kill -9 worker": 0, "kill -9 redis": 0,
                       "SIGSTOP worker": 0}
        self.sampled = []          # codes driven through handling
        self.opaque_answered = 0   # opaque requests answered with their own body
        self.opaque_retries = 0    # their retries (a timeout, then the same id on a new socket)
        self.lock = threading.Lock()
        self.stop_chaos = threading.Event()

    def fail(self, msg):
        with self.lock:
            self.failures.append(msg)
        log("FAIL: " + msg)

    # ---- the system -------------------------------------------------------------------------
    def start(self):
        # The broker signs checkpoints every second: its restarts after kill -9 must read back
        # its file (a write cut short is cut off) and the store must match every checkpoint.
        self.cp_dir = tempfile.mkdtemp(prefix="duban-chaos-checkpoints-")
        subprocess.run([binary(os.path.join("dubanctl", "dubanctl")), "keys", "checkpoint",
                        "--dir", self.cp_dir], check=True, capture_output=True, timeout=30,
                       stdin=subprocess.DEVNULL)
        self.cp_file = os.path.join(self.cp_dir, "checkpoints")
        self.sys = TunedSystem(SETTINGS, name="chaos", workers=ROLES, broker_args=[
            "--checkpoint-key", os.path.join(self.cp_dir, "checkpoint.key"),
            "--checkpoint-file", self.cp_file, "--checkpoint-interval-s", "1"])
        self.endpoint = self.sys.endpoint
        log("system up in %s (broker %s, %d workers)" % (self.sys.folder, self.endpoint,
                                                          len(self.sys.workers)))

    # ---- load -------------------------------------------------------------------------------
    def submitter(self, k):
        calls = Calls(self.endpoint)
        # Paced so that the submits span most of the fault window, not its first second.
        mine = len(range(k, self.args.n, self.args.clients))
        gap = 0.7 * self.args.chaos_seconds / max(mine, 1)
        start = time.monotonic()
        try:
            for j, i in enumerate(range(k, self.args.n, self.args.clients)):
                wait = start + j * gap - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                rid = "chaos-%d-%s" % (i, uuid.uuid4().hex[:8])
                d = UNROUTED if i % 10 == 9 else draft(i, "chaos")
                r = calls.call("duban.submit", time.monotonic() + 120, request_id=rid, draft=d)
                if not r.get("ok"):
                    self.fail("submit %s never acknowledged: %r" % (rid, r))
                    continue
                with self.lock:
                    self.acked[rid] = r["code"]
                    self.duplicates += 1 if r.get("duplicate") else 0
        finally:
            with self.lock:
                self.retries += calls.retries
            calls.close()

    def wait_state(self, calls, code, states, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = calls.call("duban.get", deadline, code=code)
            if r.get("ok") and r["suggestion"]["state"] in states:
                return r
            time.sleep(0.2)
        return None

    def step(self, calls, code, service, action, **fields):
        """A unit or deputy action, retried through outages; a retry after a lost answer finds
        the action already on the timeline and is not applied twice."""
        deadline = time.monotonic() + 120
        while True:
            r = calls.call(service, deadline, code=code, **fields)
            if r.get("ok"):
                return True
            got = calls.call("duban.get", deadline, code=code)
            if got.get("ok") and action in [e["action"] for e in got["timeline"]]:
                return True
            if time.monotonic() > deadline or r.get("code") not in ("FAILED_PRECONDITION",):
                self.fail("%s of %s refused: %r" % (service, code, r))
                return False
            time.sleep(0.3)

    def handler(self, codes):
        calls = Calls(self.endpoint)
        try:
            for code in codes:
                got = self.wait_state(calls, code, ("ASSIGNED",), 120)
                if got is None:
                    self.fail("%s never became ASSIGNED" % code)
                    continue
                lead = [u["unit"] for u in got["suggestion"]["units"] if u["role"] == "lead"][0]
                deputy = got["suggestion"]["draft"]["deputy"]["id"]
                ok = (self.step(calls, code, "duban.sign", "signed", unit=lead, actor="chaos")
                      and self.step(calls, code, "duban.start", "handling_started", unit=lead,
                                    actor="chaos")
                      and self.step(calls, code, "duban.reply", "replied", unit=lead,
                                    actor="chaos", result_class="A", text="已办理", signer="局长"))
                if not ok:
                    continue
                if self.wait_state(calls, code, ("REPLIED",), 60) is None:
                    self.fail("%s not REPLIED after its reply" % code)
                    continue
                # The survey role asks the deputy first; evaluating before that is refused.
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    got = calls.call("duban.get", deadline, code=code)
                    if got.get("ok") and "evaluation_requested" in [e["action"]
                                                                    for e in got["timeline"]]:
                        break
                    time.sleep(0.2)
                self.step(calls, code, "duban.evaluate", "evaluated", deputy=deputy,
                          satisfaction="满意", reasons="")
        finally:
            with self.lock:
                self.retries += calls.retries
            calls.close()

    def caller(self):
        """Opaque requests with request ids to the echo worker, one at a time, each retried under
        its id on a fresh connection until answered. The echo worker counts executions."""
        gap = 0.7 * self.args.chaos_seconds / max(self.args.opaque, 1)
        start = time.monotonic()
        for i in range(self.args.opaque):
            wait = start + i * gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            rid, body = b"op-%d" % i, b"op-%d-body" % i
            deadline = time.monotonic() + 120
            got = None
            while got is None and time.monotonic() < deadline:
                c = MdpClient(self.endpoint, timeout=3.0)
                try:
                    reply = c.request("echo", b"duban.rid", rid, body)
                    if reply == [body]:
                        got = reply
                    elif b"UNAVAILABLE" in reply[0] or b"RESOURCE_EXHAUSTED" in reply[0]:
                        time.sleep(0.2)  # Redis down, or the queue not known yet: retry
                    else:
                        self.fail("opaque %s answered %r" % (rid, reply))
                        break
                except MdpTimeout:
                    pass
                finally:
                    c.close()
                if got is None:
                    with self.lock:
                        self.opaque_retries += 1
            if got is None:
                self.fail("opaque %s never answered" % rid)
            else:
                with self.lock:
                    self.opaque_answered += 1

    # ---- faults ----------------------------------------------------------------------------
    def chaos(self):
        s = self.sys
        while not self.stop_chaos.wait(self.rng.uniform(1.0, 4.0)):
            kind = self.rng.choice(list(self.faults))
            try:
                if kind == "kill -9 broker":
                    s.broker.kill9()
                    s.start_broker(wait=True)
                elif kind == "kill -9 worker":
                    i = self.rng.randrange(len(s.workers))
                    w = s.workers[i]
                    w.kill9()
                    w.start()
                elif kind == "kill -9 redis":
                    s.redis.kill()
                    s.redis.restart()
                else:
                    w = s.workers[self.rng.randrange(len(s.workers))]
                    os.kill(w.pid, signal.SIGSTOP)
                    time.sleep(LEASE_MS / 1000.0 + 1.0)
                    os.kill(w.pid, signal.SIGCONT)
                with self.lock:
                    self.faults[kind] += 1
            except Exception as e:  # a fault that could not be injected is a failed run
                self.fail("injecting %s: %r" % (kind, e))
                return

    # ---- proof -----------------------------------------------------------------------------
    def settle(self, calls, timeout):
        """Waits until nothing is SUBMITTED, the sample is CLOSED and every queue is empty."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            sub = calls.call("duban.list", deadline, state="SUBMITTED", limit=1)
            q = calls.call("duban.queues", deadline)
            busy = [(sv["name"], sv["queued"], sv["inflight"]) for sv in q.get("services", [])
                    if sv["queued"] or sv["inflight"]]
            closed = all(calls.call("duban.get", deadline, code=c).get("suggestion", {})
                         .get("state") == "CLOSED" for c in self.sampled)
            last = (sub.get("total"), busy, closed)
            if sub.get("ok") and sub["total"] == 0 and not busy and closed and q.get("ok"):
                return True
            time.sleep(0.5)
        self.fail("did not settle within %.0f s: SUBMITTED, busy queues, sample closed = %r"
                  % (timeout, last))
        return False

    def prove(self):
        calls = Calls(self.endpoint)
        deadline = time.monotonic() + 300
        self.settle(calls, 180)
        codes = sorted(self.acked.values())
        if len(set(codes)) != len(codes):
            self.fail("two request ids share a suggestion: %d ids, %d codes"
                      % (len(codes), len(set(codes))))
        # duban.list pages at most 1000 rows: compare the total, then get every acknowledged code.
        total = calls.call("duban.list", deadline, limit=1).get("total")
        if total != len(set(codes)):
            self.fail("%s suggestions stored, %d acknowledged" % (total, len(set(codes))))
        stored = sorted(set(codes))
        sampled = set(self.sampled)
        doubles = 0
        for code in stored:
            got = calls.call("duban.get", deadline, code=code, limit=1000)
            if not got.get("ok"):
                self.fail("acknowledged %s is lost: %r" % (code, got))
                continue
            acts = [e["action"] for e in got["timeline"]]
            state = got["suggestion"]["state"]
            want = {"submitted": 1}
            if state != "IN_REVIEW":
                want.update({"assigned": 1, "reminders_scheduled": 1})
            if code in sampled:
                want.update({"signed": 1, "handling_started": 1, "replied": 1, "evaluated": 1})
            for action, n in want.items():
                if acts.count(action) != n:
                    doubles += 1
                    self.fail("%s (%s): %r %d times, not %d: %r"
                              % (code, state, action, acts.count(action), n, acts))
        q = calls.call("duban.queues", deadline)
        dead = sum(sv["dead"] for sv in q.get("services", []))
        if dead:
            dl = calls.call("duban.dlq", deadline, action="list", service="", limit=20)
            self.fail("%d dead letters: %r" % (dead, dl.get("entries")))
        calls.close()
        checkpoints = ["--checkpoints", self.cp_file, "--public-key",
                       os.path.join(self.cp_dir, "checkpoint.pub")]
        for args, what in ((["verify", "--all"] + checkpoints,
                            "dubanctl verify --all --checkpoints"),
                           (["check"], "dubanctl check")):
            rc, out = self.sys.ctl(*args, json=False, timeout=120)
            if rc != 0:
                self.fail("%s exited %d:\n%s" % (what, rc, out))
        return total, doubles

    def checkpoints_signed(self):
        try:
            with open(self.cp_file) as f:
                return sum(1 for line in f if line.startswith("duban-checkpoint "))
        except OSError:
            return 0

    def ran_twice(self):
        """How many opaque request bodies the echo worker handled more than once."""
        with self.echo._lock:
            bodies = [tuple(b) for _, b in self.echo.requests]
        return sum(1 for b in set(bodies) if bodies.count(b) > 1)

    def run(self):
        t0 = time.monotonic()
        self.start()
        try:
            self.echo = self.sys.echo_worker(service="echo", heartbeat_interval=0.25,
                                             broker_heartbeat_interval=0.25)
            self.sys.wait_service("echo")
            chaos = threading.Thread(target=self.chaos, name="chaos", daemon=True)
            chaos.start()
            caller = threading.Thread(target=self.caller, name="caller")
            caller.start()
            subs = [threading.Thread(target=self.submitter, args=(k,)) for k in range(self.args.clients)]
            for t in subs:
                t.start()
            # The sample: routed suggestions, as soon as they are acknowledged.
            handlers = []
            while any(t.is_alive() for t in subs) or not handlers:
                time.sleep(0.5)
                with self.lock:
                    routed = sorted(c for r, c in self.acked.items()
                                    if int(r.split("-")[1]) % 10 != 9)
                want = max(1, len(routed) // self.args.sample_every)
                fresh = [c for c in routed if c not in self.sampled][:max(0, want - len(self.sampled))]
                if fresh:
                    self.sampled.extend(fresh)
                    h = threading.Thread(target=self.handler, args=(fresh,))
                    h.start()
                    handlers.append(h)
            submitted = time.monotonic()
            # Keep the faults coming for at least --chaos-seconds in all.
            while time.monotonic() - t0 < self.args.chaos_seconds or any(h.is_alive() for h in handlers):
                time.sleep(0.5)
                if time.monotonic() - t0 > self.args.chaos_seconds + 600:
                    self.fail("the sample's handling did not finish")
                    break
            caller.join(300)
            self.stop_chaos.set()
            chaos.join(30)
            for h in handlers:
                h.join(60)
            faulted = time.monotonic()
            # Everything must be up for the proof; a process chaos did not kill must still run.
            for p in self.sys.procs:
                if not p.alive():
                    self.fail("%s is not running at the end: %s" % (p.name, p.describe()))
            stored, doubles = self.prove()
            figures = {
                "seed": self.args.seed, "submits": self.args.n, "acknowledged": len(self.acked),
                "stored": stored, "sample_handled": len(self.sampled),
                "client_retries": self.retries, "acknowledged_as_duplicate": self.duplicates,
                "faults": self.faults, "faults_total": sum(self.faults.values()),
                "effects_not_exactly_once": doubles,
                "opaque_requests": self.args.opaque, "opaque_answered": self.opaque_answered,
                "opaque_client_retries": self.opaque_retries,
                "opaque_run_more_than_once": self.ran_twice(),
                "seconds_submitting": round(submitted - t0, 1),
                "seconds_with_faults": round(faulted - t0, 1),
                "seconds_total": round(time.monotonic() - t0, 1),
                "checkpoints_signed": self.checkpoints_signed(),
                "failures": len(self.failures),
            }
            print(json.dumps(figures, ensure_ascii=False, indent=1))
        finally:
            self.stop_chaos.set()
            problems = self.sys.close()
            # Processes chaos killed on purpose are not problems; anything else (a crash, a
            # non-zero exit on SIGTERM at the end) is.
            for p in problems:
                self.fail("process: " + p)
        if self.failures:
            log("%d failure(s); logs in %s, checkpoints in %s"
                % (len(self.failures), self.sys.folder, self.cp_dir))
            return 1
        shutil.rmtree(self.cp_dir, True)
        log("no loss, no double, nothing stuck, no crash")
        return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=3000, help="suggestions to submit (default 3000)")
    ap.add_argument("--clients", type=int, default=4, help="submitting clients (default 4)")
    ap.add_argument("--sample-every", type=int, default=40,
                    help="drive one routed suggestion in N through its handling (default 40)")
    ap.add_argument("--chaos-seconds", type=float, default=60,
                    help="inject faults for at least this long (default 60)")
    ap.add_argument("--opaque", type=int, default=200,
                    help="opaque 7/MDP requests with request ids to an echo worker (default 200)")
    ap.add_argument("--seed", type=int, default=int(time.time()) % 100000,
                    help="seed of the fault schedule (default: from the clock; printed)")
    args = ap.parse_args()
    if args.n < 1 or args.clients < 1 or args.sample_every < 1:
        ap.error("-n, --clients and --sample-every must be positive")
    log("seed %d, %d submits, %d clients, faults for %.0f s" % (args.seed, args.n, args.clients,
                                                                args.chaos_seconds))
    sys.exit(Chaos(args).run())


if __name__ == "__main__":
    main()
