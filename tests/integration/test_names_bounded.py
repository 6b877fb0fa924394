"""Names and buffers are bounded (issue "Nothing lost, nothing doubled, nothing silently wrong",
hole 5), through the real broker and Redis:

- a request to a service no worker has served (and not in broker.services) is refused NOT_FOUND at
  once (it used to wait in a queue of its own forever, and 10 001 such names broke duban.queues
  and slowed the reaper);
- service names are capped by broker.max_services, for READY and for requests alike;
- a request that could never be decoded once stored (1 048 564 bytes: within the frame limit,
  over the codec's once wrapped) is refused RESOURCE_EXHAUSTED at once, not dead-lettered while
  its client waits;
- a reply to a client that has gone is counted (ROUTER_MANDATORY), not dropped silently;
- one client connection is held to a request rate and a number of requests in flight.
"""

import time
import unittest

import msgpack
import zmq

from harness import MdpClient, MdpTimeout
from mdp_peers import REPLY, W_WORKER
from test_faults import FaultTestCase, tuned


def error_of(reply):
    m = msgpack.unpackb(reply[0], raw=False)
    return m.get("code"), m.get("message", "")


class NamesBoundedTest(FaultTestCase):
    def setUp(self):
        self.start_tuned(tuned(broker={"max_services": 4}))
        self.echo = self.sys.echo_worker(service="echo", heartbeat_interval=0.1,
                                         broker_heartbeat_interval=0.2)
        self.sys.wait_service("echo")
        self.ctx = zmq.Context()
        self.addCleanup(self.ctx.term)

    # Bug fixed: any client could create unbounded service names.
    def test_a_request_to_a_service_nobody_serves_is_refused_at_once(self):
        with MdpClient(self.sys.endpoint, timeout=5.0) as c:
            for i in range(20):
                code, message = error_of(c.request("nosuch-%d" % i, b"x"))
                self.assertEqual(code, "NOT_FOUND", message)
                self.assertIn("no worker serves 'nosuch-%d'" % i, message)
            self.assertEqual(c.request("echo", b"still"), [b"still"])
        names = [s["name"] for s in self.api.ok("duban.queues")["services"]]
        self.assertFalse([n for n in names if n.startswith("nosuch")], names)
        self.assertGreaterEqual(self.counters().get("broker.requests_refused", 0), 20)

    # Found in review: duban.pause added any name to the store's services, around the cap.
    def test_pausing_a_service_nobody_serves_is_refused(self):
        for i in range(10):
            got = self.api.call("duban.pause", service="made-up-%d" % i, paused=True, actor="x")
            self.assertEqual(got.get("code"), "NOT_FOUND", got)
        self.api.ok("duban.pause", service="echo", paused=True, actor="x")
        self.api.ok("duban.pause", service="echo", paused=False, actor="x")
        names = [s["name"] for s in self.api.ok("duban.queues")["services"]]
        self.assertFalse([n for n in names if n.startswith("made-up")], names)

    def test_a_service_served_before_still_queues_while_its_worker_is_away(self):
        with MdpClient(self.sys.endpoint, timeout=10.0) as c:
            self.assertEqual(c.request("echo", b"one"), [b"one"])
            self.echo.stop()
            self.sys._clients.remove(self.echo)
            self.sys.wait_service("echo", want=b"404")
            c.send("echo", b"two")  # queued durably: the name is known
            self.echo = self.sys.echo_worker(service="echo", heartbeat_interval=0.1,
                                             broker_heartbeat_interval=0.2)
            self.assertEqual(c.recv(timeout=10.0), (b"echo", [b"two"]))

    def test_service_names_are_capped(self):
        rogue = [self.ctx.socket(zmq.DEALER) for _ in range(6)]
        for i, s in enumerate(rogue):
            s.setsockopt(zmq.LINGER, 0)
            s.connect(self.sys.endpoint)
            self.addCleanup(s.close, 0)
            s.send_multipart([b"", W_WORKER, b"\x01", b"svc-%d" % i])
        time.sleep(0.5)
        for s in rogue:  # stay alive
            s.send_multipart([b"", W_WORKER, b"\x04"])
        with MdpClient(self.sys.endpoint, timeout=5.0) as c:
            served = [c.mmi_service("svc-%d" % i) for i in range(6)]
        # echo plus three more: four services in all.
        self.assertEqual(served.count(b"200"), 3, served)
        self.assertGreaterEqual(self.counters().get("broker.bad_worker_messages", 0), 3)

    # Bug fixed: a 1 048 564-byte body passed the frame limit, was stored, could not be decoded at
    # dispatch (the codec's limit is 1 MiB once the frames are wrapped), was dead-lettered as
    # corrupt, and its client never heard back.
    def test_a_request_too_big_once_stored_is_refused_at_once(self):
        with MdpClient(self.sys.endpoint, timeout=10.0) as c:
            code, message = error_of(c.request("echo", b"x" * 1048564))
            self.assertEqual(code, "RESOURCE_EXHAUSTED", message)
            self.assertEqual(c.request("echo", b"small"), [b"small"])
        q = {s["name"]: s for s in self.api.ok("duban.queues")["services"]}
        self.assertEqual(q["echo"]["dead"], 0, q)

    def test_a_reply_to_a_client_that_has_gone_is_counted(self):
        slow = self.sys.echo_worker(service="echo", delay=1.0, heartbeat_interval=0.1,
                                    broker_heartbeat_interval=0.2)
        self.echo.stop()
        self.sys._clients.remove(self.echo)
        time.sleep(0.5)
        c = MdpClient(self.sys.endpoint, timeout=5.0)
        c.send("echo", b"bye")
        self.wait_for(lambda: slow.received(), 10, "the worker to get the request")
        c.close()  # the client leaves before its answer
        self.wait_for(lambda: self.counters().get("broker.replies_undeliverable", 0) >= 1, 10,
                      "the undeliverable reply to be counted")



class ClientQuotaTest(FaultTestCase):
    def setUp(self):
        self.start_tuned(tuned(broker={"client_rate_per_s": 2, "client_burst": 5,
                                       "client_max_inflight": 2}))
        self.slow = self.sys.echo_worker(service="echo", delay=1.5, heartbeat_interval=0.1,
                                         broker_heartbeat_interval=0.2)
        self.sys.wait_service("echo")

    # Bug fixed: one client could queue requests without limit.
    def test_a_connection_is_held_to_its_rate(self):
        with MdpClient(self.sys.endpoint, timeout=5.0) as c:
            answers = [c.request("duban.stats", msgpack.packb({"v": 1})) for _ in range(8)]
        codes = [msgpack.unpackb(a[0], raw=False).get("code") for a in answers]
        self.assertEqual(codes[:5], [None] * 5, codes)  # the burst
        self.assertIn("RESOURCE_EXHAUSTED", codes[5:], codes)
        self.assertGreaterEqual(self.counters().get("broker.rate_limited", 0), 1)

    def test_a_connection_is_held_to_its_requests_in_flight(self):
        with MdpClient(self.sys.endpoint, timeout=10.0) as c:
            for i in range(3):
                c.send("echo", b"%d" % i)
            first = c.recv(timeout=5.0)  # the third is refused at once
            self.assertEqual(error_of(first[1])[0], "RESOURCE_EXHAUSTED", first)
            got = sorted(c.recv(timeout=10.0)[1][0] for _ in range(2))
            self.assertEqual(got, [b"0", b"1"])
            time.sleep(1.0)  # a token again; the two answered free their places
            self.assertEqual(c.request("echo", b"again", timeout=10.0), [b"again"])

    # Bug fixed: only clients had a rate; a peer that was no registered worker could send READYs
    # and forged REPLYs (each one a Redis look-up) as fast as its socket allowed.
    def test_a_peer_that_is_no_worker_is_held_to_the_rate(self):
        before = self.counters().get("broker.rate_limited", 0)
        ctx = zmq.Context()
        try:
            s = ctx.socket(zmq.DEALER)
            s.setsockopt(zmq.LINGER, 0)
            s.connect(self.sys.endpoint)
            address = b"t|echo|000000000001|" + b"ab" * 16
            for _ in range(40):
                s.send_multipart([b"", W_WORKER, REPLY, address, b"", b"forged"])
            self.wait_for(lambda: self.counters().get("broker.rate_limited", 0) - before >= 30,
                          10, "the forged replies over the burst to be refused")
            s.close(0)
        finally:
            ctx.term()
        # The echo worker, a registered one, is not held to it: it still answers.
        with MdpClient(self.sys.endpoint, timeout=10.0) as c:
            self.assertEqual(c.request("echo", b"still", timeout=10.0), [b"still"])


if __name__ == "__main__":
    unittest.main()
