"""Bad input against the broker's ROUTER socket: frames that are not 7/MDP v0.1, illegal commands,
oversized and malformed bodies, forged replies. The broker must stay up and keep serving; for a
client error to one of its own duban.* services it answers with an error map
{"v":1, "ok":false, "code":..., "message":...}. For garbage that RFC 7 gives no error reply for,
we only check that the broker survives and still serves a normal echo round trip.
"""

import random
import sys
import time
import unittest

import msgpack
import zmq

from harness import MdpClient, MdpTimeout, SystemTestCase
from mdp_peers import DISCONNECT, REQUEST, W_WORKER, _short

SETTLE = 0.3  # seconds for the broker to take in what was just sent


class BadFramesTest(SystemTestCase):
    def setUp(self):
        self.sys = self.start_system()
        self.worker = self.sys.echo_worker(service="echo")
        self.sys.wait_service("echo")
        self.ctx = zmq.Context()
        self.addCleanup(self.ctx.term)
        self.rounds = 0

    # ---- helpers ---------------------------------------------------------------------------
    def raw(self, identity=None):
        """A raw DEALER to the broker, closed after the test."""
        s = self.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        if identity is not None:
            s.setsockopt(zmq.IDENTITY, identity)
        s.connect(self.sys.endpoint)
        self.addCleanup(s.close, 0)
        return s

    def drain(self, sock, wait=0.0, limit=1000):
        """Every message waiting on sock (after up to `wait` seconds for the first one)."""
        out = []
        if wait and not sock.poll(int(wait * 1000), zmq.POLLIN):
            return out
        while len(out) < limit and sock.poll(0, zmq.POLLIN):
            out.append(sock.recv_multipart())
        return out

    def assert_still_serving(self, after):
        """The broker process is up and a normal echo round trip still works."""
        time.sleep(SETTLE)
        if not self.sys.broker.alive():
            self.fail("broker died after %s: %s" % (after, self.sys.broker.describe()))
        self.rounds += 1
        body = [b"still-serving", b"%d" % self.rounds, b"", b"\x00\xff"]
        with MdpClient(self.sys.endpoint, timeout=10.0) as c:
            try:
                reply = c.request("echo", *body)
            except AssertionError as e:
                self.fail("after %s the echo round trip failed: %s\n%s"
                          % (after, e, self.sys.describe()))
        self.assertEqual(reply, body, "echo after %s" % after)
        snap = self.worker.snapshot()
        self.assertEqual(snap["anomalies"], [],
                         "after %s the broker sent non-MDP frames to the worker" % after)
        self.assertIsNone(snap["error"])
        self.assertAlive(self.sys.broker, "after " + after)

    def assert_error_map(self, service, body, timeout=10.0):
        """Sends a client request to a duban.* service and checks the reply is one msgpack map
        {"v":1, "ok":false, "code":<non-empty str>, "message":<str>}. Returns the map."""
        with MdpClient(self.sys.endpoint, timeout=timeout) as c:
            try:
                reply = c.request(service, *body)
            except MdpTimeout:
                self.fail("no reply to a bad request to %s (body %s) within %.0f s: the broker "
                          "must answer client errors with an error map\n%s"
                          % (service, _short(body), timeout, self.sys.broker.describe()))
        self.assertEqual(len(reply), 1, "error reply should be one frame: %s" % _short(reply))
        try:
            m = msgpack.unpackb(reply[0], raw=False)
        except Exception as e:
            self.fail("error reply to %s is not msgpack (%s): %r" % (service, e, reply[0][:200]))
        self.assertIsInstance(m, dict, "error reply is not a map: %r" % (m,))
        self.assertIs(m.get("ok"), False, "bad request to %s got %r" % (service, m))
        self.assertEqual(m.get("v"), 1, "error reply version: %r" % (m,))
        self.assertIsInstance(m.get("code"), str, "error reply has no code: %r" % (m,))
        self.assertTrue(m["code"], "error reply has an empty code: %r" % (m,))
        self.assertIsInstance(m.get("message"), str, "error reply has no message: %r" % (m,))
        return m

    # ---- garbage frames (no reply defined by RFC 7) -----------------------------------------
    def test_single_frame(self):
        self.raw().send_multipart([b"hello"])
        self.assert_still_serving("a single frame 'hello'")

    def test_unknown_header(self):
        self.raw().send_multipart([b"", b"XXXX01", b"svc"])
        self.assert_still_serving('["", "XXXX01", "svc"]')

    def test_client_without_service(self):
        self.raw().send_multipart([b"", b"MDPC01"])
        self.assert_still_serving('["", "MDPC01"] (no service frame)')

    def test_missing_delimiter(self):
        s = self.raw()
        s.send_multipart([b"MDPC01", b"echo", b"x"])
        s.send_multipart([b"MDPW01", b"\x01", b"echo"])
        self.assert_still_serving("messages without the empty delimiter frame")

    def test_unknown_worker_command(self):
        s = self.raw()
        s.send_multipart([b"", b"MDPW01", b"\x09"])
        s.send_multipart([b"", b"MDPW01"])            # no command at all
        s.send_multipart([b"", b"MDPW01", b""])       # empty command
        s.send_multipart([b"", b"MDPW01", b"\x01\x01", b"echo"])  # two-byte command
        self.assert_still_serving('["", "MDPW01", "\\x09"] and other bad commands')

    def test_request_from_worker_is_illegal(self):
        s = self.raw()
        s.send_multipart([b"", b"MDPW01", REQUEST, b"x"])
        s.send_multipart([b"", b"MDPW01", REQUEST, b"x", b"", b"body"])
        self.assert_still_serving('["", "MDPW01", REQUEST, "x"] sent by a worker')
        for frames in self.drain(s, wait=0.2):
            self.assertNotEqual(frames[2:3], [REQUEST],
                                "broker echoed a REQUEST back: %s" % _short(frames))

    def test_ready_without_service(self):
        self.raw().send_multipart([b"", b"MDPW01", b"\x01"])
        self.assert_still_serving('READY without a service frame')

    def test_random_frames(self):
        rng = random.Random(7071)  # fixed seed: a failure can be replayed
        socks = [self.raw() for _ in range(4)]
        prefixes = [[], [b""], [b"", b"MDPC01"], [b"", b"MDPW01"]]
        for i in range(400):
            frames = list(rng.choice(prefixes))
            if frames[-1:] == [b"MDPW01"] and rng.random() < 0.7:
                frames.append(bytes([rng.randrange(0, 8)]))
            for _ in range(rng.randrange(0, 12)):
                frames.append(rng.randbytes(rng.randrange(0, 96)))
            if not frames:
                frames = [rng.randbytes(rng.randrange(1, 32))]
            socks[i % len(socks)].send_multipart(frames)
        socks[0].send_multipart([b""] * 5000)                         # very many frames
        socks[1].send_multipart([b"", b"MDPC01", b"echo\x00"] + [b"z"] * 2000)
        self.assert_still_serving("400 messages of random frames (seed 7071)")

    def test_reply_from_worker_that_never_sent_ready(self):
        # RFC 7/MDP: a worker command from a peer that is not a registered worker is a protocol
        # error, answered with DISCONNECT. Each step is checked on its own, so the DISCONNECT of
        # one cannot stand in for the missing DISCONNECT of another.
        rogue = self.raw()
        steps = [
            ("REPLY to a made-up client", [b"", W_WORKER, b"\x03", b"no-such-client", b"",
                                           b"forged"], True),
            ("REPLY without an address (malformed: dropped)", [b"", W_WORKER, b"\x03"], False),
            ("HEARTBEAT, never READY", [b"", W_WORKER, b"\x04"], True),
        ]
        for what, frames, want_disconnect in steps:
            rogue.send_multipart(frames)
            got = self.drain(rogue, wait=2.0 if want_disconnect else 0.5)
            for f in got:
                self.assertNotEqual(f[2:3], [REQUEST], "broker sent a REQUEST to an "
                                    "unregistered peer after %s: %s" % (what, _short(f)))
            disconnects = [f for f in got if f == [b"", W_WORKER, DISCONNECT]]
            self.assertEqual(len(disconnects), 1 if want_disconnect else 0,
                             "after %s: %r" % (what, [_short(f) for f in got]))
            self.assertEqual(len(got), len(disconnects),
                             "after %s, only a DISCONNECT: %r" % (what, [_short(f) for f in got]))
        self.assert_still_serving("a REPLY from a peer that never sent READY")

    def test_forged_reply_does_not_reach_a_waiting_client(self):
        """Peers that never sent READY reply to a real in-flight request with a tampered copy of
        its address frame (last byte changed, truncated, extended, made up): the client must get
        the real worker's answer, once, and nothing forged."""
        slow = self.sys.echo_worker(service="slow", delay=1.5)
        self.sys.wait_service("slow")
        client = self.sys.client(timeout=15.0)
        client.send("slow", b"real")
        self.wait_until(lambda: slow.received(), 10.0, "the slow worker to get the request")
        address = slow.received()[0][0]
        forged = [
            address[:-1] + bytes([address[-1] ^ 0x01]),
            address[:-1],
            address + b"0",
            b"",
            b"no-such-client",
        ]
        rogue = self.raw()
        for i, a in enumerate(forged):
            rogue.send_multipart([b"", W_WORKER, b"\x03", a, b"", b"forged-%d" % i])
        service, body = client.recv(timeout=15.0)
        self.assertEqual((service, body), (b"slow", [b"real"]),
                         "client got a reply forged by an unregistered peer (real address %r)"
                         % address)
        try:
            extra = client.recv(timeout=0.5)
            self.fail("client got a second reply: %r" % (extra,))
        except MdpTimeout:
            pass
        self.assert_still_serving("forged REPLYs")

    def test_worker_cannot_register_broker_services(self):
        """RFC 8: the broker handles mmi.* itself; duban.* is the broker's own API. A worker
        READY for those names must not capture their requests."""
        rogue = self.raw()
        for name in (b"mmi.service", b"mmi.other", b"duban.get", b"duban.submit"):
            rogue.send_multipart([b"", W_WORKER, b"\x01", name])
        time.sleep(SETTLE)
        with MdpClient(self.sys.endpoint, timeout=10.0) as c:
            self.assertEqual(c.mmi_service("echo"), b"200")
            self.assertEqual(c.request("mmi.other", "x"), [b"501"])
        self.assert_error_map("duban.get", [b"\xc1"])
        for frames in self.drain(rogue, wait=0.3):
            self.assertNotEqual(frames[2:3], [REQUEST],
                                "a worker registered for a broker service got a REQUEST: %s"
                                % _short(frames))
        self.assert_still_serving("READY for mmi.* and duban.* services")

    # ---- client errors to duban.* services: an error map -------------------------------------
    def test_oversized_submit(self):
        """A 2 MiB body to duban.submit (the limit is 1 MiB per body frame)."""
        body = msgpack.packb({"v": 1, "request_id": "big-1",
                              "draft": {"title": "t", "content": "x" * (2 << 20)}})
        self.assertGreater(len(body), 2 << 20)
        self.assert_error_map("duban.submit", [body], timeout=15.0)
        self.assert_still_serving("a 2 MiB body to duban.submit")

    def test_oversized_raw_submit(self):
        """2 MiB of zero bytes (not even msgpack) to duban.submit."""
        self.assert_error_map("duban.submit", [b"\x00" * (2 << 20)], timeout=15.0)
        self.assert_still_serving("2 MiB of zeros to duban.submit")

    def test_invalid_msgpack_to_get(self):
        m = self.assert_error_map("duban.get", [b"\xc1"])
        self.assertIn(m["code"], ("PROTOCOL_ERROR", "INVALID_ARGUMENT"), m)
        self.assert_still_serving("duban.get with body 0xc1")

    def test_malformed_duban_requests(self):
        cases = {
            "no body frame": ("duban.get", []),
            "empty body": ("duban.get", [b""]),
            "two body frames": ("duban.get", [msgpack.packb({"v": 1, "code": "S1"}), b"x"]),
            "truncated map": ("duban.get", [msgpack.packb({"v": 1, "code": "S1"})[:-2]]),
            "trailing bytes": ("duban.get", [msgpack.packb({"v": 1, "code": "S1"}) + b"\x00"]),
            "array not map": ("duban.get", [msgpack.packb([1, "S1"])]),
            "int not map": ("duban.get", [msgpack.packb(42)]),
            "huge declared map": ("duban.get", [b"\xdf\xff\xff\xff\xff"]),
            "huge declared str": ("duban.get", [b"\x81\xa4code\xdb\xff\xff\xff\xf0"]),
            "deep nesting": ("duban.get", [b"\x91" * 5000 + b"\x00"]),
            "wrong field type": ("duban.get", [msgpack.packb({"v": 1, "code": 12})]),
            "unknown field": ("duban.get", [msgpack.packb({"v": 1, "code": "S1", "zz": 1})]),
            "wrong version": ("duban.get", [msgpack.packb({"v": 99, "code": "S1"})]),
            "missing version": ("duban.get", [msgpack.packb({"code": "S1"})]),
            "missing field": ("duban.get", [msgpack.packb({"v": 1})]),
            "no such suggestion": ("duban.get", [msgpack.packb({"v": 1, "code": "S1999-99999"})]),
            "unknown command": ("duban.nosuch", [msgpack.packb({"v": 1})]),
            "submit without draft": ("duban.submit", [msgpack.packb({"v": 1, "request_id": "r"})]),
        }
        for what, (service, body) in cases.items():
            with self.subTest(what=what):
                self.assert_error_map(service, body)
        self.assert_still_serving("malformed duban.* requests")


if __name__ == "__main__":
    unittest.main()
