"""Notices reach a unit's webhook: an HTTP POST of JSON with an Idempotency-Key, retried with
backoff while the receiver fails, delivered once it answers 2xx, and dead-lettered with the reason
after the attempt limit. The receiver is a real local HTTP server that this test starts."""

import http.server
import json
import os
import re
import threading
import time
import unittest

from harness import SystemTestCase, free_port
from test_faults import Api, TunedSystem


class Receiver:
    """A local HTTP server recording POSTs; it answers `fail_next` requests with 500 first, or
    every one while `always_fail` is set."""

    def __init__(self):
        self.port = free_port()
        self.posts = []  # (idempotency key, parsed JSON body)
        self.fail_next = 0
        self.always_fail = False
        self.status_override = None  # answer every request with this status (e.g. 400)
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(n).decode("utf-8"))
                with outer.lock:
                    outer.posts.append((self.headers.get("Idempotency-Key"), body))
                    fail = outer.always_fail or outer.fail_next > 0
                    if outer.fail_next > 0:
                        outer.fail_next -= 1
                    status = outer.status_override or (500 if fail else 200)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self):
        return "http://127.0.0.1:%d/duban/notices" % self.port

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class WebhookSystem(TunedSystem):
    """A tuned system whose unit jyj posts its notices to the receiver."""

    def __init__(self, webhook_url, overrides, **kw):
        self._webhook_url = webhook_url
        super().__init__(overrides, **kw)

    def _use_tuned(self):
        first = self._tuned is None
        super()._use_tuned()
        if not first:
            return
        with open(self._tuned, encoding="utf-8") as f:
            text = f.read()
        units_src = json.loads(re.search(r'^units_file\s*=\s*(.*)$', text, re.M).group(1))
        with open(units_src, encoding="utf-8") as f:
            units = f.read()
        units, n = re.subn(r'(id\s*=\s*"jyj"\s*\n(?:[^\[\n]*\n)*?name\s*=\s*"[^"]*")',
                           lambda m: m.group(1) + '\nwebhook = "%s"' % self._webhook_url, units)
        if n != 1:
            raise AssertionError("could not add a webhook to unit jyj in %s" % units_src)
        units_copy = os.path.join(self.folder, "units.toml")
        with open(units_copy, "w", encoding="utf-8") as f:
            f.write(units)
        text = re.sub(r'^units_file\s*=.*$', "units_file = %s" % json.dumps(units_copy), text,
                      flags=re.M)
        with open(self._tuned, "w", encoding="utf-8") as f:
            f.write(text)


DRAFT = {"title": "关于增加城区公办幼儿园学位供给的建议", "content": "建议新建小区配套幼儿园。",
         "category": "教育", "keywords": ["幼儿园"], "deputy": {"id": "D1", "name": "王丽华"},
         "co_signers": [], "session": "2026"}


class WebhookTest(SystemTestCase):
    def wait_for(self, check, timeout, what):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if check():
                return
            time.sleep(0.1)
        self.fail("timed out waiting for " + what)

    def test_notice_retried_until_delivered_then_dead_lettered_when_it_keeps_failing(self):
        rx = Receiver()
        self.addCleanup(rx.close)
        fast = {"broker": {"backoff_base_ms": 100, "backoff_max_ms": 400, "max_attempts": 4,
                           "heartbeat_interval_ms": 500},
                "worker": {"heartbeat_interval_ms": 500}}
        s = self.adopt_system(WebhookSystem(rx.url(), fast, name=self.id(),
                                            workers=["assignment", "webhook"]))
        api = Api(s.endpoint)
        self.addCleanup(api.close)

        code = api.ok("duban.submit", request_id="wh-1", draft=DRAFT)["code"]
        self.wait_for(lambda: api.ok("duban.get", code=code)["suggestion"]["state"] == "ASSIGNED",
                      15, "assignment")
        units = api.ok("duban.get", code=code)["suggestion"]["units"]
        self.assertEqual([u["unit"] for u in units if u["role"] == "lead"], ["jyj"], units)
        co = [u["unit"] for u in units if u["role"] == "co"][0]

        # 1. The receiver fails twice, then accepts: one delivery, three POSTs with one key.
        rx.fail_next = 2
        api.ok("duban.sign", code=code, unit=co, actor="li")
        api.ok("duban.opinion", code=code, unit=co, actor="li", reason="同意，建议加大投入")
        self.wait_for(lambda: any(e["action"] == "notice_delivered" for e in
                                  api.ok("duban.get", code=code)["timeline"]), 20, "delivery")
        with rx.lock:
            posts = list(rx.posts)
        self.assertEqual(len(posts), 3, posts)
        self.assertEqual(len({k for k, _ in posts}), 1, "one idempotency key for every attempt")
        self.assertTrue(posts[0][0])
        body = posts[-1][1]
        self.assertEqual(body["recipient"], "unit:jyj")
        self.assertEqual(body["code"], code)
        self.assertIn("同意，建议加大投入", body["text"])
        timeline = api.ok("duban.get", code=code)["timeline"]
        self.assertEqual(sum(e["action"] == "notice_delivered" for e in timeline), 1)
        # The notice is in the durable outbox too.
        inbox = api.ok("duban.inbox", recipient="unit:jyj", limit=10)
        self.assertTrue(any("同意，建议加大投入" in n["text"] for n in inbox["notices"]), inbox)

        # 2. A receiver that keeps failing: after max_attempts the delivery is a dead letter.
        rx.always_fail = True
        api.ok("duban.sign", code=code, unit="jyj", actor="wang")
        api.ok("duban.extend", code=code, unit="jyj", actor="wang", until=_months_later(4),
               reason="需要跨部门协调")
        api.ok("duban.decide", code=code, unit="jyj", request="extension", approve=False,
               actor="staff-zhao", note="请按期答复")

        def dead():
            entries = api.ok("duban.dlq", action="list", service="webhook", limit=10)["entries"]
            return entries
        self.wait_for(lambda: len(dead()) == 1, 20, "the failing delivery to be dead-lettered")
        entry = dead()[0]
        self.assertIn("HTTP 500", entry["reason"])
        self.assertEqual(entry["attempts"], 4)
        q = {sv["name"]: sv for sv in api.ok("duban.queues")["services"]}
        self.assertEqual((q["webhook"]["queued"], q["webhook"]["inflight"]), (0, 0), q)


def _months_later(months):
    t = time.gmtime(time.time() + 8 * 3600)
    y, m = t.tm_year, t.tm_mon + months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return "%04d-%02d-%02d" % (y, m, min(t.tm_mday, 28))


if __name__ == "__main__":
    unittest.main()
