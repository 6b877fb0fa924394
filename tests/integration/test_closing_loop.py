"""Closing the loop through the real broker, Redis and the assignment, reminder, escalation, survey
and followup workers (DOMAIN.md, "Result classes and satisfaction"): the lead unit replies
(答复) with a class, the survey role asks the deputy, the deputy evaluates (测评), and what follows
happens by itself — a B reply evaluated 基本满意 goes to follow-up (回头看) until staff close out
(销号) its commitment; an A reply evaluated 不满意 is handled again (重新办理) with a new deadline
one month on, and the second 不满意 goes to the directors' meeting; a D reply evaluated 满意
closes. The public query by tracking code (一事一码) shows only public fields. Every refusal
answers {"ok": false, "code": ...} and changes nothing; as after every scenario (harness.py),
`dubanctl check` then finds no open suggestion without a pending task or timer.

The evaluation reminders run on a scaled domain clock (a separate test): the broker's time runs
200 000 times faster from 2026-03-02, so 20 working days pass in about 12 seconds.
"""

import datetime
import unittest

from harness import Api, SystemTestCase
from handling import SETTLE_TIMEOUT, HandlingCalls, add_months_clamped, education_rule, local_today

ROLES = ["assignment", "reminder", "escalation", "survey", "followup"]
DEPUTY = "D9101"  # handling.draft's lead deputy
PUBLIC_KEYS = {"v", "ok", "code", "session", "state", "state_label", "units", "deadline",
               "reply_date", "result_class", "satisfaction", "rounds"}


class ClosingLoopTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        self.sys = self.start_system(workers=ROLES)
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, self.co = education_rule()

    # ---- helpers -------------------------------------------------------------------------------
    def handling(self, title):
        """A routed suggestion whose lead unit signed and started."""
        code = self.submit_routed(title)
        self.ctl_ok("sign", code, "--unit", self.lead, "--actor", "zhang")
        self.ctl_ok("start", code, "--unit", self.lead, "--actor", "zhang")
        return code

    def reply(self, code, klass, *commitments):
        args = ["reply", code, "--unit", self.lead, "--actor", "zhang", "--class", klass,
                "--text", "答复正文（不公开）：已研究办理", "--signer", "李局长"]
        for c in commitments:
            args += ["--commitment", c]
        return self.ctl_ok(*args)

    def evaluate(self, code, level, reasons=""):
        args = ["evaluate", code, "--deputy", DEPUTY, "--satisfaction", level]
        if reasons:
            args += ["--reasons", reasons]
        return self.ctl_ok(*args)

    # ---- B, 基本满意: follow-up until the commitment is closed out ------------------------------
    def test_b_reply_goes_to_follow_up_and_closes_when_its_commitment_is_met(self):
        code = self.handling("关于新建小区配套幼儿园同步交付的建议")
        due = (local_today() + datetime.timedelta(days=90)).isoformat()

        # Refusals first: none changes the suggestion.
        if self.co:
            self.refused("duban.reply", "FAILED_PRECONDITION", code=code, unit=self.co[0],
                         actor="li", result_class="A", text="协办不能答复", signer="王")
        self.refused("duban.reply", "NOT_FOUND", code=code, unit="nosuchunit", actor="x",
                     result_class="A", text="t", signer="s")
        self.refused("duban.reply", "INVALID_ARGUMENT", code=code, unit=self.lead, actor="zhang",
                     result_class="X", text="t", signer="s")
        r = self.refused("duban.reply", "INVALID_ARGUMENT", code=code, unit=self.lead,
                         actor="zhang", result_class="B", text="t", signer="s")
        self.assertIn("commitments", r["message"])
        self.refused("duban.evaluate", "FAILED_PRECONDITION", code=code, deputy=DEPUTY,
                     satisfaction="satisfied", reasons="")

        out = self.reply(code, "B", "完成幼儿园建设@" + due)
        self.assertEqual((out["state"], out["round"]), ("REPLIED", 1), out)
        self.refused("duban.reply", "FAILED_PRECONDITION", code=code, unit=self.lead,
                     actor="zhang", result_class="A", text="再答复", signer="s")
        # The survey role asks the lead deputy (a notice in the deputy's outbox).
        self.wait_notice("deputy:" + DEPUTY, code, "evaluation_request")
        self.assertIn("evaluation_requested", self.actions(code))

        self.refused("duban.evaluate", "PERMISSION_DENIED", code=code, deputy="D0000",
                     satisfaction="satisfied", reasons="")
        self.refused("duban.evaluate", "INVALID_ARGUMENT", code=code, deputy=DEPUTY,
                     satisfaction="great", reasons="")
        self.refused("duban.evaluate", "INVALID_ARGUMENT", code=code, deputy=DEPUTY,
                     satisfaction="dissatisfied", reasons="")
        out = self.evaluate(code, "基本满意")
        self.assertEqual(out["state"], "EVALUATED", out)
        self.wait_state(code, "FOLLOW_UP")
        self.wait_until(lambda: "followup_planned" in self.actions(code), SETTLE_TIMEOUT,
                        "the followup role to plan the commitment's timers")

        s = self.get(code)["suggestion"]
        rounds = s["record"]["rounds"]
        self.assertEqual(len(rounds), 1, s)
        self.assertEqual((rounds[0]["result_class"], rounds[0]["satisfaction"], rounds[0]["signer"]),
                         ("B", "basic", "李局长"), rounds[0])
        self.assertEqual([(c["id"], c["due"], c["state"]) for c in rounds[0]["commitments"]],
                         [("r1c1", due, "OPEN")])

        # One matter, one code: only public fields, nothing private in the bytes.
        status = self.api.ok("duban.status", code=code)
        self.assertEqual(set(status), PUBLIC_KEYS, status)
        self.assertEqual((status["state"], status["reply_date"], status["satisfaction"],
                          status["rounds"]),
                         ("FOLLOW_UP", local_today().isoformat(), "基本满意", 1), status)
        self.assertTrue(status["result_class"].startswith("B "), status)
        raw = repr(status)
        for private in ("13800009101", "测试代表", DEPUTY, "答复正文", "李局长", "适龄儿童"):
            self.assertNotIn(private, raw, "duban.status leaked %r" % private)
        shown = self.ctl_ok("status", code)
        self.assertEqual(shown["state"], "FOLLOW_UP", shown)

        self.refused("duban.closeout", "NOT_FOUND", code=code, commitment="r9c9", basis="b",
                     actor="wang")
        out = self.ctl_ok("lookback", code, "--findings", "工程已开工", "--actor", "wang")
        self.assertEqual(out["state"], "FOLLOW_UP", out)
        out = self.ctl_ok("closeout", code, "--commitment", "r1c1", "--basis", "现场核查已建成",
                          "--actor", "wang")
        self.assertEqual(out["state"], "CLOSED", out)
        rec = self.get(code)["suggestion"]["record"]
        self.assertEqual(rec["lookbacks"], 1, rec)
        self.assertEqual(rec["rounds"][0]["commitments"][0]["basis"], "现场核查已建成", rec)
        self.assertEqual(self.api.ok("duban.status", code=code)["state_label"], "已办结")

    # ---- A, 不满意 twice: re-handling, then the directors' meeting -------------------------------
    def test_dissatisfied_twice_is_handled_again_then_goes_to_the_directors(self):
        code = self.handling("关于延长学校课后服务时间的建议")
        self.reply(code, "A")
        self.wait_notice("deputy:" + DEPUTY, code, "evaluation_request")
        self.evaluate(code, "不满意", "未解决接送难题")
        self.wait_state(code, "REHANDLING")
        s = self.get(code)["suggestion"]
        today = local_today()
        self.assertEqual(s["deadline"]["date"], add_months_clamped(today, 1).isoformat(), s)
        self.assertIn("rehandling", s["deadline"]["rule"])
        self.assertEqual(self.units(code)[self.lead], ("lead", "IN_PROGRESS"))
        self.wait_notice("unit:" + self.lead, code, "rehandling")
        # The reminder role plans the re-handling's reminders and its escalation.
        self.wait_until(lambda: self.actions(code).count("reminders_scheduled") >= 2,
                        SETTLE_TIMEOUT, "the re-handling reminders of %s" % code)

        out = self.reply(code, "A")
        self.assertEqual((out["state"], out["round"]), ("REPLIED", 2), out)
        self.wait_until(lambda: self.actions(code).count("evaluation_requested") >= 2,
                        SETTLE_TIMEOUT, "the second evaluation request")
        self.evaluate(code, "dissatisfied", "仍未解决")
        self.wait_state(code, "REHANDLING")
        # The second 不满意 hands the item to the escalation role (the directors' meeting).
        self.wait_until(
            lambda: any(e["actor"] == "worker:escalation" for e in self.get(code)["timeline"]),
            SETTLE_TIMEOUT, "the escalation role to take the twice-dissatisfied item")
        self.assertEqual(self.api.ok("duban.status", code=code)["rounds"], 2)

        self.reply(code, "A")
        self.wait_until(lambda: self.actions(code).count("evaluation_requested") >= 3,
                        SETTLE_TIMEOUT, "the third evaluation request")
        self.evaluate(code, "满意")
        self.wait_state(code, "CLOSED")
        rounds = self.get(code)["suggestion"]["record"]["rounds"]
        self.assertEqual([r["satisfaction"] for r in rounds],
                         ["dissatisfied", "dissatisfied", "satisfied"])

    # ---- D, 满意: closes -------------------------------------------------------------------------
    def test_d_reply_evaluated_satisfied_closes(self):
        code = self.handling("关于在学校开设围棋课程的建议")
        self.reply(code, "D")
        self.wait_notice("deputy:" + DEPUTY, code, "evaluation_request")
        self.evaluate(code, "satisfied")
        self.wait_state(code, "CLOSED")
        self.refused("duban.closeout", "FAILED_PRECONDITION", code=code, commitment="",
                     basis="b", actor="wang")


class EvaluationTimersTest(HandlingCalls, SystemTestCase):
    """The deputy's silence is never taken as satisfied: on a clock 200 000 times faster, the
    reminder comes on the 10th working day after the reply and the overdue notice to staff on the
    20th, then staff are chased until the evaluation comes."""

    def setUp(self):
        self.sys = self.start_system(
            workers=ROLES, broker_args=("--time-scale", "200000", "--time-start", "2026-03-02"))
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, _ = education_rule()

    def test_silence_is_reminded_then_reported_to_staff(self):
        code = self.submit_routed("关于增加学校心理健康教师的建议")
        self.ctl_ok("sign", code, "--unit", self.lead, "--actor", "zhang")
        out = self.ctl_ok("reply", code, "--unit", self.lead, "--actor", "zhang", "--class", "A",
                          "--text", "已增配", "--signer", "李局长")
        self.assertEqual(out["state"], "REPLIED", out)
        reminder = self.wait_notice("deputy:" + DEPUTY, code, "evaluation_reminder")
        overdue = self.wait_notice("staff", code, "evaluation_overdue")
        self.assertLess(reminder["at_ms"], overdue["at_ms"])
        actions = self.actions(code)
        self.assertIn("evaluation_reminded", actions)
        self.assertIn("evaluation_overdue", actions)
        self.assertEqual(self.state(code), "REPLIED", "silence is not an evaluation")
        # The evaluation still counts when it comes late, and ends the chase.
        self.ctl_ok("evaluate", code, "--deputy", DEPUTY, "--satisfaction", "满意")
        self.wait_until(lambda: self.state(code) == "CLOSED", SETTLE_TIMEOUT, "CLOSED")


if __name__ == "__main__":
    unittest.main()
