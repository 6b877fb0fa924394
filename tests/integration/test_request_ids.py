"""Opaque 7/MDP requests are answered once, even across broker restarts (issue "Nothing lost,
nothing doubled, nothing silently wrong", hole 8), through the real broker and Redis.

A client names its request with Duban's request-id frames (docs/protocol.md, "Request ids of
7/MDP clients"): the body starts with b"duban.rid" and the id. Then:
- a retry while the request waits or runs attaches to it: the work runs once and the answer goes
  to the connection that asked last (after a kill -9 of the broker, the client's new connection);
- a retry after the answer gets the recorded answer, even when the first connection had gone;
- the same id for another body is refused FAILED_PRECONDITION;
- a request that becomes a dead letter is answered with an error at once, and so is its retry;
- `dubanctl call` sends ids and retries on its own.
"""

import time
import unittest

import zmq

from test_faults import FaultTestCase, tuned
from mdp_peers import DISCONNECT, W_WORKER
from test_reply_authority import RawWorker

RID = b"duban.rid"


def error_of(frames):
    """(code, message) of the broker's own error answer, or None for a worker's reply."""
    import msgpack
    if len(frames) != 1:
        return None
    try:
        m = msgpack.unpackb(frames[0], raw=False)
    except Exception:
        return None
    if isinstance(m, dict) and m.get("ok") is False:
        return m.get("code"), m.get("message")
    return None


class RequestIdTest(FaultTestCase):
    def setUp(self):
        self.start_tuned(tuned(broker={"heartbeat_interval_ms": 2500, "lease_ms": 15000,
                                       "max_attempts": 2}))
        self.ctx = zmq.Context()
        self.addCleanup(self.ctx.term)

    def worker(self, service="echo"):
        w = RawWorker(self.ctx, self.sys.endpoint, service)
        self.addCleanup(w.close)
        self.sys.wait_service(service)
        return w

    def test_a_retry_after_a_broker_kill_runs_the_work_once(self):
        w = self.worker()
        first = self.sys.client(timeout=10.0)
        first.send("echo", RID, b"job-1", b"hello")
        address, body = w.wait_request()
        self.assertEqual(body, [b"hello"], "the request-id frames are the broker's, not the worker's")
        self.sys.broker.kill9()
        self.sys.start_broker()
        # The client's retry, on a new connection, while the worker still holds the task.
        second = self.sys.client(timeout=10.0)
        second.send("echo", RID, b"job-1", b"hello")
        time.sleep(0.5)
        w.reply(address, b"hello back")
        service, got = second.recv(timeout=10.0)
        self.assertEqual((service, got), (b"echo", [b"hello back"]))
        # Nothing was queued twice: the worker never gets the request again, even after the lease.
        time.sleep(1.0)
        w.pump(wait=0.5)
        self.assertEqual(len(w.requests), 1, w.requests)
        st = self.service_stats("echo")
        self.assertEqual((st["queued"], st["inflight"], st["dead"]), (0, 0, 0), st)
        self.assertGreaterEqual(self.counters().get("broker.requests_retried", 0), 1)
        # And a third try gets the recorded answer at once.
        third = self.sys.client(timeout=5.0)
        self.assertEqual(third.request("echo", RID, b"job-1", b"hello"), [b"hello back"])
        self.assertEqual(len(w.requests), 1)

    def test_an_answer_to_a_gone_client_is_recorded_for_its_retry(self):
        w = self.worker()
        gone = self.sys.client(timeout=5.0)
        gone.send("echo", RID, b"job-2", b"ping")
        address, _ = w.wait_request()
        gone.close()
        time.sleep(0.3)
        w.reply(address, b"pong")
        self.wait_for(lambda: self.counters().get("broker.replies_undeliverable", 0) >= 1, 10,
                      "the broker to count the answer it could not deliver")
        again = self.sys.client(timeout=5.0)
        self.assertEqual(again.request("echo", RID, b"job-2", b"ping"), [b"pong"])
        w.pump(wait=0.3)
        self.assertEqual(len(w.requests), 1, "the work ran once")
        self.assertGreaterEqual(self.counters().get("broker.requests_replayed", 0), 1)

    def test_the_same_id_for_another_body_is_refused(self):
        w = self.worker()
        c = self.sys.client(timeout=5.0)
        c.send("echo", RID, b"job-3", b"a")
        address, _ = w.wait_request()
        w.reply(address, b"A")
        self.assertEqual(c.recv()[1], [b"A"])
        err = error_of(c.request("echo", RID, b"job-3", b"b"))
        self.assertIsNotNone(err)
        self.assertEqual(err[0], "FAILED_PRECONDITION", err)
        self.assertIn("job-3", err[1])
        w.pump(wait=0.3)
        self.assertEqual(len(w.requests), 1)

    def test_a_bad_request_id_is_refused_and_counted(self):
        c = self.sys.client(timeout=5.0)
        self.worker()
        for body in ([RID], [RID, b"no spaces allowed", b"x"], [RID, b"x" * 65]):
            err = error_of(c.request("echo", *body))
            self.assertIsNotNone(err, body)
            self.assertEqual(err[0], "INVALID_ARGUMENT", (body, err))
        self.assertGreaterEqual(self.counters().get("broker.bad_request_ids", 0), 3)
        self.assertEqual(self.service_stats("echo")["queued"], 0)

    def test_a_dead_lettered_request_is_answered_with_an_error(self):
        # max_attempts is 2: two workers that take the request and leave (DISCONNECT) make it a
        # dead letter. Its client, which would otherwise wait forever, is told at once.
        c = self.sys.client(timeout=15.0)
        w = self.worker()
        c.send("echo", RID, b"job-4", b"never answered")
        for attempt in range(2):
            if attempt:
                w = self.worker()
            w.wait_request()
            w.sock.send_multipart([b"", W_WORKER, DISCONNECT])
            w.close()
        service, frames = c.recv(timeout=15.0)
        err = error_of(frames)
        self.assertIsNotNone(err, frames)
        self.assertEqual(err[0], "UNAVAILABLE", err)
        self.assertIn("dead letter", err[1])
        self.assertEqual(self.service_stats("echo")["dead"], 1)
        # Its retry hears the same, without running again.
        late = self.worker()
        err2 = error_of(self.sys.client(timeout=5.0).request("echo", RID, b"job-4",
                                                             b"never answered"))
        self.assertEqual(err2, err)
        late.pump(wait=0.5)
        self.assertEqual(late.requests, [])
        self.assertGreaterEqual(self.counters().get("broker.requests_dead_lettered", 0), 1)

    def test_dubanctl_call_sends_an_id_and_the_work_runs_once(self):
        w = self.sys.echo_worker()
        self.sys.wait_service("echo")
        rc, out = self.sys.ctl("call", "echo", "hello", "world", "--request-id", "cli-1")
        self.assertEqual(rc, 0, out)
        self.assertEqual(out["frames"], ["hello", "world"])
        self.assertEqual(out["request_id"], "cli-1")
        rc, out = self.sys.ctl("call", "echo", "hello", "world", "--request-id", "cli-1")
        self.assertEqual((rc, out["frames"]), (0, ["hello", "world"]))
        self.assertEqual(len(w.requests), 1, "the second call was answered from the record")
        rc, out = self.sys.ctl("call", "echo", "other", "--request-id", "cli-1", json=False)
        self.assertEqual(rc, 1, out)
        rc, out = self.sys.ctl("call", "echo", "x", "--request-id", "bad id", json=False)
        self.assertEqual(rc, 2, out)
        rc, out = self.sys.ctl("call", "echo", "plain", json=False)  # a random id
        self.assertEqual((rc, out), (0, "plain\n"))


if __name__ == "__main__":
    unittest.main()
