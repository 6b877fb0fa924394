"""The life of a suggestion through the real broker, Redis and assignment worker
(docs/architecture.md#the-life-of-a-task): routing by rule with a reply deadline three calendar
months out, staff assignment of what no rule matches (docs/domain.md#routing-and-assignment,
docs/domain.md#the-reply-deadline), idempotent submits, and the whole demo file flowing through
with nothing left behind in the queues.

Requests go to the broker's duban.* services over an independent 7/MDP client (mdp_peers); the
bodies are msgpack maps {"v": 1, ...} as in common/protocol/codec.cc. The first scenario submits
with `dubanctl submit` when dubanctl is built, else over the same 7/MDP client.
"""

import calendar
import datetime
import json
import os
import sys
import unittest
import uuid

import msgpack

from harness import Api, MdpClient, MdpTimeout, SystemTestCase, binary, source_dir

UTC_OFFSET = datetime.timedelta(hours=8)  # config/duban.toml: jurisdiction.timezone Asia/Shanghai
SETTLE_TIMEOUT = 20.0                     # seconds for the assignment worker to catch up


# ---- helpers (kept in this file: harness.py is shared and not ours to change) -------------------

def draft(title, content, category="", keywords=(), deputy_id="D9001", session="2026"):
    return {"title": title, "content": content, "category": category,
            "keywords": list(keywords),
            "deputy": {"id": deputy_id, "name": "测试代表", "contact": "13800009001"},
            "co_signers": [], "session": session}


def local_today():
    return (datetime.datetime.now(datetime.timezone.utc) + UTC_OFFSET).date()


def add_months_clamped(d, months):
    """d plus `months` calendar months, the day clamped to the last day of the target month."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return datetime.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def dubanctl_available():
    try:
        binary(os.path.join("dubanctl", "dubanctl"))
        return True
    except AssertionError:
        return False


def units_toml():
    """A tiny reader for config/units.toml (tomllib is Python 3.11+): ([rule dicts], {unit ids})."""
    path = os.path.join(source_dir(), "config", "units.toml")
    tables = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if line in ("[[rule]]", "[[unit]]"):
                tables.append((line, {}))
            elif "=" in line and tables:
                k, v = (x.strip() for x in line.split("=", 1))
                tables[-1][1][k] = json.loads(v)
    rules = [t for kind, t in tables if kind == "[[rule]]"]
    units = {t["id"] for kind, t in tables if kind == "[[unit]]"}
    return rules, units


class LifecycleTest(SystemTestCase):
    def start(self, **kw):
        self.sys = self.start_system(workers=["assignment", "reminder", "escalation"], **kw)
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        return self.sys

    def submit(self, d, request_id=None):
        r = self.api.ok("duban.submit", request_id=request_id or uuid.uuid4().hex, draft=d)
        self.assertTrue(r["code"], r)
        return r

    def get(self, code):
        return self.api.ok("duban.get", code=code)

    def wait_state(self, code, states, timeout=SETTLE_TIMEOUT):
        last = {}

        def settled():
            last["r"] = self.get(code)
            return last["r"]["suggestion"]["state"] in states

        try:
            self.wait_until(settled, timeout, "%s to reach %s" % (code, states), interval=0.05)
        except AssertionError as e:
            raise AssertionError("%s; last: %r\n%s" % (e, last.get("r"), self.sys.describe()))
        return last["r"]

    # ---- 1. routing by rule, deadline, staff assignment ----------------------------------------
    def test_rule_match_assigns_with_deadline_and_staff_assigns_the_rest(self):
        self.start()
        rules, units = units_toml()
        edu = next(r for r in rules if r["name"] == "教育")
        self.assertEqual(edu["lead"], "jyj")  # the rule the draft below is written for

        title = "关于增加城区公办幼儿园学位供给的建议"
        content = "适龄儿童数量快速增长，建议新建小区配套幼儿园同步交付。"
        before = local_today()
        used_ctl = False
        if dubanctl_available():
            used_ctl = True
            rc, out = self.sys.ctl("submit", "--title", title, "--content", content,
                                   "--category", "教育", "--keyword", "幼儿园",
                                   "--deputy-id", "D9001", "--deputy-name", "测试代表",
                                   "--session", "2026", "--request-id", "life-ctl-1")
            self.assertEqual(rc, 0, "dubanctl submit failed: %r\n%s" % (out, self.sys.describe()))
            self.assertIsInstance(out, dict, "dubanctl --json submit printed no JSON: %r" % out)
            self.assertEqual(len(out["results"]), 1, out)
            item = out["results"][0]
            self.assertTrue(item["ok"], out)
            code = item["code"]
        else:
            code = self.submit(draft(title, content, "教育", ["幼儿园"]), "life-mdp-1")["code"]
        got = self.wait_state(code, ("ASSIGNED",))
        after = local_today()
        s = got["suggestion"]
        self.assertEqual(s["state"], "ASSIGNED")
        leads = [u["unit"] for u in s["units"] if u["role"] == "lead"]
        self.assertEqual(leads, ["jyj"], s["units"])
        self.assertEqual(sorted(u["unit"] for u in s["units"] if u["role"] == "co"),
                         sorted(edu["co"]), s["units"])
        want = {add_months_clamped(before, 3).isoformat(), add_months_clamped(after, 3).isoformat()}
        self.assertIn("deadline", s, s)
        self.assertIn(s["deadline"]["date"], want,
                      "deadline should be 3 calendar months after the local (UTC+8) date %s"
                      % before)
        # The reminder role may already have planned the reminders (reminders_scheduled, no
        # state change) after these two.
        actions = [(e["action"], e["actor"]) for e in got["timeline"]]
        self.assertEqual([a for a, _ in actions][:2], ["submitted", "assigned"], got["timeline"])
        self.assertTrue(all(a == "reminders_scheduled" for a, _ in actions[2:]), got["timeline"])
        self.assertEqual(actions[1][1], "worker:assignment", got["timeline"])
        self.assertEqual(got["timeline"][0]["to"], "SUBMITTED")
        self.assertEqual((got["timeline"][1]["from"], got["timeline"][1]["to"]),
                         ("SUBMITTED", "ASSIGNED"))
        if not used_ctl:
            sys.stderr.write("(dubanctl not built: submitted over the 7/MDP client) ")

        # No rule matches: left IN_REVIEW for staff.
        other = self.submit(draft("关于某某事项的一般性意见",
                                  "此建议不涉及任何一个承办单位规则中的关键词。",
                                  "其他", ["杂项"]))["code"]
        got = self.wait_state(other, ("IN_REVIEW",))
        self.assertEqual(got["suggestion"]["units"], [])
        self.assertEqual([e["action"] for e in got["timeline"]], ["submitted", "awaiting_staff"],
                         got["timeline"])
        self.assertEqual(got["timeline"][1]["actor"], "worker:assignment")

        r = self.api.ok("duban.assign", code=other, lead_unit="mzj", co_units=["czj"],
                        actor="wang", note="")
        self.assertEqual(r["state"], "ASSIGNED", r)
        got = self.get(other)
        s = got["suggestion"]
        self.assertEqual(s["state"], "ASSIGNED")
        self.assertEqual([(u["unit"], u["role"]) for u in s["units"]],
                         [("mzj", "lead"), ("czj", "co")])
        self.assertIn(s["deadline"]["date"],
                      {add_months_clamped(before, 3).isoformat(),
                       add_months_clamped(local_today(), 3).isoformat()})
        last = got["timeline"][-1]
        self.assertEqual((last["action"], last["actor"], last["from"], last["to"]),
                         ("assigned", "staff:wang", "IN_REVIEW", "ASSIGNED"), got["timeline"])

        again = self.api.call("duban.assign", code=other, lead_unit="jyj", actor="wang")
        self.assertIs(again.get("ok"), False, again)
        self.assertEqual(again.get("code"), "FAILED_PRECONDITION", again)

        fresh = self.submit(draft("关于某某事项的第二条意见", "同样不匹配任何规则。", "其他"))["code"]
        self.wait_state(fresh, ("IN_REVIEW",))
        self.assertNotIn("nosuchunit", units)
        bad_unit = self.api.call("duban.assign", code=fresh, lead_unit="nosuchunit", actor="wang")
        self.assertIs(bad_unit.get("ok"), False, bad_unit)
        self.assertEqual(bad_unit.get("code"), "INVALID_ARGUMENT", bad_unit)
        self.assertEqual(self.get(fresh)["suggestion"]["state"], "IN_REVIEW",
                         "a refused assignment must change nothing")

        missing = self.api.call("duban.assign", code="S2026-99999", lead_unit="jyj", actor="wang")
        self.assertIs(missing.get("ok"), False, missing)
        self.assertEqual(missing.get("code"), "NOT_FOUND", missing)
        missing_get = self.api.call("duban.get", code="S2026-99999")
        self.assertEqual((missing_get.get("ok"), missing_get.get("code")), (False, "NOT_FOUND"))
        self.assertAlive(self.sys.broker)

    # ---- 2. idempotent submit -------------------------------------------------------------------
    def test_same_request_id_is_filed_once(self):
        self.start()
        d = draft("关于优化中心城区公交线网的建议", "建议增开社区微循环公交线路。", "交通", ["公交"])
        first = self.submit(d, "life-idem-1")
        self.assertIs(first["duplicate"], False, first)
        second = self.submit(d, "life-idem-1")
        self.assertEqual(second["code"], first["code"])
        self.assertIs(second["duplicate"], True, second)
        # A different request id with the same text is a new suggestion (ids, not texts, dedupe).
        third = self.submit(d, "life-idem-2")
        self.assertNotEqual(third["code"], first["code"])
        self.assertIs(third["duplicate"], False)
        self.wait_state(first["code"], ("ASSIGNED",))
        # ... and a repeat after it was handled still answers the first result.
        fourth = self.submit(d, "life-idem-1")
        self.assertEqual((fourth["code"], fourth["duplicate"]), (first["code"], True))
        self.assertEqual(fourth["state"], "ASSIGNED", fourth)
        # The same id with other content is no retry: refused, and nothing is filed (bug fixed:
        # it was answered with the first suggestion as if it were one).
        other = dict(d, title="关于另一件事的建议")
        refused = self.api.call("duban.submit", request_id="life-idem-1", draft=other)
        self.assertEqual(refused.get("code"), "FAILED_PRECONDITION", refused)
        self.assertIn(first["code"], refused.get("message", ""), refused)

        listed = self.api.ok("duban.list", limit=100)
        self.assertEqual(listed["total"], 2, listed)
        codes = [i["code"] for i in listed["items"]]
        self.assertEqual(sorted(codes), sorted([first["code"], third["code"]]))
        got = self.get(first["code"])
        self.assertEqual([e["action"] for e in got["timeline"]].count("submitted"), 1)

    # ---- 3. the demo file ----------------------------------------------------------------------
    def test_demo_file_flows_through(self):
        self.start()
        with open(os.path.join(source_dir(), "config", "demo", "suggestions.json"),
                  encoding="utf-8") as f:
            demo = json.load(f)
        self.assertGreater(len(demo), 0)
        codes = {}
        for item in demo:
            d = {k: item.get(k, default) for k, default in (
                ("title", ""), ("content", ""), ("category", ""), ("keywords", []),
                ("deputy", {}), ("co_signers", []), ("session", "2026"))}
            r = self.submit(d, item["request_id"])
            self.assertIs(r["duplicate"], False, (item["request_id"], r))
            codes[item["request_id"]] = r["code"]
        self.assertEqual(len(set(codes.values())), len(demo), "codes must be distinct")

        def drained():
            q = self.api.ok("duban.queues")
            svc = [s for s in q["services"] if s["name"] == "assignment"]
            listed = self.api.ok("duban.list", state="SUBMITTED", limit=10)
            return (listed["total"] == 0 and svc and svc[0]["queued"] == 0
                    and svc[0]["inflight"] == 0)

        self.wait_until(drained, SETTLE_TIMEOUT, "every demo suggestion to leave SUBMITTED")
        listed = self.api.ok("duban.list", limit=1000)
        self.assertEqual(listed["total"], len(demo), listed)
        states = {i["code"]: i["state"] for i in listed["items"]}
        for rid, code in codes.items():
            self.assertIn(states.get(code), ("ASSIGNED", "IN_REVIEW"), (rid, code, states.get(code)))
        assigned = [c for c, s in states.items() if s == "ASSIGNED"]
        self.assertGreater(len(assigned), len(demo) // 2,
                           "most demo suggestions are written to match a rule: %r" % states)
        for item in listed["items"]:
            if item["state"] == "ASSIGNED":
                self.assertTrue(item["lead_unit"] and item["deadline"], item)
        # Each assignment queues its reminder's schedule task: wait for every service to drain.
        def all_idle():
            q = self.api.ok("duban.queues")
            return all((s["queued"], s["inflight"], s["dead"]) == (0, 0, 0) for s in q["services"])
        self.wait_until(all_idle, SETTLE_TIMEOUT, "every queue to drain, with no dead letter")
        self.assertEqual(self.api.ok("duban.dlq", action="list", service="", limit=50)["entries"],
                         [])


if __name__ == "__main__":
    unittest.main()
