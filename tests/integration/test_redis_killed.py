"""Redis dies for real (docs/architecture.md#guarantees-and-how-each-is-achieved, "Redis
restarted", and docs/redis-schema.md#durability: with `appendfsync always` nothing acknowledged is
lost). test_faults.py stops Redis with SIGTERM once the queues drained; here it is
SIGKILLed while tasks are leased to workers and their replies are on the way:

  - every submit the broker acknowledged is there after the restart, with its first audit entry;
  - the replies that arrived while Redis was down are lost, and their tasks come back when their
    leases expire (attempt 2), and are applied once;
  - no notice is sent twice: every inbox, read after the redeliveries settled, holds each
    suggestion's notices exactly once (one with a dedup key, one without: a double application
    would show in the second even where the dedup key hides it in the first).

The assignment service is played by independent 7/MDP workers (mdp_peers.EchoWorker) that hold
their first tasks until Redis is dead, then answer with a real assignment outcome. Small numbers:
the scenario takes about 15 s.
"""

import datetime
import threading
import time
import unittest

import msgpack

from harness import Api, EchoWorker, MdpTimeout
from test_faults import FaultTestCase, draft, tuned

SUBMITS = 8      # acknowledged before the kill
HOLDERS = 2      # fake assignment workers, each holding one task when Redis dies
LEASE_MS = 4000  # broker.lease_ms: the lost replies' tasks come back after this
UTC8 = datetime.timezone(datetime.timedelta(hours=8))


def deadline():
    d = datetime.datetime.now(UTC8).date() + datetime.timedelta(days=90)
    end = datetime.datetime(d.year, d.month, d.day, 23, 59, 59, 999000, tzinfo=UTC8)
    return {"date": d.isoformat(), "rule": "test: 90 days", "due_ms": int(end.timestamp() * 1000)}


class RedisKilledTest(FaultTestCase):
    def test_redis_killed_with_work_in_flight_loses_nothing_acknowledged(self):
        # Heartbeats of 1 s, liveness 3: a holder stays registered while it holds its task.
        s = self.start_tuned(tuned(broker={"lease_ms": LEASE_MS, "heartbeat_interval_ms": 1000},
                                   worker={"heartbeat_interval_ms": 1000}),
                             workers=["reminder"])
        lock = threading.Lock()
        release = threading.Event()
        seen = []  # (code, attempt, answered while Redis was down)
        redis_down = threading.Event()

        def handler(body):
            task = msgpack.unpackb(body[0], raw=False)
            sug = task["suggestion"]
            first = task.get("attempt") == 1 and not release.is_set()
            if first:
                release.wait(10.0)  # hold the task until Redis is dead
            with lock:
                seen.append((sug["code"], task.get("attempt"), redis_down.is_set()))
            outcome = {"v": 1, "ok": True, "expect_version": sug["version"],
                       "to_state": "ASSIGNED",
                       "units": [{"unit": "jyj", "role": "lead", "state": "ISSUED"}],
                       "deadline": deadline(), "action": "assigned",
                       "note": "attempt %s" % task.get("attempt"),
                       "notices": [
                           {"recipient": "unit:jyj", "kind": "assigned",
                            "text": "keyed %s" % sug["code"], "dedup_key": "assign:1"},
                           {"recipient": "staff", "kind": "assigned",
                            "text": "unkeyed %s" % sug["code"], "dedup_key": ""}]}
            return [msgpack.packb(outcome, use_bin_type=True)]

        holders = [EchoWorker(s.endpoint, service="assignment", handler=handler,
                              heartbeat_interval=0.2, broker_heartbeat_interval=1.0).start()
                   for _ in range(HOLDERS)]
        for h in holders:
            self.addCleanup(h.stop)
        s.wait_service("assignment")

        acked = [self.api.ok("duban.submit", request_id="rk-%d" % i, draft=draft(i, "rk"))["code"]
                 for i in range(SUBMITS)]
        self.wait_for(lambda: sum(len(h.received()) for h in holders) == HOLDERS, 10,
                      "each holder to lease one task")
        self.assertEqual(self.service_stats()["inflight"], HOLDERS)

        s.redis.kill()  # SIGKILL with two leases out and their replies not yet sent
        redis_down.set()
        self.assertFalse(s.redis.alive())
        release.set()  # the holders answer now: the broker cannot store those replies
        self.wait_for(lambda: len(seen) >= HOLDERS, 10, "the holders to answer")
        held = sorted(code for code, _, down in seen if down)
        self.assertEqual(len(held), HOLDERS, seen)
        # A submit in the outage is refused, not acknowledged: it must not appear later.
        try:
            r = self.api.call("duban.submit", _timeout=5.0, request_id="rk-outage",
                              draft=draft(99, "rk"))
        except MdpTimeout:
            self.fail_with_logs("a submit with Redis dead got no answer")
        self.assertEqual((r.get("ok"), r.get("code")), (False, "UNAVAILABLE"), r)
        time.sleep(0.5)
        self.assertAlive(s.broker, "with Redis killed")

        redis_down.clear()
        s.redis.restart()  # same port and folder: the AOF (appendfsync always) brings it back
        self.wait_for(lambda: self._serving(acked[0]), 15, "the broker to serve again")

        # Every acknowledged submit is there, once, each with its first audit entry.
        listed = self.all_codes()
        self.assertEqual(sorted(i["code"] for i in listed["items"]), sorted(acked))
        # The held tasks come back after their leases expire, and everything gets assigned once.
        self.wait_for(lambda: self.api.ok("duban.list", state="ASSIGNED", limit=1)["total"]
                      == SUBMITS, LEASE_MS / 1000 + 20, "all %d to be ASSIGNED" % SUBMITS)
        self.wait_drained(SUBMITS)
        for code in acked:
            got = self.assert_effect_once(code, states=("ASSIGNED",))
            assigned = [e for e in got["timeline"] if e["action"] == "assigned"]
            if code in held:
                self.assertEqual(assigned[0]["note"], "attempt 2",
                                 "%s: the reply lost in the outage must not be applied" % code)
        with lock:
            attempts = {c: sorted(a for cc, a, _ in seen if cc == c) for c in held}
        for code in held:
            self.assertEqual(attempts[code], [1, 2], "deliveries of %s: %r" % (code, seen))

        # No notice twice: each inbox holds each suggestion's notice exactly once.
        for recipient, prefix in (("unit:jyj", "keyed "), ("staff", "unkeyed ")):
            notices = self.api.ok("duban.inbox", recipient=recipient, limit=1000)["notices"]
            mine = sorted(n["text"] for n in notices if n["text"].startswith(prefix))
            self.assertEqual(mine, sorted(prefix + c for c in acked), recipient)
        # The refused submit was never stored: a retry files it anew.
        r = self.api.ok("duban.submit", request_id="rk-outage", draft=draft(99, "rk"))
        self.assertIs(r["duplicate"], False, r)
        self.assertNotIn(r["code"], acked)
        self.wait_for(lambda: self.api.ok("duban.get", code=r["code"])["suggestion"]["state"]
                      == "ASSIGNED", 15, "the retried submit to be assigned")
        self.assertAlive(s.broker)
        for w in s.workers:
            self.assertAlive(w, "after the Redis restart")

    def _serving(self, code):
        try:
            r = self.api.call("duban.get", _timeout=2.0, code=code)
        except MdpTimeout:
            return False
        return r.get("ok") is True


if __name__ == "__main__":
    unittest.main()
