"""分工督办: committees supervise the suggestions of their field (issue "The seed's four layers of
supervision", item 1), through the real broker with CurveZMQ on, Redis and the workers.

- A suggestion routed by rule gets the committee whose field it falls in, on the same timeline
  entry as its assignment; one staff assign by hand gets its field's committee too.
- A committee's key (committee:<id>) reads and lists the suggestions of its field only, without
  the deputy's contact; another committee's key is refused.
- Staff move a suggestion to another committee (dubanctl committee set): a timeline entry, the
  lists follow, and the old committee can no longer read it. A committee key cannot do it.
- The committee supervising a suggestion records notes and visits and proposes it for the
  directors' meeting agenda; another committee's key and staff's key may not.
- The committee is part of the record every entry's digest covers: changed in Redis, it is found
  by `dubanctl verify`.
"""

import uuid

from handling import SETTLE_TIMEOUT, HandlingCalls, draft
from harness import Api, KeySet, SystemTestCase
from test_audit import PREFIX, Resp


def make_keys(folder):
    return KeySet(folder, {"wang": ["staff", "admin"],
                           "jkww-office": ["committee:jkww"],
                           "chw-office": ["committee:chw"],
                           "worker-assignment": ["worker:assignment"],
                           "worker-reminder": ["worker:reminder"]})


class CommitteeTest(SystemTestCase, HandlingCalls):
    def setUp(self):
        self.sys = self.start_system(workers=["assignment", "reminder"], keys=make_keys,
                                     as_key="wang")
        self.api = Api(self.sys.endpoint, curve=self.sys.curve())
        self.addCleanup(self.api.close)

    def as_key(self, name):
        api = Api(self.sys.endpoint, curve=self.sys.curve(name))
        self.addCleanup(api.close)
        return api

    def test_a_committee_supervises_its_field_and_staff_can_move_it(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")  # the 教育 rule
        got = self.get(code)["suggestion"]
        self.assertEqual(got["committee"], "jkww", got)
        assigned = [e for e in self.get(code)["timeline"] if e["action"] == "assigned"]
        self.assertIn("分工督办 教育科学文化卫生委员会 (category 教育)", assigned[0]["note"])

        jkww, chw = self.as_key("jkww-office"), self.as_key("chw-office")
        mine = jkww.ok("duban.get", code=code)["suggestion"]
        self.assertEqual(mine["draft"]["deputy"]["contact"], "", "a committee sees no contact")
        listed = jkww.ok("duban.list")  # its own committee is filled in
        self.assertEqual([i["code"] for i in listed["items"]], [code], listed)
        self.assertEqual(chw.call("duban.get", code=code).get("code"), "PERMISSION_DENIED")
        self.assertEqual(chw.call("duban.list", committee="jkww").get("code"),
                         "PERMISSION_DENIED")
        self.assertEqual(jkww.call("duban.committee", code=code, committee="chw",
                                   actor="x").get("code"), "PERMISSION_DENIED")
        rc, out = self.sys.ctl("list", "--committee", "jkww", json=False, as_key="jkww-office")
        self.assertEqual(rc, 0, out)
        self.assertIn(code, out)

        # Staff move it to another committee.
        self.refused("duban.committee", "INVALID_ARGUMENT", code=code, committee="nosuch",
                     actor="wang")
        self.refused("duban.committee", "FAILED_PRECONDITION", code=code, committee="jkww",
                     actor="wang")
        out = self.ctl_ok("committee", "set", code, "chw", "--actor", "wang", "--note",
                          "属城建环资领域")
        self.assertEqual(out["committee"], "chw", out)
        entry = self.get(code)["timeline"][-1]
        self.assertEqual(entry["action"], "committee_changed", entry)
        self.assertIn("城乡建设环境资源保护委员会（原 教育科学文化卫生委员会）", entry["note"])
        self.assertEqual(chw.ok("duban.get", code=code)["suggestion"]["committee"], "chw")
        self.assertEqual(jkww.call("duban.get", code=code).get("code"), "PERMISSION_DENIED")
        self.assertEqual(jkww.ok("duban.list")["items"], [])
        self.assertEqual([i["code"] for i in chw.ok("duban.list")["items"]], [code])

        # The committee supervising it records a visit; the one before may not.
        chw.ok("duban.supervise", code=code, committee="chw", kind="visit",
               text="现场查看幼儿园扩建进度", date="2026-03-02", actor="x")
        entry = self.get(code)["timeline"][-1]
        self.assertEqual((entry["action"], entry["actor"]),
                         ("supervision_visit", "committee:chw/chw-office"), entry)
        self.assertEqual(jkww.call("duban.supervise", code=code, committee="jkww", kind="note",
                                   text="请加快", actor="x").get("code"), "PERMISSION_DENIED")
        self.assertEqual(jkww.call("duban.supervise", code=code, committee="chw", kind="note",
                                   text="请加快", actor="x").get("code"), "PERMISSION_DENIED")
        rc, out = self.sys.ctl("committee", "note", code, "--committee", "chw", "--text",
                               "请于月底前报送进展", "--actor", "x", as_key="chw-office")
        self.assertEqual(rc, 0, out)
        self.assertEqual(self.get(code)["timeline"][-1]["action"], "supervision_note")

        # It proposes the item for the directors' meeting; the other committee and staff's key
        # may not (staff use duban.hot).
        placed = chw.ok("duban.propose", code=code, committee="chw", reason="整改进度滞后",
                        actor="x")
        self.assertEqual((placed["item"], placed["result"]), (code, "new"), placed)
        self.assertEqual([e["action"] for e in self.get(code)["timeline"][-2:]],
                         ["committee_proposed", "placed_on_agenda"])
        self.assertEqual(jkww.call("duban.propose", code=code, committee="chw", reason="x",
                                   actor="x").get("code"), "PERMISSION_DENIED")
        # Again while the item is open: refused; once the directors resolved it, it opens again.
        again = chw.call("duban.propose", code=code, committee="chw", reason="再次提议", actor="x")
        self.assertEqual(again.get("code"), "FAILED_PRECONDITION", again)
        self.assertIn("already on the agenda", again.get("message", ""))
        self.ctl_ok("agenda", "resolve", code, "--note", "已研究", "--actor", "wang")
        rc, out = self.sys.ctl("committee", "propose", code, "--committee", "chw", "--reason",
                               "整改仍未完成", "--actor", "x", as_key="chw-office")
        self.assertEqual((rc, out.get("result")), (0, "reopened"), out)
        self.assertEqual(self.api.call("duban.propose", code=code, committee="chw", reason="x",
                                       actor="x").get("code"), "PERMISSION_DENIED")

        # Part of the record the timeline proves.
        rc, out = self.sys.ctl("verify", code)
        self.assertEqual(rc, 0, out)
        redis = Resp(self.sys.redis.port)
        self.addCleanup(redis.close)
        redis.call("HSET", "%s:s:{%s}" % (PREFIX, code), "committee", "jkww")
        rc, out = self.sys.ctl("verify", code)
        self.assertEqual(rc, 1, out)
        self.assertEqual(out["results"][0]["problem"], "record_changed", out)
        redis.call("HSET", "%s:s:{%s}" % (PREFIX, code), "committee", "chw")

    def test_staff_assigning_by_hand_gets_the_fields_committee(self):
        r = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                        draft=draft("关于加强部门预算公开的建议",
                                    "建议细化预算公开内容，接受代表监督。", "无此类别", []))
        code = r["code"]
        self.wait_state(code, "IN_REVIEW")
        self.ctl_ok("assign", code, "--lead", "jyj", "--actor", "wang")
        got = self.get(code)["suggestion"]
        self.assertEqual(got["committee"], "cjw", got)  # keyword 预算 in the title
        self.ctl_ok("committee", "set", code, "jkww", "--actor", "wang")
        got = self.get(code)
        self.assertEqual(got["suggestion"]["committee"], "jkww")
        self.assertEqual(got["timeline"][-1]["action"], "committee_changed", got["timeline"])


if __name__ == "__main__":
    import unittest
    unittest.main()
