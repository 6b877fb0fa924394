"""Fault scenarios of the promises in docs/architecture.md#guarantees-and-how-each-is-achieved (dead
letters: docs/architecture.md#the-life-of-a-task, steps 8 and 10), each with its own
redis-server, duban-broker and workers on 127.0.0.1:

  1. a worker killed (SIGKILL) while it holds a task: the task is redelivered, its effect happens once;
  2. the broker killed (SIGKILL) during a stream of submits and restarted on the same port: nothing
     acknowledged is lost, nothing is applied twice, work resumes;
  3. Redis stopped under a running broker: duban.* answers UNAVAILABLE, the broker stays up, and
     after Redis comes back (AOF, appendfsync always) it serves again with nothing lost;
  4. dead letters: transient worker errors are retried up to broker.max_attempts, permanent ones
     dead-letter at once; staff replay puts them back.

The broker and workers run with a copy of config/duban.toml in the test's folder with small
heartbeat, lease and backoff values so that each fault plays out in seconds. Requests go to the
duban.* services over the independent 7/MDP client of mdp_peers (msgpack maps {"v": 1, ...}).
"""

import json
import os
import re
import sys
import threading
import time
import unittest

import msgpack

from harness import (Api, EchoWorker, MdpClient, MdpTimeout, Proc, System, SystemTestCase,
                     config_path)

SETTLE_TIMEOUT = 25.0  # seconds for queued work to drain after a fault


# ---- helpers (kept in this file: harness.py is shared and not ours to change) -------------------

# Drafts that rules of config/units.toml match (by category), so the assignment role assigns them.
MATCHING = [("教育", ["幼儿园"]), ("交通", ["公交"]), ("医疗卫生", ["社区卫生"]),
            ("水务", ["内涝"]), ("城市管理", ["垃圾分类"])]


def draft(i, tag="f", category=None, keywords=None):
    cat, kws = MATCHING[i % len(MATCHING)]
    return {"title": "%s-%d 关于改进%s工作的建议" % (tag, i, category or cat),
            "content": "第%d条测试建议的正文。" % i, "category": category or cat,
            "keywords": list(keywords if keywords is not None else kws),
            "deputy": {"id": "D%04d" % (i % 50), "name": "测试代表", "contact": ""},
            "co_signers": [], "session": "2026"}


def write_tuned_config(folder, overrides):
    """Copies config/duban.toml into `folder` with `overrides` {section: {key: value}} applied;
    units_file and demo.file point at the real files. Returns the new path."""
    src = config_path()
    src_dir = os.path.dirname(os.path.abspath(src))
    pending = {(sec, k) for sec, kv in overrides.items() for k in kv}
    out, section = [], ""
    with open(src, encoding="utf-8") as f:
        for line in f.read().splitlines():
            stripped = line.strip()
            m = re.match(r"^\[([A-Za-z0-9_.]+)\]$", stripped)
            if m:
                section = m.group(1)
            else:
                m = re.match(r"^([A-Za-z0-9_]+)\s*=\s*(.*)$", stripped)
                if m:
                    key, value = m.group(1), m.group(2)
                    if (section, key) in (("", "units_file"), ("demo", "file")):
                        path = json.loads(value)
                        if not os.path.isabs(path):
                            path = os.path.join(src_dir, path)
                        line = "%s = %s" % (key, json.dumps(path))
                    elif (section, key) == ("jurisdiction", "calendar_files"):
                        files = [f if os.path.isabs(f) else os.path.join(src_dir, f)
                                 for f in json.loads(value)]
                        line = "%s = %s" % (key, json.dumps(files))
                    elif key in overrides.get(section, {}):
                        line = "%s = %s" % (key, json.dumps(overrides[section][key]))
                        pending.discard((section, key))
            out.append(line)
    if pending:
        raise AssertionError("config keys not found in %s: %s" % (src, sorted(pending)))
    path = os.path.join(folder, "duban.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return path


class TunedSystem(System):
    """A System whose broker and workers read a tuned copy of config/duban.toml."""

    def __init__(self, overrides, **kw):
        self._overrides = overrides
        self._tuned = None
        super().__init__(**kw)

    def _use_tuned(self):
        if self._tuned is None:
            self._tuned = write_tuned_config(self.folder, self._overrides)
        self.config = self._tuned

    def start_broker(self, wait=True):
        self._use_tuned()
        return super().start_broker(wait)

    def start_worker(self, role, extra=()):
        self._use_tuned()
        return super().start_worker(role, extra)


FAST = {
    "broker": {"heartbeat_interval_ms": 200, "heartbeat_liveness": 3, "lease_ms": 4000,
               "backoff_base_ms": 100, "backoff_max_ms": 1000},
    "worker": {"heartbeat_interval_ms": 200, "heartbeat_liveness": 3,
               "reconnect_initial_ms": 100, "reconnect_max_ms": 1000},
    "redis": {"reconnect_max_ms": 1000},
}


def tuned(**changes):
    """FAST with some keys changed: tuned(broker={"max_attempts": 2})."""
    o = {sec: dict(kv) for sec, kv in FAST.items()}
    for sec, kv in changes.items():
        o.setdefault(sec, {}).update(kv)
    return o


# A 7/MDP worker (from RFC 7) that registers a service, takes one REQUEST and never answers it,
# heartbeating all along as a busy worker would, until it is killed. It prints what it got.
STUCK_WORKER = r'''
import sys, time
import msgpack, zmq
endpoint, service = sys.argv[1], sys.argv[2].encode()
ctx = zmq.Context()
s = ctx.socket(zmq.DEALER)
s.setsockopt(zmq.LINGER, 0)
s.connect(endpoint)
s.send_multipart([b"", b"MDPW01", b"\x01", service])
print("READY", flush=True)
next_hb = time.monotonic()
while True:
    if s.poll(20, zmq.POLLIN):
        f = s.recv_multipart()
        if len(f) >= 6 and f[1] == b"MDPW01" and f[2] == b"\x02":
            task = msgpack.unpackb(f[5], raw=False)
            print("REQUEST %s %s %s" % (task.get("task_id"), (task.get("suggestion") or {}).get("code"),
                                        task.get("attempt")), flush=True)
        elif len(f) >= 3 and f[2] == b"\x05":
            print("DISCONNECT", flush=True)
    if time.monotonic() >= next_hb:
        s.send_multipart([b"", b"MDPW01", b"\x04"])
        next_hb = time.monotonic() + 0.1
'''


class FaultTestCase(SystemTestCase):
    def start_tuned(self, overrides, workers=()):
        s = self.adopt_system(TunedSystem(overrides, name=self.id(), workers=workers))
        self.sys = s
        self.api = Api(s.endpoint)
        self.addCleanup(lambda: self.api.close())
        return s

    def fail_with_logs(self, msg):
        self.fail("%s\n%s" % (msg, self.sys.describe()))

    def wait_for(self, predicate, timeout, what):
        try:
            self.wait_until(predicate, timeout, what, interval=0.05)
        except AssertionError as e:
            self.fail_with_logs(str(e))

    def service_stats(self, name="assignment"):
        q = self.api.ok("duban.queues")
        for s in q["services"]:
            if s["name"] == name:
                return s
        return {"name": name, "queued": 0, "inflight": 0, "dead": 0, "workers": 0,
                "idle_workers": 0}

    def counters(self):
        return self.api.ok("duban.stats")["counters"]

    def all_codes(self):
        listed = self.api.ok("duban.list", limit=1000)
        self.assertEqual(listed["total"], len(listed["items"]), "list must not be cut short")
        return listed

    def wait_drained(self, expect_total, timeout=SETTLE_TIMEOUT):
        """Waits until no suggestion is SUBMITTED and the assignment queue is empty."""
        def drained():
            st = self.service_stats()
            sub = self.api.ok("duban.list", state="SUBMITTED", limit=1)["total"]
            return sub == 0 and st["queued"] == 0 and st["inflight"] == 0
        self.wait_for(drained, timeout, "all %d suggestions to leave SUBMITTED" % expect_total)

    def assert_effect_once(self, code, states=("ASSIGNED", "IN_REVIEW")):
        """One 'submitted', at most one 'assigned' (exactly one when ASSIGNED). Returns the get."""
        got = self.api.ok("duban.get", code=code)
        actions = [e["action"] for e in got["timeline"]]
        state = got["suggestion"]["state"]
        self.assertIn(state, states, "%s: %r" % (code, got))
        self.assertEqual(actions.count("submitted"), 1, "%s timeline %r" % (code, actions))
        self.assertLessEqual(actions.count("assigned"), 1, "%s timeline %r" % (code, actions))
        if state == "ASSIGNED":
            self.assertEqual(actions.count("assigned"), 1, "%s timeline %r" % (code, actions))
        return got


class WorkerKilledTest(FaultTestCase):
    def test_task_of_a_killed_worker_is_redelivered_and_applied_once(self):
        s = self.start_tuned(FAST)
        codes = [self.api.ok("duban.submit", request_id="wk-%d" % i, draft=draft(i, "wk"))["code"]
                 for i in range(20)]
        self.assertEqual(len(set(codes)), 20)
        self.assertEqual(self.service_stats()["queued"], 20)

        script = os.path.join(s.folder, "stuck_worker.py")
        with open(script, "w") as f:
            f.write(STUCK_WORKER)
        stuck = Proc("stuck-worker", [sys.executable, script, s.endpoint, "assignment"], s.folder)
        self.addCleanup(stuck.kill9)
        held = {}

        def got_request():
            m = re.search(r"^REQUEST (\S+) (\S+) (\S+)$", stuck.log_text(), re.M)
            if m:
                held.update(task=m.group(1), code=m.group(2), attempt=m.group(3))
            if not stuck.alive():
                self.fail_with_logs("stuck worker exited: " + stuck.describe())
            return bool(m)

        self.wait_for(got_request, 10, "the stuck worker to receive a task")
        self.assertIn(held["code"], codes)
        self.assertEqual(held["attempt"], "1")
        st = self.service_stats()
        self.assertEqual((st["queued"], st["inflight"]), (19, 1), st)
        self.assertEqual(self.api.ok("duban.get", code=held["code"])["suggestion"]["state"],
                         "SUBMITTED")

        stuck.kill9()  # SIGKILL mid-task: no DISCONNECT, no reply, its TCP connection just drops
        s.start_worker("assignment")
        s.wait_service("assignment")

        def all_assigned():
            return self.api.ok("duban.list", state="ASSIGNED", limit=1)["total"] == 20
        self.wait_for(all_assigned, SETTLE_TIMEOUT, "all 20 suggestions to become ASSIGNED")
        self.wait_drained(20)

        for code in codes:
            got = self.assert_effect_once(code, states=("ASSIGNED",))
            if code == held["code"]:
                assigned = [e for e in got["timeline"] if e["action"] == "assigned"]
                self.assertEqual(assigned[0]["task"], held["task"],
                                 "the held task itself is redelivered and applied: %r"
                                 % got["timeline"])
                self.assertEqual(assigned[0]["actor"], "worker:assignment")
        c = self.counters()
        self.assertGreaterEqual(c.get("broker.redelivered", 0) + c.get("broker.leases_expired", 0),
                                1, "the held task was not counted as redelivered: %r" % c)
        self.assertEqual(c.get("broker.outcomes_applied"), 20, c)
        st = self.service_stats()
        self.assertEqual((st["queued"], st["inflight"], st["dead"]), (0, 0, 0), st)
        self.assertAlive(s.broker)


    def test_late_answer_of_a_lost_worker_changes_nothing(self):
        """A worker that goes silent while it holds a task (no heartbeats) for longer than its
        lease loses it; when it finally answers, its fencing token is stale and its outcome is
        ignored. (A busy worker is judged by its lease, not by heartbeat liveness.)"""
        s = self.start_tuned(FAST)
        code = self.api.ok("duban.submit", request_id="late-1", draft=draft(0, "late"))["code"]
        received = threading.Event()

        def slow_wrong_answer(body):
            task = msgpack.unpackb(body[0], raw=False)
            received.set()
            time.sleep(5.0)  # silent past its lease (FAST: 4 s): the task is taken back
            outcome = {"v": 1, "ok": True,
                       "expect_version": task["suggestion"]["version"],
                       "to_state": "ASSIGNED",
                       "units": [{"unit": "gaj", "role": "lead", "state": "ISSUED"}],
                       "deadline": {"date": "2099-01-01", "rule": "late", "due_ms": 0},
                       "action": "assigned", "note": "late answer"}
            return [msgpack.packb(outcome, use_bin_type=True)]

        slow = EchoWorker(s.endpoint, service="assignment", handler=slow_wrong_answer,
                          heartbeat_interval=0.1, broker_heartbeat_interval=0.2)
        slow.start()
        self.addCleanup(slow.stop)
        self.wait_for(received.is_set, 10, "the slow worker to receive the task")
        s.start_worker("assignment")
        self.wait_for(lambda: self.counters().get("broker.stale_replies", 0) >= 1, 15,
                      "the late answer to arrive and be counted stale")
        got = self.assert_effect_once(code, states=("ASSIGNED",))
        sug = got["suggestion"]
        self.assertEqual([u["unit"] for u in sug["units"] if u["role"] == "lead"], ["jyj"], sug)
        self.assertNotEqual(sug["deadline"]["date"], "2099-01-01")
        notes = [e["note"] for e in got["timeline"]]
        self.assertNotIn("late answer", notes, got["timeline"])
        self.assertNotIn("outcome_superseded", [e["action"] for e in got["timeline"]],
                         "the fencing token, not the version check, must stop a late answer")
        c = self.counters()
        self.assertEqual(c.get("broker.outcomes_applied"), 1, c)
        self.assertGreaterEqual(c.get("broker.redelivered", 0) + c.get("broker.leases_expired", 0),
                                1, c)


class BrokerKilledTest(FaultTestCase):
    TOTAL = 500
    THREADS = 4
    KILL_AFTER = 150

    def test_broker_killed_during_submits_loses_nothing_and_applies_nothing_twice(self):
        s = self.start_tuned(tuned(broker={"lease_ms": 2000}), workers=["assignment", "assignment"])
        lock = threading.Lock()
        acked = {}        # request_id -> (code, duplicate) of its first ok reply
        errors = []       # non-retryable answers
        stats = {"timeouts": 0, "unavailable": 0, "duplicates": 0}
        stop = threading.Event()
        rids = ["bk-%04d" % i for i in range(self.TOTAL)]

        def submitter(mine):
            api = Api(s.endpoint, timeout=1.0)
            try:
                for rid in mine:
                    i = int(rid.split("-")[1])
                    deadline = time.monotonic() + 60
                    while not stop.is_set():
                        if time.monotonic() > deadline:
                            with lock:
                                errors.append((rid, "no ok reply within 60 s"))
                            break
                        try:
                            r = api.call("duban.submit", request_id=rid, draft=draft(i, rid))
                        except MdpTimeout:
                            with lock:
                                stats["timeouts"] += 1
                            continue  # resend with the same request_id on a fresh socket
                        if r.get("ok"):
                            with lock:
                                acked[rid] = (r["code"], r["duplicate"])
                                stats["duplicates"] += bool(r["duplicate"])
                            break
                        if r.get("code") == "UNAVAILABLE":
                            with lock:
                                stats["unavailable"] += 1
                            time.sleep(0.05)
                            continue
                        with lock:
                            errors.append((rid, r))
                        break
            finally:
                api.close()

        threads = [threading.Thread(target=submitter, args=(rids[k::self.THREADS],), daemon=True)
                   for k in range(self.THREADS)]
        for t in threads:
            t.start()
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with lock:
                    n = len(acked)
                if n >= self.KILL_AFTER:
                    break
                time.sleep(0.002)
            with lock:
                at_kill = len(acked)
            self.assertGreaterEqual(at_kill, self.KILL_AFTER,
                                    "only %d acks before the kill" % at_kill)
            s.broker.kill9()
            self.assertLess(at_kill, self.TOTAL, "the kill must hit the stream mid-way")
            time.sleep(0.3)
            s.start_broker(wait=True)  # same port, same Redis
            for t in threads:
                t.join(90)
            self.assertFalse(any(t.is_alive() for t in threads), "submitters did not finish")
        finally:
            stop.set()

        self.assertEqual(errors, [])
        self.assertEqual(sorted(acked), rids, "every request must get an ok reply in the end")
        by_code = {}
        for rid, (code, _) in acked.items():
            by_code.setdefault(code, []).append(rid)
        shared = {c: r for c, r in by_code.items() if len(r) > 1}
        self.assertEqual(shared, {}, "distinct request ids got the same code")

        s.wait_service("assignment")
        self.wait_drained(self.TOTAL, timeout=40)
        listed = self.all_codes()
        self.assertEqual(listed["total"], len(acked),
                         "suggestions filed (%d) != distinct request ids acknowledged (%d); "
                         "stats %r" % (listed["total"], len(acked), stats))
        self.assertEqual(sorted(i["code"] for i in listed["items"]), sorted(by_code))
        for rid, (code, _) in sorted(acked.items()):
            got = self.assert_effect_once(code)
            self.assertTrue(got["suggestion"]["draft"]["title"].startswith(rid + "-"),
                            "%s answered code %s, which holds %r"
                            % (rid, code, got["suggestion"]["draft"]["title"]))
        # A client whose ack was lost in the crash retries: the first result comes back.
        for rid in rids[::50]:
            r = self.api.ok("duban.submit", request_id=rid, draft=draft(int(rid[3:]), rid))
            self.assertEqual((r["code"], r["duplicate"]), (acked[rid][0], True), (rid, r))
        self.assertEqual(self.all_codes()["total"], self.TOTAL)
        st = self.service_stats()
        self.assertEqual((st["queued"], st["inflight"], st["dead"]), (0, 0, 0), st)
        for w in s.workers:
            self.assertAlive(w, "after the broker restart")
        self.assertAlive(s.broker)
        sys.stderr.write("(killed at %d acks; %s) " % (at_kill, stats))


class RedisDownTest(FaultTestCase):
    CLIENT_TIMEOUT = 5.0

    def assert_unavailable(self, service, /, **fields):
        t0 = time.monotonic()
        try:
            r = self.api.call(service, _timeout=self.CLIENT_TIMEOUT, **fields)
        except MdpTimeout:
            self.fail_with_logs("%s got no reply within %.0f s while Redis is down"
                                % (service, self.CLIENT_TIMEOUT))
        took = time.monotonic() - t0
        self.assertIs(r.get("ok"), False, "%s with Redis down answered %r" % (service, r))
        self.assertEqual(r.get("code"), "UNAVAILABLE", "%s: %r" % (service, r))
        self.assertTrue(r.get("message"), r)
        self.assertAlive(self.sys.broker, "after %s with Redis down" % service)
        return took

    def test_redis_stopped_then_restarted(self):
        s = self.start_tuned(FAST, workers=["assignment", "reminder", "escalation"])
        s.echo_worker(service="echo", heartbeat_interval=0.1, broker_heartbeat_interval=0.2)
        s.wait_service("echo")
        echo = s.client(timeout=self.CLIENT_TIMEOUT)
        self.assertEqual(echo.request("echo", b"ping"), [b"ping"])
        before = [self.api.ok("duban.submit", request_id="rd-%d" % i, draft=draft(i, "rd"))["code"]
                  for i in range(10)]
        self.wait_drained(10)

        s.redis.stop()  # SIGTERM: Redis writes its AOF and exits
        self.assertFalse(s.redis.alive())
        self.assert_unavailable("duban.submit", request_id="rd-outage", draft=draft(99, "rd"))
        self.assert_unavailable("duban.get", code=before[0])
        self.assert_unavailable("duban.list", limit=10)
        self.assert_unavailable("duban.queues")
        self.assert_unavailable("duban.dlq", action="list", service="assignment", limit=10)
        self.assert_unavailable("duban.assign", code=before[0], lead_unit="jyj", actor="wang")
        # A request to a worker service is refused too: it cannot be made durable.
        try:
            reply = echo.request("echo", b"ping")
        except MdpTimeout:
            self.fail_with_logs("a request to a worker service got no reply with Redis down")
        self.assertEqual(len(reply), 1, reply)
        refused = msgpack.unpackb(reply[0], raw=False)
        self.assertEqual((refused.get("ok"), refused.get("code")), (False, "UNAVAILABLE"), refused)
        # The broker's own counters need no Redis.
        self.assertIs(self.api.call("duban.stats", _timeout=self.CLIENT_TIMEOUT)["ok"], True)
        time.sleep(1.0)  # let the broker's loop spin on a dead Redis for a while
        self.assertAlive(s.broker, "with Redis down")
        self.assertAlive(s.workers[0], "with Redis down")

        s.redis.restart()  # same port and folder: the AOF brings the data back
        t0 = time.monotonic()
        last = {}

        def serving():
            try:
                last["r"] = self.api.call("duban.get", _timeout=2.0, code=before[0])
            except MdpTimeout:
                last["r"] = "timeout"
                return False
            return isinstance(last["r"], dict) and last["r"].get("ok") is True

        self.wait_for(serving, 10.0, "duban.get to succeed after Redis restarted "
                      "(last answer %r)" % last)
        sys.stderr.write("(serving again %.1f s after Redis restart) " % (time.monotonic() - t0))

        for code in before:
            self.assert_effect_once(code, states=("ASSIGNED",))
        self.assertEqual(echo.request("echo", b"ping"), [b"ping"])
        # The submit refused during the outage was never applied: a retry files it anew.
        r = self.api.ok("duban.submit", request_id="rd-outage", draft=draft(99, "rd"))
        self.assertIs(r["duplicate"], False, r)
        self.assertNotIn(r["code"], before)
        self.wait_drained(11)
        self.assert_effect_once(r["code"], states=("ASSIGNED",))
        listed = self.all_codes()
        self.assertEqual(sorted(i["code"] for i in listed["items"]), sorted(before + [r["code"]]))
        # The last assignment queues its reminder's schedule task: wait for every service.
        def all_idle():
            return all((sv["queued"], sv["inflight"], sv["dead"]) == (0, 0, 0)
                       for sv in self.api.ok("duban.queues")["services"])
        self.wait_for(all_idle, SETTLE_TIMEOUT, "every queue to drain, with no dead letter")
        self.assertGreaterEqual(self.counters().get("broker.redis_errors", 0), 1)
        self.assertAlive(s.broker)
        self.assertAlive(s.workers[0])


class DeadLetterTest(FaultTestCase):
    def test_retried_then_dead_lettered_then_replayed(self):
        # Slower heartbeats here: a worker counted lost would add an attempt of its own.
        s = self.start_tuned(tuned(broker={"max_attempts": 2, "heartbeat_interval_ms": 1000},
                                   worker={"heartbeat_interval_ms": 1000}))
        lock = threading.Lock()
        seen = []                     # (code, attempt, task_id) per REQUEST the fake got
        mode = {"answer": {"v": 1, "ok": False, "code": "UNAVAILABLE", "message": "boom"}}

        def handler(body):
            task = msgpack.unpackb(body[0], raw=False)
            with lock:
                seen.append(((task.get("suggestion") or {}).get("code"), task.get("attempt"),
                             task.get("task_id")))
                answer = mode["answer"]
            return [msgpack.packb(answer, use_bin_type=True)]

        fake = EchoWorker(s.endpoint, service="assignment", handler=handler,
                          heartbeat_interval=0.2, broker_heartbeat_interval=1.0).start()
        stopped = {"done": False}

        def stop_fake():
            if not stopped["done"]:
                stopped["done"] = True
                fake.stop()
        self.addCleanup(stop_fake)
        s.wait_service("assignment")

        def dead_entries():
            return self.api.ok("duban.dlq", action="list", service="assignment",
                               limit=50)["entries"]

        # 1. A transient error ("UNAVAILABLE") is retried, then dead-lettered after max_attempts.
        s1 = self.api.ok("duban.submit", request_id="dl-1", draft=draft(0, "dl"))["code"]
        self.wait_for(lambda: len(dead_entries()) == 1, 15, "%s to be dead-lettered" % s1)
        e1 = dead_entries()[0]
        self.assertEqual(e1["service"], "assignment")
        self.assertIn("boom", e1["reason"], e1)
        self.assertEqual(e1["attempts"], 2, e1)
        with lock:
            got1 = [x for x in seen if x[0] == s1]
        self.assertEqual([a for _, a, _ in got1], [1, 2], "deliveries of %s: %r" % (s1, got1))
        self.assertEqual({t for _, _, t in got1}, {e1["task_id"]})
        self.assertEqual(self.api.ok("duban.get", code=s1)["suggestion"]["state"], "SUBMITTED")

        # 2. A permanent error ("INVALID_ARGUMENT") is dead-lettered at once.
        with lock:
            mode["answer"] = {"v": 1, "ok": False, "code": "INVALID_ARGUMENT",
                              "message": "bad task"}
        s2 = self.api.ok("duban.submit", request_id="dl-2", draft=draft(1, "dl"))["code"]
        self.wait_for(lambda: len(dead_entries()) == 2, 15, "%s to be dead-lettered" % s2)
        e2 = [e for e in dead_entries() if e["task_id"] != e1["task_id"]][0]
        self.assertEqual(e2["attempts"], 1, e2)
        self.assertIn("bad task", e2["reason"], e2)
        time.sleep(0.5)  # a wrong retry would show up as a second delivery by now
        with lock:
            got2 = [x for x in seen if x[0] == s2]
        self.assertEqual([a for _, a, _ in got2], [1], "deliveries of %s: %r" % (s2, got2))
        st = self.service_stats()
        self.assertEqual((st["queued"], st["inflight"], st["dead"]), (0, 0, 2), st)
        c = self.counters()
        self.assertEqual(c.get("broker.dead_lettered"), 2, c)
        self.assertGreaterEqual(c.get("broker.retried", 0), 1, c)

        # 3. The fake leaves, a real worker comes, staff replay the dead letters.
        stop_fake()
        s.start_worker("assignment")
        s.wait_service("assignment")
        for e in (e1, e2):
            r = self.api.ok("duban.dlq", action="replay", service="assignment",
                            task_id=e["task_id"])
            self.assertEqual(r["replayed"], 1, r)
        for code in (s1, s2):
            self.wait_for(lambda: self.api.ok("duban.get", code=code)["suggestion"]["state"]
                          == "ASSIGNED", 15, "%s to become ASSIGNED after replay" % code)
            self.assert_effect_once(code, states=("ASSIGNED",))
        self.assertEqual(dead_entries(), [])
        again = self.api.call("duban.dlq", action="replay", service="assignment",
                              task_id=e1["task_id"])
        self.assertEqual((again.get("ok"), again.get("code")), (False, "NOT_FOUND"), again)
        st = self.service_stats()
        self.assertEqual((st["queued"], st["inflight"], st["dead"]), (0, 0, 0), st)
        self.assertEqual(fake.snapshot()["anomalies"], [])
        self.assertAlive(s.broker)


if __name__ == "__main__":
    unittest.main()
