"""审核: the review outcomes staff give a filed suggestion, and the deputy's resubmission (issue
"The people Duban serves use it directly", item 4), through the real broker with CurveZMQ on,
Redis and the workers; and what people read (item 3): the Chinese words beside an error's code,
and a deputy listing its own suggestions.

- Staff return a suggestion no rule routed to its deputy for rework with the reason: the deputy's
  inbox has it; the deputy's key resubmits the revised text, which is stored, and the assignment
  role routes it again (now by rule); another deputy's key may not resubmit it, nor review at all.
- Staff merge one suggestion into another: both timelines say so, the merged one is finished and
  its record names the other; the same request again changes nothing.
- Accept (立案) and withdraw (撤回) each leave their state and timeline entry; an outcome refused
  from the wrong state changes nothing and carries Chinese words (message_zh); dubanctl prints
  them under the error line.
- A deputy's key lists its own suggestions (duban.list), not another's.
"""

import uuid

from handling import SETTLE_TIMEOUT, HandlingCalls, draft
from harness import Api, KeySet, SystemTestCase

UNROUTED = ("关于一件无规则可依事项的建议", "内容待补充", "其他", ["无关"])


def make_keys(folder):
    return KeySet(folder, {"wang": ["staff", "admin"],
                           "deputy-a": ["deputy:D9101"],
                           "deputy-b": ["deputy:D9102"],
                           "jyj-clerk": ["unit:jyj"],
                           "worker-assignment": ["worker:assignment"],
                           "worker-reminder": ["worker:reminder"]})


class ReviewTest(SystemTestCase, HandlingCalls):
    def setUp(self):
        self.sys = self.start_system(workers=["assignment", "reminder"], keys=make_keys,
                                     as_key="wang")
        self.api = Api(self.sys.endpoint, curve=self.sys.curve())
        self.addCleanup(self.api.close)

    def as_key(self, name):
        api = Api(self.sys.endpoint, curve=self.sys.curve(name))
        self.addCleanup(api.close)
        return api

    def submit_unrouted(self, deputy="D9101", title=UNROUTED[0]):
        r = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                        draft=draft(title, *UNROUTED[1:], deputy_id=deputy))
        self.wait_state(r["code"], "IN_REVIEW")
        return r["code"]

    def test_returned_for_rework_the_deputy_resubmits_and_it_is_routed_again(self):
        code = self.submit_unrouted()
        out = self.ctl_ok("review", code, "return", "--reason", "请补充具体的学校名称", "--actor",
                          "wang")
        self.assertEqual(out["state"], "RETURNED_FOR_REWORK", out)
        entry = self.get(code)["timeline"][-1]
        self.assertEqual((entry["action"], entry["actor"]), ("returned_for_rework", "staff:wang"))
        self.assertEqual(entry["note"], "退回代表修改：请补充具体的学校名称")
        told = self.wait_notice("deputy:D9101", code, "review")
        self.assertIn("请补充具体的学校名称", told["text"])

        other = self.as_key("deputy-b")
        self.refused("duban.review", "PERMISSION_DENIED", _api=other, code=code,
                     outcome="resubmit", content="冒名修改")
        self.refused("duban.review", "PERMISSION_DENIED", _api=self.as_key("deputy-a"),
                     code=code, outcome="accept")

        # The revised text names a kindergarten: the 教育 rule now routes it.
        mine = self.as_key("deputy-a")
        r = mine.ok("duban.review", code=code, outcome="resubmit", title="关于增加幼儿园学位的建议",
                    content="适龄儿童数量快速增长，建议第一幼儿园扩建。", reason="已补充")
        self.assertEqual((r["state"], r["code"]), ("SUBMITTED", code), r)
        self.wait_state(code, "ASSIGNED")
        got = self.get(code)["suggestion"]
        self.assertEqual(got["draft"]["title"], "关于增加幼儿园学位的建议")
        self.assertEqual(got["draft"]["content"], "适龄儿童数量快速增长，建议第一幼儿园扩建。")
        acts = self.actions(code)
        self.assertLess(acts.index("resubmitted"), len(acts) - 1, acts)
        entry = [e for e in self.get(code)["timeline"] if e["action"] == "resubmitted"][0]
        self.assertEqual(entry["actor"], "deputy:D9101/deputy-a", entry)
        self.assertEqual((entry["from"], entry["to"]), ("RETURNED_FOR_REWORK", "SUBMITTED"))
        rc, out = self.sys.ctl("verify", code)
        self.assertEqual(rc, 0, out)

    def test_a_merge_names_both_suggestions_once(self):
        keep = self.submit_unrouted(title="关于一件无规则可依事项的建议（甲）")
        dup = self.submit_unrouted(title="关于一件无规则可依事项的建议（甲，重复）")
        out = self.ctl_ok("review", dup, "merge", "--into", keep, "--reason", "内容相同",
                          "--actor", "wang")
        self.assertEqual((out["state"], out["into"]), ("MERGED", keep), out)
        merged = self.get(dup)
        self.assertEqual(merged["suggestion"]["record"]["merged_into"], keep)
        self.assertEqual(merged["timeline"][-1]["action"], "merged")
        joined = self.get(keep)
        self.assertEqual(joined["suggestion"]["record"]["merged"], [dup])
        self.assertEqual(joined["timeline"][-1]["action"], "merge_received")
        self.assertEqual(joined["suggestion"]["state"], "IN_REVIEW", "the other keeps its state")
        # The same request again: answered as made, nothing added on either side.
        again = self.ctl_ok("review", dup, "merge", "--into", keep, "--reason", "内容相同",
                            "--actor", "wang")
        self.assertEqual(again["state"], "MERGED")
        self.assertEqual(self.get(keep)["timeline"], joined["timeline"])
        self.assertEqual(self.get(dup)["timeline"], merged["timeline"])
        # Into a finished one, or an unknown one: refused, nothing changes.
        third = self.submit_unrouted(title="关于一件无规则可依事项的建议（乙）")
        self.refused("duban.review", "FAILED_PRECONDITION", code=third, outcome="merge", into=dup,
                     reason="重复")
        self.refused("duban.review", "NOT_FOUND", code=third, outcome="merge",
                     into="S2026-99999", reason="重复")
        for c in (keep, dup):
            rc, out = self.sys.ctl("verify", c)
            self.assertEqual(rc, 0, out)

    def test_accept_withdraw_and_the_chinese_words_of_a_refusal(self):
        a = self.submit_unrouted(title="关于一件待立案事项的建议")
        w = self.submit_unrouted(title="关于一件代表撤回事项的建议")
        self.assertEqual(self.ctl_ok("review", a, "accept", "--actor", "wang")["state"], "ACCEPTED")
        self.assertEqual(self.ctl_ok("review", w, "withdraw", "--reason", "代表来函撤回",
                                     "--actor", "wang")["state"], "WITHDRAWN")
        self.assertEqual(self.get(a)["timeline"][-1]["action"], "accepted")
        self.assertEqual(self.get(w)["timeline"][-1]["action"], "withdrawn")
        # ACCEPTED: staff assign it by hand as before.
        self.ctl_ok("assign", a, "--lead", "jyj", "--actor", "wang")
        self.assertEqual(self.state(a), "ASSIGNED")

        r = self.refused("duban.review", "FAILED_PRECONDITION", code=w, outcome="return",
                         reason="x")
        self.assertEqual(r["message_zh"], "建议当前为“已撤回”，不能退回修改", r)
        r = self.refused("duban.review", "INVALID_ARGUMENT", code=w, outcome="return")
        self.assertEqual(r["message_zh"], "请填写理由", r)
        # A unit's step before signing, in dubanctl's words: the code line, then the Chinese.
        rc, err = self.sys.ctl_stderr("start", a, "--unit", "jyj", "--actor", "张三",
                                      as_key="jyj-clerk")
        self.assertEqual(rc, 1, err)
        self.assertIn("error: FAILED_PRECONDITION: cannot start handling", err)
        self.assertIn("请先签收，再开始办理", err)

    def test_a_deputy_lists_its_own_suggestions_only(self):
        mine = self.submit_unrouted(deputy="D9101", title="关于甲代表的建议")
        theirs = self.submit_unrouted(deputy="D9102", title="关于乙代表的建议")
        listed = self.as_key("deputy-a").ok("duban.list")
        self.assertEqual([i["code"] for i in listed["items"]], [mine], listed)
        self.assertEqual(self.as_key("deputy-b").ok("duban.list", deputy="D9102")["items"][0]["code"],
                         theirs)
        self.assertEqual(self.as_key("deputy-a").call("duban.list", deputy="D9102").get("code"),
                         "PERMISSION_DENIED")
        self.assertEqual([i["code"] for i in self.api.ok("duban.list", deputy="D9101")["items"]],
                         [mine], "staff filter by deputy too")
