"""Audit tools through the real broker, Redis and workers (issue 4, items 6 and 7).

- The audit chain (docs/redis-schema.md, "The audit chain"): `dubanctl verify` finds an intact
  trail intact, and finds an entry changed by hand (LSET) or removed (LREM, RPOP) at its index.
- The invariant checker: `dubanctl check` reports nothing in a healthy system, and reports a
  suggestion whose only task was lost (deleted from Redis) and one whose task is a dead letter.

Redis is edited with a tiny RESP client (audit entries are binary msgpack, which redis-cli's
arguments cannot carry); keys start with `{duban}`, the hash tag of the default name `duban` of config/duban.toml.
"""

import socket
import unittest
import uuid

import msgpack

from harness import Api, SystemTestCase

PREFIX = "{duban}"
SETTLE_TIMEOUT = 20.0  # seconds for the workers to catch up


class Resp:
    """A minimal Redis client speaking RESP2 over one socket, for binary-safe edits."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = b""

    def close(self):
        self.sock.close()

    def call(self, *args):
        parts = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(parts))
        return self._read()

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise AssertionError("redis closed the connection")
        self.buf += chunk

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _read(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise AssertionError("redis error: " + rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self.buf) < n + 2:
                self._fill()
            data, self.buf = self.buf[:n], self.buf[n + 2:]
            return data
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._read() for _ in range(n)]
        raise AssertionError("unexpected RESP reply %r" % line)


def draft(title, category="教育"):
    return {"title": title, "content": "建议新建小区配套幼儿园同步交付。", "category": category,
            "keywords": [], "deputy": {"id": "D9101", "name": "测试代表", "contact": ""},
            "co_signers": [], "session": "2026"}


class AuditTestBase(SystemTestCase):
    def start(self, workers):
        self.sys = self.start_system(workers=workers)
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.redis = Resp(self.sys.redis.port)
        self.addCleanup(self.redis.close)

    def submit(self, title, category="教育"):
        r = self.api.ok("duban.submit", request_id=uuid.uuid4().hex, draft=draft(title, category))
        return r["code"]

    def timeline(self, code):
        return self.api.ok("duban.get", code=code)["timeline"]

    def submit_scheduled(self, n):
        """n suggestions routed by rule, each with its reminders scheduled (pending timers)."""
        codes = [self.submit("关于幼儿园学位的建议 %d" % i) for i in range(n)]
        for code in codes:
            self.wait_until(lambda: "reminders_scheduled" in
                            [e["action"] for e in self.timeline(code)],
                            SETTLE_TIMEOUT, "%s to have its reminders scheduled" % code)
        return codes

    def audit_key(self, code):
        return "%s:a:{%s}" % (PREFIX, code)


class VerifyTest(AuditTestBase):
    def verify(self, *args):
        return self.sys.ctl("verify", *args)

    def test_intact_then_a_changed_entry_is_found_at_its_index(self):
        self.start(["assignment", "reminder"])
        codes = self.submit_scheduled(3)
        for code in codes:
            rc, out = self.verify(code)
            self.assertEqual(rc, 0, out)
            self.assertEqual(out["results"][0]["ok"], True, out)
            self.assertGreaterEqual(out["results"][0]["entries"], 3, out)
        timeline = self.timeline(codes[0])
        self.assertEqual(len(timeline[0]["prev"]), 40, timeline[0])
        rc, out = self.verify("--all")
        self.assertEqual((rc, out["failed"], out["checked"]), (0, 0, 3), out)

        # Rewrite the note of entry 1 of the second suggestion, as someone with redis-cli could.
        key = self.audit_key(codes[1])
        entry = msgpack.unpackb(self.redis.call("LINDEX", key, 1), raw=False)
        entry["note"] = "rewritten by hand"
        self.assertEqual(self.redis.call("LSET", key, 1, msgpack.packb(entry, use_bin_type=True)),
                         "OK")

        rc, out = self.verify(codes[1])
        self.assertEqual(rc, 1, out)
        got = out["results"][0]
        self.assertEqual((got["ok"], got["bad_index"], got["problem"]),
                         (False, 1, "entry_changed"), got)
        rc, text = self.sys.ctl("verify", codes[1], json=False)
        self.assertEqual(rc, 1, text)
        self.assertIn("FAILED at entry 1 (entry_changed)", text)

        rc, out = self.verify("--all", "--page-size", "2")  # two pages
        self.assertEqual(rc, 1, out)
        self.assertEqual((out["checked"], out["failed"]), (3, 1), out)
        self.assertEqual(out["results"][0]["code"], codes[1], out)
        # The others are untouched.
        self.assertEqual(self.verify(codes[0])[0], 0)
        self.assertEqual(self.verify(codes[2])[0], 0)

    def test_removed_entries_are_found(self):
        self.start(["assignment", "reminder"])
        middle, last = self.submit_scheduled(2)

        key = self.audit_key(middle)
        self.redis.call("LSET", key, 1, "__removed__")
        self.assertEqual(self.redis.call("LREM", key, 1, "__removed__"), 1)
        rc, out = self.verify(middle)
        self.assertEqual(rc, 1, out)
        got = out["results"][0]
        self.assertEqual((got["ok"], got["bad_index"], got["problem"]),
                         (False, 1, "entry_missing"), got)

        key = self.audit_key(last)
        n = self.redis.call("LLEN", key)
        self.redis.call("RPOP", key)
        rc, out = self.verify(last)
        self.assertEqual(rc, 1, out)
        got = out["results"][0]
        self.assertEqual((got["bad_index"], got["problem"]), (n - 1, "entry_missing"), got)

    def test_bad_requests_get_clear_errors(self):
        self.start([])
        r = self.api.call("duban.verify")
        self.assertEqual((r["ok"], r["code"]), (False, "INVALID_ARGUMENT"), r)
        r = self.api.call("duban.verify", code="S2026-99999")
        self.assertEqual((r["ok"], r["code"]), (False, "NOT_FOUND"), r)
        r = self.api.call("duban.check", limit=0)
        self.assertEqual((r["ok"], r["code"]), (False, "INVALID_ARGUMENT"), r)
        rc, _ = self.sys.ctl("verify", json=False)
        self.assertEqual(rc, 2)


class CheckTest(AuditTestBase):
    # These scenarios lose a task and dead-letter one on purpose: the end-of-test check would
    # (rightly) report them, so each test checks what it expects itself.
    stuck_check_opt_outs = {
        "test_a_lost_task_is_reported": "deletes the assign task on purpose; the test checks "
                                        "that dubanctl check reports it",
        "test_a_dead_lettered_task_is_reported_as_such": "dead-letters the assign task on "
                                                         "purpose; the test checks the report",
    }

    def test_healthy_system_reports_nothing_stuck(self):
        self.start(["assignment", "reminder"])
        self.submit_scheduled(2)
        rc, out = self.sys.ctl("check")
        self.assertEqual(rc, 0, out)
        self.assertEqual(out["stuck"], [], out)
        self.assertEqual(out["checked"], 2, out)
        self.assert_nothing_stuck(self.sys)

    def test_a_lost_task_is_reported(self):
        self.start([])  # no assignment worker: the assign task stays queued
        code = self.submit("关于幼儿园学位的建议")
        self.assert_nothing_stuck(self.sys)  # its task is queued: it waits on that

        queue = "%s:q:{assignment}" % PREFIX
        lost = 0
        for tid in self.redis.call("ZRANGE", queue, 0, -1):
            tkey = "%s:t:{assignment}:%s" % (PREFIX, tid.decode())
            if self.redis.call("HGET", tkey, "code") == code.encode():
                self.redis.call("ZREM", queue, tid)
                self.redis.call("DEL", tkey)
                lost += 1
        self.assertEqual(lost, 1)

        rc, out = self.sys.ctl("check")
        self.assertEqual(rc, 1, out)
        self.assertEqual(len(out["stuck"]), 1, out)
        got = out["stuck"][0]
        self.assertEqual((got["code"], got["state"], got["last_action"], got["why"]),
                         (code, "SUBMITTED", "submitted", "no task, no timer"), got)
        rc, text = self.sys.check_stuck()
        self.assertEqual(rc, 1, text)
        self.assertIn(code, text)
        self.assertIn("1 stuck", text)

    def test_a_dead_lettered_task_is_reported_as_such(self):
        self.start([])
        # A worker that echoes the task back: the broker cannot read that as an outcome, so the
        # task is a dead letter at once (a permanent error).
        self.sys.echo_worker(service="assignment")
        self.sys.wait_service("assignment")
        code = self.submit("关于幼儿园学位的建议")

        def dead():
            r = self.api.ok("duban.dlq", action="list", service="assignment")
            return len(r["entries"]) == 1
        self.wait_until(dead, SETTLE_TIMEOUT, "the assign task to be dead-lettered")

        rc, out = self.sys.ctl("check")
        self.assertEqual(rc, 1, out)
        self.assertEqual(len(out["stuck"]), 1, out)
        got = out["stuck"][0]
        self.assertEqual((got["code"], got["state"], got["dead_service"]),
                         (code, "SUBMITTED", "assignment"), got)
        self.assertTrue(got["why"].startswith("dead letter: "), got)


if __name__ == "__main__":
    unittest.main()
