"""What a worker's REPLY may change, and when a busy worker counts as dead, through the real broker
and Redis (issue "Nothing lost, nothing doubled, nothing silently wrong", holes 1 and 2).

- The stored task is the only authority: a REPLY's address is a lookup key. A worker holding an
  opaque task cannot turn its reply into an outcome for a suggestion it names, and a worker cannot
  answer a task another worker holds (it learned the address somehow).
- Only the answer to the task a worker holds frees it: a refused reply leaves it busy, so it is
  not handed a second task while it still works on the first.
- A busy worker is judged by its lease: one that works in silence for longer than the heartbeat
  liveness answers once and its client gets the answer; one that heartbeats while it works keeps
  its lease beyond lease_ms.
"""

import time
import unittest

import msgpack
import zmq

from harness import MdpTimeout
from mdp_peers import DISCONNECT, HEARTBEAT, REPLY, REQUEST, W_WORKER
from test_faults import FaultTestCase, tuned


class RawWorker:
    """A 7/MDP worker driven step by step from the test thread: READY, then whatever the test
    sends. It records every REQUEST (address, body) it receives."""

    def __init__(self, ctx, endpoint, service):
        self.sock = ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(endpoint)
        self.sock.send_multipart([b"", W_WORKER, b"\x01", service.encode()])
        self.requests = []
        self.disconnects = 0
        self.answered = 0
        self._next_heartbeat = time.monotonic() + 0.2

    def pump(self, wait=0.0):
        """Reads what the broker sent (up to `wait` seconds for the first message); heartbeats
        while idle, never while it holds a task (the test decides that)."""
        if self.answered == len(self.requests) and time.monotonic() >= self._next_heartbeat:
            self.heartbeat()
            self._next_heartbeat = time.monotonic() + 0.2
        if wait and not self.sock.poll(int(wait * 1000), zmq.POLLIN):
            return
        while self.sock.poll(0, zmq.POLLIN):
            f = self.sock.recv_multipart()
            if len(f) >= 5 and f[1] == W_WORKER and f[2] == REQUEST:
                self.requests.append((f[3], f[5:]))
            elif len(f) >= 3 and f[2] == DISCONNECT:
                self.disconnects += 1

    def wait_request(self, n=1, timeout=10.0):
        deadline = time.monotonic() + timeout
        while len(self.requests) < n and time.monotonic() < deadline:
            self.pump(wait=0.05)
        if len(self.requests) < n:
            raise AssertionError("worker got %d request(s), not %d" % (len(self.requests), n))
        return self.requests[n - 1]

    def reply(self, address, *body, real=True):
        self.sock.send_multipart([b"", W_WORKER, REPLY, address, b""] + list(body))
        if real:
            self.answered += 1

    def heartbeat(self):
        self.sock.send_multipart([b"", W_WORKER, HEARTBEAT])

    def close(self):
        self.sock.close(0)


def outcome_moving_to(state, version):
    """An Outcome reply (docs/protocol.md, role tasks) as a hostile worker would forge it: the
    suggestion at `version` moves to `state` (SUBMITTED -> IN_REVIEW is an allowed change)."""
    return msgpack.packb({"v": 1, "ok": True, "expect_version": version, "to_state": state,
                          "action": "forged", "note": "forged"})


class ReplyAuthorityTest(FaultTestCase):
    def setUp(self):
        # Slow heartbeats and long leases: the raw workers need not heartbeat during the story.
        self.start_tuned(tuned(broker={"heartbeat_interval_ms": 2500, "lease_ms": 15000}))
        self.ctx = zmq.Context()
        self.addCleanup(self.ctx.term)

    def worker(self, service):
        w = RawWorker(self.ctx, self.sys.endpoint, service)
        self.addCleanup(w.close)
        self.sys.wait_service(service)
        return w

    def suggestion(self):
        """A suggestion left SUBMITTED (no assignment worker runs): code and its stored view."""
        code = self.api.ok("duban.submit", request_id="ra-1", draft={
            "title": "关于增设社区养老服务站的建议", "content": "正文", "category": "民政",
            "keywords": ["养老"], "deputy": {"id": "D0001", "name": "测试代表", "contact": ""},
            "co_signers": [], "session": "2026"})["code"]
        return code, self.api.ok("duban.get", code=code)

    def assert_unchanged(self, code, before):
        after = self.api.ok("duban.get", code=code)
        self.assertEqual(after["suggestion"]["state"], before["suggestion"]["state"])
        self.assertEqual(after["suggestion"]["version"], before["suggestion"]["version"])
        self.assertEqual(after["timeline"], before["timeline"])

    # Bug fixed: the address of a REPLY said "role task for suggestion CODE" and the broker
    # applied the body as an outcome to CODE after checking only the lease's fence.
    def test_an_opaque_worker_cannot_change_a_suggestion(self):
        code, before = self.suggestion()
        w = self.worker("echo")
        client = self.sys.client(timeout=15.0)
        client.send("echo", b"ping")
        address, body = w.wait_request()
        self.assertTrue(address.startswith(b"t|echo|"), address)
        parts = address.split(b"|")
        forged_addresses = [
            b"r|echo|%s|%s|%s" % (parts[2], parts[3], code.encode()),  # the old role format
            b"r|assignment|%s|%s|%s" % (parts[2], parts[3], code.encode()),
            b"t|assignment|%s|%s" % (parts[2], parts[3]),
        ]
        forged = outcome_moving_to("IN_REVIEW", before["suggestion"]["version"])
        for a in forged_addresses:
            w.reply(a, forged, real=False)
        time.sleep(0.5)
        self.assert_unchanged(code, before)
        with self.assertRaises(MdpTimeout):
            client.recv(timeout=0.3)
        # The real answer still goes through, once, unchanged: it is opaque, whatever it holds.
        w.reply(address, forged)
        service, got = client.recv(timeout=10.0)
        self.assertEqual(service, b"echo")
        self.assertEqual(got, [forged])
        self.assert_unchanged(code, before)
        c = self.counters()
        self.assertGreaterEqual(c.get("broker.bad_replies", 0), len(forged_addresses), c)

    # Bug fixed: any REPLY freed the worker that sent it, so a worker answering another worker's
    # task was handed new work while still busy, and the broker forgot the task it held.
    def test_a_worker_cannot_answer_a_task_it_does_not_hold(self):
        w1, w2 = self.worker("echo"), self.worker("echo")
        c1, c2, c3 = (self.sys.client(timeout=15.0) for _ in range(3))
        c1.send("echo", b"one")
        c2.send("echo", b"two")
        deadline = time.monotonic() + 10
        while len(w1.requests) + len(w2.requests) < 2 and time.monotonic() < deadline:
            w1.pump(0.05)
            w2.pump(0.05)
        self.assertEqual((len(w1.requests), len(w2.requests)), (1, 1))
        (mine, my_body), (theirs, their_body) = w1.requests[0], w2.requests[0]
        # w1 answers w2's task: refused; w2's client hears nothing forged; w1 stays busy.
        w1.reply(theirs, b"forged", real=False)
        c3.send("echo", b"three")
        time.sleep(0.8)
        w1.pump()
        w2.pump()
        self.assertEqual(len(w1.requests), 1, "w1 was given a second task while still busy")
        self.assertEqual(len(w2.requests), 1)
        for c in (c1, c2):
            with self.assertRaises(MdpTimeout):
                c.recv(timeout=0.1)
        # The real answers: each client gets its own, once; then the third request is served.
        w2.reply(theirs, b"real-" + their_body[0])
        w1.reply(mine, b"real-" + my_body[0])
        self.assertEqual(c1.recv(timeout=10.0), (b"echo", [b"real-one"]))
        self.assertEqual(c2.recv(timeout=10.0), (b"echo", [b"real-two"]))
        deadline = time.monotonic() + 10
        while len(w1.requests) + len(w2.requests) < 3 and time.monotonic() < deadline:
            w1.pump(0.05)
            w2.pump(0.05)
        third = [r for w in (w1, w2) for r in w.requests if r[1] == [b"three"]]
        self.assertEqual(len(third), 1)
        self.assertGreaterEqual(self.counters().get("broker.bad_replies", 0), 1)


class BusyWorkerTest(FaultTestCase):
    """Heartbeats every second, liveness 3: a silent idle worker is dead after 3 s."""

    def setUp(self):
        self.ctx = zmq.Context()
        self.addCleanup(self.ctx.term)

    def raw_worker_with_a_spare(self):
        """Leases of 4 s; a raw worker (registered first, so it gets the task) and an echo worker
        that would get the task if it came back; one request sent. Returns (raw, spare, client)."""
        self.start_tuned(tuned(broker={"heartbeat_interval_ms": 1000, "lease_ms": 4000}))
        w = RawWorker(self.ctx, self.sys.endpoint, "slow")
        self.addCleanup(w.close)
        self.sys.wait_service("slow")
        spare = self.sys.echo_worker(service="slow", heartbeat_interval=0.2,
                                     broker_heartbeat_interval=1.0)
        self.sys.wait_service("slow")
        client = self.sys.client(timeout=30.0)
        client.send("slow", b"work")
        return w, spare, client

    # Bug fixed: a busy worker was purged after heartbeat liveness and its task redelivered; a
    # task longer than that ran max_attempts times and its client never heard back.
    def test_a_silent_busy_worker_answers_once_and_its_client_gets_the_answer(self):
        self.start_tuned(tuned(broker={"heartbeat_interval_ms": 1000, "lease_ms": 15000}))
        slow = self.sys.echo_worker(service="slow", delay=12.0, heartbeat_interval=0.2,
                                    broker_heartbeat_interval=1.0, liveness=100)
        self.sys.wait_service("slow")
        spare = self.sys.echo_worker(service="slow", heartbeat_interval=0.2,
                                     broker_heartbeat_interval=1.0)
        self.sys.wait_service("slow")
        client = self.sys.client(timeout=30.0)
        # Goes to the longest-idle worker: the slow one registered first.
        client.send("slow", b"long work")
        service, body = client.recv(timeout=30.0)
        self.assertEqual((service, body), (b"slow", [b"long work"]))
        self.assertEqual(slow.snapshot()["requests"], 1)
        self.assertEqual(spare.snapshot()["requests"], 0, "the task was redelivered")
        with self.assertRaises(MdpTimeout):
            client.recv(timeout=0.5)
        q = {s["name"]: s for s in self.api.ok("duban.queues")["services"]}
        self.assertEqual(q["slow"]["dead"], 0, q)
        c = self.counters()
        self.assertEqual(c.get("broker.redelivered", 0) + c.get("broker.leases_expired", 0), 0, c)

    def test_a_worker_that_heartbeats_while_busy_keeps_its_lease(self):
        w, spare, client = self.raw_worker_with_a_spare()
        address, body = w.wait_request()
        # Over two lease periods of work, heartbeating every 200 ms as the runtime does.
        end = time.monotonic() + 9.0
        while time.monotonic() < end:
            w.heartbeat()
            w.pump(wait=0.2)
        w.reply(address, b"done")
        self.assertEqual(client.recv(timeout=10.0), (b"slow", [b"done"]))
        self.assertEqual(spare.snapshot()["requests"], 0, "the lease ran out and was redelivered")
        self.assertEqual(len(w.requests), 1)
        self.assertGreaterEqual(self.counters().get("broker.leases_extended", 0), 2)

    def test_a_busy_worker_that_goes_silent_loses_its_task_when_its_lease_ends(self):
        w, spare, client = self.raw_worker_with_a_spare()
        w.wait_request()
        # Silent from now on: after the lease (4 s) the task goes to the spare worker.
        self.assertEqual(client.recv(timeout=15.0), (b"slow", [b"work"]))
        self.assertEqual(spare.snapshot()["requests"], 1)


if __name__ == "__main__":
    unittest.main()
