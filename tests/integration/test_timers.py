"""Timers survive the broker: they fire in order after a broker restart, and a timer that fell due
while the broker was down fires exactly once when it comes back (never early, never twice).

The timers are set the way every role sets them: in an outcome. A Python 7/MDP worker plays the
assignment role and answers the suggestion's assign task with an outcome carrying three timers
for the service "tick"; a second Python worker serves "tick" and records when each task arrives.
"""

import threading
import time
import unittest

import msgpack

from harness import EchoWorker, MdpClient, SystemTestCase


def now_ms():
    return int(time.time() * 1000)


class TimersTest(SystemTestCase):
    stuck_check_opt_outs = {
        "test_timers_due_while_the_broker_is_down_fire_once_in_order":
            "its suggestion only carries test timers for a service the test serves itself, and "
            "no role ever handles it: once they fired, nothing waits on it by design",
    }

    def test_timers_due_while_the_broker_is_down_fire_once_in_order(self):
        s = self.start_system(workers=())
        base = now_ms() + 3000
        plan = [("t1", base), ("t2", base + 1000), ("t3", base + 8000)]

        def assign_handler(body):
            task = msgpack.unpackb(body[0], raw=False)
            outcome = {"v": 1, "ok": True, "expect_version": task["suggestion"]["version"],
                       "to_state": "", "action": "timers_set", "note": "test timers",
                       "timers": [{"name": n, "service": "tick", "kind": "tick", "due_ms": due,
                                   "priority_ms": 0, "payload": str(due)} for n, due in plan]}
            return [msgpack.packb(outcome)]

        received = []  # (payload due ms, receipt ms)
        lock = threading.Lock()

        def tick_handler(body):
            task = msgpack.unpackb(body[0], raw=False)
            with lock:
                received.append((int(task["payload"]), now_ms()))
            return [msgpack.packb({"v": 1, "ok": True, "expect_version": -1, "to_state": "",
                                   "action": "tick"})]

        assigner = s.echo_worker(service="assignment", handler=assign_handler,
                                 heartbeat_interval=0.2)
        ticker = s.echo_worker(service="tick", handler=tick_handler, heartbeat_interval=0.2)
        del assigner, ticker  # stopped by the system's close()
        with MdpClient(s.endpoint, timeout=5.0) as c:
            draft = {"title": "定时器", "content": "timer test", "category": "",
                     "keywords": [], "deputy": {"id": "D1", "name": "代表"}, "co_signers": [],
                     "session": "2026"}
            r = msgpack.unpackb(c.request("duban.submit", msgpack.packb(
                {"v": 1, "request_id": "timers-1", "draft": draft}))[0], raw=False)
            self.assertTrue(r["ok"], r)
            code = r["code"]

        # The outcome is applied quickly; then the broker dies before t1 and t2 fall due.
        deadline = time.time() + 10
        while time.time() < deadline:
            with MdpClient(s.endpoint, timeout=5.0) as c:
                q = msgpack.unpackb(c.request("duban.queues", msgpack.packb({"v": 1}))[0],
                                    raw=False)
            if q["timers"] >= 3:
                break
            time.sleep(0.1)
        self.assertGreaterEqual(q["timers"], 3, q)
        self.assertLess(now_ms(), plan[0][1], "set-up took too long for the scenario")
        # duban.timers, as staff see them: the three pending, by due time.
        rc, out = s.ctl("timers", code)
        self.assertEqual(rc, 0, out)
        self.assertEqual([(t["name"], t["state"], t["service"]) for t in out["timers"]],
                         [(n, "pending", "tick") for n, _ in plan], out)
        self.assertEqual([t["due_ms"] for t in out["timers"]], [due for _, due in plan], out)
        s.broker.kill9()
        while now_ms() < plan[1][1] + 1500:  # t1 and t2 fall due while nobody pumps
            time.sleep(0.1)
        s.start_broker()

        deadline = time.time() + 30
        while time.time() < deadline:
            with lock:
                if len(received) >= 3:
                    break
            time.sleep(0.1)
        time.sleep(1.0)  # a duplicate would arrive now
        with lock:
            got = list(received)
        self.assertEqual([due for due, _ in got], [due for _, due in plan],
                         "each timer fires once, in due order: %r" % got)
        for due, at in got:
            self.assertGreaterEqual(at, due, "a timer fired early: %r" % got)
        # t3 was not due during the outage: it fires on time, not at the restart.
        self.assertLess(got[2][1] - plan[2][1], 1000, got)
        # Each fired into a task of its own, done (gone) now; the text view says so.
        rc, out = s.ctl("timers", code)
        self.assertEqual(rc, 0, out)
        self.assertEqual([(t["name"], t["state"], t["task_state"]) for t in out["timers"]],
                         [(n, "fired", "") for n, _ in plan], out)
        for t in out["timers"]:
            self.assertTrue(t["task_id"].startswith("T%s.%s." % (code, t["name"])), t)
        rc, text = s.ctl("timers", code, json=False)
        self.assertEqual(rc, 0, text)
        self.assertIn("0 pending, 3 fired", text)


if __name__ == "__main__":
    unittest.main()
