"""The directors' meeting agenda (主任会议议程) through the real broker, Redis, the escalation worker
and dubanctl (docs/domain.md#hot-items-and-the-directors-meeting: the agenda, hot items, bundled
supervision; the escalations that place items: docs/domain.md#reminder-and-escalation-steps):

- meeting dates come from config ([meetings] dates) and from staff (dubanctl meeting add|remove);
  the next meeting is the first date on or after today on the domain clock (--time-start);
- a reply 15+ days overdue lands on the next meeting's agenda once: two placements (the overdue
  reply and "dissatisfied_twice") make one item with two reasons;
- a staff-marked hot item (热点难点) goes on the agenda; a rule-proposed one (many co-signers) is
  only listed for staff;
- a bundle of three (打捆督办) moves as one: placing two members makes one bundle item;
- the leading director (领衔督办) is set; resolving an item takes it off the next agenda, cancels
  its monthly progress timer and writes the audit trail of every member.

A Python worker plays the assignment role: it assigns every suggestion to jyj with a reply deadline
of 2026-05-10 (22 days before the domain today, 2026-06-01) and, for the overdue one, sets the two
escalation timers "agenda" the reminder and the lead's survey work would set.
"""

import os
import re
import shutil
import tempfile
import unittest
import uuid

import msgpack

from harness import Api, SystemTestCase, source_dir

TODAY = "2026-06-01"
DEADLINE = "2026-05-10"
DEADLINE_DUE_MS = 1778428799999  # 2026-05-10T23:59:59.999+08:00
SETTLE_TIMEOUT = 20.0


def draft(title, keywords=(), co_signers=()):
    return {"title": title, "content": title + "：内容", "category": "教育",
            "keywords": list(keywords), "deputy": {"id": "D9201", "name": "测试代表"},
            "co_signers": list(co_signers), "session": "2026"}


def write_config(folder, meeting_dates):
    """config/duban.toml with absolute paths and the given [meetings] dates."""
    cfg_dir = os.path.join(source_dir(), "config")
    with open(os.path.join(cfg_dir, "duban.toml"), encoding="utf-8") as f:
        text = f.read()
    text = text.replace('units_file = "units.toml"',
                        'units_file = "%s"' % os.path.join(cfg_dir, "units.toml"))
    text = text.replace('"calendar/', '"%s/calendar/' % cfg_dir)
    text = text.replace('"demo/', '"%s/demo/' % cfg_dir)
    dates = ", ".join('"%s"' % d for d in meeting_dates)
    text, n = re.subn(r"(?m)^dates = \[\]$", "dates = [%s]" % dates, text)
    assert n == 1, "config/duban.toml has no [meetings] dates = [] line"
    path = os.path.join(folder, "duban-agenda.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def assign_handler(body):
    """The assignment role's answer: assigned to jyj, deadline 2026-05-10; the overdue suggestion
    also gets its two agenda timers, due at once."""
    task = msgpack.unpackb(body[0], raw=False)
    s = task["suggestion"]
    outcome = {"v": 1, "ok": True, "expect_version": s["version"], "to_state": "ASSIGNED",
               "units": [{"unit": "jyj", "role": "lead", "state": "ISSUED"}],
               "deadline": {"date": DEADLINE, "rule": "test", "due_ms": DEADLINE_DUE_MS},
               "action": "assigned", "note": "test assignment"}
    if s["draft"]["title"].startswith("逾期"):
        now = task["now_ms"]
        outcome["timers"] = [
            {"name": "reply.overdue15", "service": "escalation", "kind": "agenda", "due_ms": now,
             "priority_ms": 0, "payload": ""},
            {"name": "eval.dissatisfied2", "service": "escalation", "kind": "agenda",
             "due_ms": now, "priority_ms": 0, "payload": "dissatisfied_twice"}]
    return [msgpack.packb(outcome, use_bin_type=True)]


class AgendaTest(SystemTestCase):
    def setUp(self):
        self.cfg_dir = tempfile.mkdtemp(prefix="duban-agenda-cfg-")
        self.addCleanup(shutil.rmtree, self.cfg_dir, True)
        config = write_config(self.cfg_dir, ["2026-05-20", "2026-06-10"])
        self.sys = self.start_system(workers=["escalation"], config=config,
                                     broker_args=["--time-start", TODAY])
        self.sys.echo_worker(service="assignment", handler=assign_handler, heartbeat_interval=0.2)
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)

    # ---- helpers -------------------------------------------------------------------------------
    def ctl_ok(self, *args):
        rc, out = self.sys.ctl(*args)
        self.assertEqual(rc, 0, "dubanctl %s failed (rc %d): %r\n%s"
                         % (" ".join(map(str, args)), rc, out, self.sys.describe()))
        return out

    def submit(self, d):
        r = self.api.ok("duban.submit", request_id=str(uuid.uuid4()), draft=d)
        code = r["code"]
        self.wait_until(lambda: self.api.ok("duban.get", code=code)["suggestion"]["state"]
                        == "ASSIGNED", SETTLE_TIMEOUT, code + " assigned")
        return code

    def agenda(self, *extra):
        return self.ctl_ok("agenda", *extra)

    def item(self, agenda, item_id):
        found = [it for it in agenda["items"] if it["id"] == item_id]
        self.assertLessEqual(len(found), 1, "item %s appears twice: %r" % (item_id, agenda))
        return found[0] if found else None

    def actions(self, code):
        return [e["action"] for e in self.api.ok("duban.get", code=code)["timeline"]]

    def timer(self, code, name):
        return self.sys.redis.cli("HGET", "{duban}:tm:{%s}" % code, name).strip()

    # ---- the story -----------------------------------------------------------------------------
    def test_agenda_of_the_next_meeting(self):
        # Meeting dates: config gives 2026-05-20 (past) and 2026-06-10; staff add 2026-06-05.
        m = self.ctl_ok("meeting", "list")
        self.assertEqual(m["next"], "2026-06-10", m)
        self.assertEqual([d["source"] for d in m["dates"]], ["config", "config"])
        m = self.ctl_ok("meeting", "add", "2026-06-05", "--actor", "wang")
        self.assertEqual(m["next"], "2026-06-05", m)
        self.assertEqual({d["date"]: d["source"] for d in m["dates"]}["2026-06-05"], "staff")
        rc, _ = self.sys.ctl("meeting", "remove", "2026-06-10", "--actor", "wang")
        self.assertEqual(rc, 1, "a config date cannot be removed at run time")
        r = self.api.call("duban.meeting", action="add", date="2026-06-10", actor="wang")
        self.assertEqual(r["code"], "ALREADY_EXISTS", r)
        r = self.api.call("duban.meeting", action="add", date="2026-6-1", actor="wang")
        self.assertEqual(r["code"], "INVALID_ARGUMENT", r)

        # A reply 22 days overdue, and the deputy dissatisfied twice: one item, two reasons.
        overdue = self.submit(draft("逾期未答复的建议"))
        self.wait_until(lambda: (self.item(self.agenda(), overdue) or {}).get("reasons", [None])
                        .__len__() == 2, SETTLE_TIMEOUT, "two reasons on " + overdue)
        a = self.agenda()
        self.assertEqual(a["meeting"], "2026-06-05")
        it = self.item(a, overdue)
        self.assertEqual(it["kind"], "suggestion")
        self.assertEqual(it["title"], "逾期未答复的建议")
        self.assertEqual(it["lead_unit"], "jyj")
        self.assertEqual(it["state"], "OPEN")
        self.assertEqual(it["director"], "")
        self.assertEqual(it["meetings"], 1)
        self.assertEqual(sorted(r["text"] for r in it["reasons"]), sorted(["逾期15日未答复", "两次不满意"]))
        self.assertEqual(self.actions(overdue).count("placed_on_agenda"), 2)
        self.assertTrue(self.timer(overdue, "agenda.progress.a"), "the monthly progress timer is set")
        inbox = self.api.ok("duban.inbox", recipient="agenda:directors", limit=50)
        self.assertTrue(any(n["code"] == overdue for n in inbox["notices"]), inbox)

        # A hot item marked by staff.
        hot = self.submit(draft("热点难点的建议"))
        self.ctl_ok("hot", "mark", hot, "--reason", "群众反映强烈", "--actor", "wang")
        it = self.item(self.agenda(), hot)
        self.assertEqual([r["text"] for r in it["reasons"]], ["热点难点：群众反映强烈"])
        self.assertEqual(it["placed_by"], "staff:wang")
        hl = self.ctl_ok("hot", "list")
        self.assertEqual([m["code"] for m in hl["marked"]], [hot])
        self.assertNotIn(hot, [p["code"] for p in hl["proposals"]])
        rc, _ = self.sys.ctl("hot", "mark", hot, "--reason", "again", "--actor", "wang")
        self.assertEqual(rc, 1, "marking twice is refused")
        # A rule proposes a suggestion with many co-signers; staff decide.
        many = self.submit(draft("联名众多的建议", co_signers=["代表%d" % i for i in range(12)]))
        hl = self.ctl_ok("hot", "list")
        proposed = {p["code"]: p["rules"] for p in hl["proposals"]}
        self.assertIn(many, proposed, hl)
        self.assertTrue(any("co_signers: 12" in r for r in proposed[many]), proposed)
        self.assertIsNone(self.item(self.agenda(), many), "a proposal is not on the agenda")

        # A bundle of three moves as one.
        members = [self.submit(draft("打捆建议之%d" % i)) for i in range(1, 4)]
        b = self.ctl_ok("bundle", "create", "--topic", "校园安全", "--lead", "jyj",
                        "--supervisor", "张处长", *members, "--actor", "wang")
        bid = b["bundles"][0]["id"]
        self.assertEqual([m["code"] for m in b["bundles"][0]["members"]], members)
        self.ctl_ok("hot", "mark", members[0], "--reason", "校园安全问题突出", "--actor", "wang")
        self.ctl_ok("hot", "mark", members[1], "--reason", "家长反映集中", "--actor", "wang")
        a = self.agenda()
        for code in members:
            self.assertIsNone(self.item(a, code), "a bundle member has no item of its own")
        it = self.item(a, bid)
        self.assertEqual(it["kind"], "bundle")
        self.assertEqual(it["title"], "校园安全")
        self.assertEqual(it["supervisor"], "张处长")
        self.assertEqual(len(it["reasons"]), 2, it)
        self.assertEqual([m["code"] for m in it["members"]], members)
        rc, text = self.sys.ctl("agenda", json=False)
        self.assertEqual(rc, 0, text)
        self.assertIn("主任会议议程", text)
        self.assertIn("未指定", text)
        for code in members:
            self.assertIn(code, text)

        # Directors set; a unit reports progress.
        self.ctl_ok("agenda", "lead", overdue, "--director", "李主任", "--actor", "wang")
        self.ctl_ok("agenda", "lead", bid, "--director", "赵主任", "--actor", "wang")
        a = self.agenda()
        self.assertEqual(self.item(a, overdue)["director"], "李主任")
        self.assertEqual(self.item(a, bid)["director"], "赵主任")
        self.assertIn("agenda_director_set", self.actions(members[2]))
        self.ctl_ok("progress", overdue, "--unit", "jyj", "--text", "已完成调研", "--actor", "zhang")
        self.assertIn("progress_reported", self.actions(overdue))

        # Resolving takes an item off the next agenda, for every member of a bundle.
        self.ctl_ok("agenda", "resolve", bid, "--note", "已专题督办", "--actor", "wang")
        self.ctl_ok("agenda", "resolve", overdue, "--note", "已答复", "--actor", "wang")
        a = self.agenda()
        self.assertIsNone(self.item(a, bid))
        self.assertIsNone(self.item(a, overdue))
        self.assertIsNotNone(self.item(a, hot))
        self.assertEqual(self.timer(overdue, "agenda.progress.a"), "", "resolving cancels it")
        for code in members:
            self.assertIn("agenda_resolved", self.actions(code))
        every = self.agenda("--all")
        self.assertEqual(self.item(every, bid)["state"], "RESOLVED")
        self.assertEqual(self.item(every, bid)["note"], "已专题督办")
        rc, _ = self.sys.ctl("agenda", "resolve", bid, "--note", "again", "--actor", "wang")
        self.assertEqual(rc, 1, "resolving twice is refused")

        # The staff date goes; the config date is next again.
        m = self.ctl_ok("meeting", "remove", "2026-06-05", "--actor", "wang")
        self.assertEqual(m["next"], "2026-06-10")
        self.assertEqual(self.agenda()["meeting"], "2026-06-10")
        self.assertAlive(self.sys.broker)


if __name__ == "__main__":
    unittest.main()
