"""Requests from the people through deputies (社情民意; issue "The seed's four layers of
supervision", item 3), through the real broker with CurveZMQ on, its public endpoint, Redis and
the workers, on a domain clock 200 000 times faster than real time:

- A person writes through a deputy's code (一人一码) or a station's (一家一码) on the public
  endpoint, without a key, and follows the request by its own code with nothing private shown;
  the public endpoint does nothing else with requests.
- The deputies it reaches hear of it; one left unacknowledged is reminded the working day before
  its due day and reported to staff after it (the broker's sweep, real time scaled).
- A deputy's key acts only on the requests that reach it, and only as itself.
- A deputy turns two requests into one suggestion, linked both ways; the assignment role routes it
  like any other; the counts per deputy and station say what was done.
"""

import datetime

from handling import SETTLE_TIMEOUT, HandlingCalls, local_date_of
from harness import Api, KeySet, SystemTestCase, free_port

SCALE = 200000
START = datetime.date(2026, 3, 2)


def make_keys(folder):
    return KeySet(folder, {"wang": ["staff"],
                           "deputy-a": ["deputy:D2026001"],
                           "deputy-b": ["deputy:D2026007"],
                           "worker-assignment": ["worker:assignment"],
                           "worker-reminder": ["worker:reminder"]})


class RequestTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        self.public_endpoint = "tcp://127.0.0.1:%d" % free_port()
        self.sys = self.start_system(
            workers=["assignment", "reminder"], keys=make_keys, as_key="wang",
            broker_args=["--public-bind", self.public_endpoint, "--time-scale", str(SCALE),
                         "--time-start", START.isoformat()])
        self.api = self.api_as("wang")
        self.public = Api(self.public_endpoint)
        self.addCleanup(self.public.close)

    def api_as(self, name):
        a = Api(self.sys.endpoint, curve=self.sys.curve(name))
        self.addCleanup(a.close)
        return a

    def kinds(self, recipient, code):
        return [n["kind"] for n in self.inbox(recipient, limit=200) if n["code"] == code]

    def test_requests_reach_deputies_who_answer_or_turn_them_into_a_suggestion(self):
        # The people write without a key, on the public endpoint.
        r1 = self.public.ok("duban.request", action="submit", to="deputy:D2026001",
                            text="小区门口路灯坏了三个月", contact="张女士 13800000000",
                            request_id="p-1")["status"]
        self.assertEqual((r1["code"][:12], len(r1["code"]), r1["state_label"], r1["to_label"]),
                         ("R2026-00001-", 18, "已收到", "代表 D2026001"), r1)
        r2 = self.public.ok("duban.request", action="submit", to="station:xc01",
                            text="路灯不亮影响夜间出行", request_id="p-2")["status"]["code"]
        r3 = self.public.ok("duban.request", action="submit", to="station:xc01",
                            text="楼道堆放杂物", request_id="p-3")["status"]["code"]
        r4 = self.public.ok("duban.request", action="submit", to="deputy:D2026001",
                            text="公园厕所无人保洁", contact="李先生 13900000000",
                            request_id="p-4")["status"]["code"]
        bad = self.public.call("duban.request", action="submit", to="deputy:D9999999", text="x",
                               request_id="p-9")
        self.assertEqual(bad.get("code"), "INVALID_ARGUMENT", bad)
        long = self.public.call("duban.request", action="submit", to="deputy:D2026001",
                                text="长" * 1100, request_id="p-10")  # 3 300 bytes
        self.assertEqual(long.get("code"), "INVALID_ARGUMENT", long)
        self.assertIn("without a key is at most 3000 bytes", long["message"])
        for action in ("list", "show", "ack", "counts"):
            r = self.public.call("duban.request", action=action, code=r1["code"])
            self.assertEqual(r.get("code"), "PERMISSION_DENIED", (action, r))
        seen = self.public.ok("duban.request", action="status", code=r1["code"])
        self.assertEqual(seen["status"]["code"], r1["code"])
        for private in ("13800000000", "路灯坏了"):
            self.assertNotIn(private, repr(seen), "the public status shows nothing private")
        self.assertIn("request", self.kinds("deputy:D2026002", r2), "the station's deputies hear")

        # A deputy's key acts on what reaches it, as itself.
        rc, out = self.sys.ctl("request", "ack", r1["code"], "--actor", "x", as_key="deputy-a")
        self.assertEqual((rc, out["requests"][0]["state"]), (0, "ACKNOWLEDGED"), out)
        self.assertEqual(out["requests"][0]["acknowledged_by"], "deputy:D2026001/deputy-a", out)
        b = self.api_as("deputy-b")
        self.assertEqual(b.call("duban.request", action="show", code=r2).get("code"),
                         "PERMISSION_DENIED")
        self.assertEqual(b.call("duban.request", action="ack", code=r1["code"],
                                deputy="D2026001").get("code"), "PERMISSION_DENIED")
        self.assertEqual(b.ok("duban.request", action="list")["requests"], [])
        mine = self.api_as("deputy-a").ok("duban.request", action="list")["requests"]
        self.assertEqual(sorted(r["code"] for r in mine), sorted([r1["code"], r2, r3, r4]))
        shown = self.api_as("deputy-a").ok("duban.request", action="show", code=r1["code"])
        self.assertEqual(shown["requests"][0]["contact"], "张女士 13800000000", "the deputy sees it")

        # The deputy answers r4: the person sees that it was answered, not the answer.
        rc, out = self.sys.ctl("request", "answer", r4, "--text", "已转告市园林局，每日保洁两次",
                               "--actor", "x", as_key="deputy-a")
        self.assertEqual((rc, out["requests"][0]["state"]), (0, "ANSWERED"), out)
        seen = self.public.ok("duban.request", action="status", code=r4)
        self.assertEqual(seen["status"]["state_label"], "已答复", seen)
        for private in ("保洁两次", "13900000000", "公园厕所"):
            self.assertNotIn(private, repr(seen))

        # r3 stays unacknowledged: reminded the working day before its due day, then staff told
        # (5 working days: seconds here).
        self.wait_until(lambda: "request_overdue" in self.kinds("staff", r3), SETTLE_TIMEOUT,
                        "staff to hear that %s was not acknowledged in time" % r3)
        notices = {n["kind"]: n for n in self.inbox("deputy:D2026003", limit=200)
                   if n["code"] == r3}
        self.assertEqual(sorted(notices), ["request", "request_overdue", "request_remind"])
        due = self.api.ok("duban.request", action="show", code=r3)["requests"][0]["ack_due"]
        self.assertLess(local_date_of(notices["request_remind"]["at_ms"]).isoformat(), due)
        self.assertGreater(local_date_of(notices["request_overdue"]["at_ms"]).isoformat(), due)
        self.assertNotIn("request_overdue", self.kinds("deputy:D2026001", r1["code"]))

        # Two requests become one suggestion, which is routed like any other.
        rc, out = self.sys.ctl("request", "convert", r1["code"], r2, "--title",
                               "关于修复城区路灯的建议", "--category", "城市管理",
                               "--deputy-name", "王丽华", "--actor", "x", as_key="deputy-a")
        self.assertEqual(rc, 0, out)
        code = out["suggestion"]
        got = self.get(code)
        self.assertEqual(got["suggestion"]["draft"]["requests"], [r1["code"], r2], got)
        self.assertEqual(got["timeline"][0]["actor"], "deputy:D2026001/deputy-a")
        self.wait_until(lambda: self.state(code) != "SUBMITTED", SETTLE_TIMEOUT,
                        "the assignment role to take %s" % code)
        status = self.public.ok("duban.request", action="status", code=r2)["status"]
        self.assertEqual((status["state"], status["suggestion"]), ("CONVERTED", code), status)
        self.assertTrue(self.public.ok("duban.status", code=code)["ok"])
        claim = self.api.call("duban.submit", request_id="claim", draft=got["suggestion"]["draft"])
        self.assertEqual(claim.get("code"), "INVALID_ARGUMENT", claim)

        counts = {c["to"]: c for c in self.ctl_ok("request", "counts")["counts"]}
        self.assertEqual((counts["deputy:D2026001"]["received"],
                          counts["deputy:D2026001"]["answered"],
                          counts["deputy:D2026001"]["converted"]), (2, 1, 1), counts)
        self.assertEqual((counts["station:xc01"]["received"], counts["station:xc01"]["open"]),
                         (2, 1), counts)
        rc, out = self.sys.ctl("verify", code)
        self.assertEqual(rc, 0, out)
