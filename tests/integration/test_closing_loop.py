"""Closing the loop through the real broker, Redis and the assignment, reminder, escalation, survey
and followup workers (docs/domain.md#closing-the-loop): the lead unit replies
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
import os
import time
import tomllib
import unittest

from harness import Api, SystemTestCase, source_dir
from handling import (SETTLE_TIMEOUT, UTC_OFFSET, HandlingCalls, add_months_clamped,
                      education_rule, local_date_of, local_today)

ROLES = ["assignment", "reminder", "escalation", "survey", "followup"]
DEPUTY = "D9101"  # handling.draft's lead deputy
SCALE = 200000                   # EvaluationTimersTest's domain clock: 200 000 times real time
START = datetime.date(2026, 3, 2)  # from 09:00 on this day
PUBLIC_KEYS = {"v", "ok", "code", "session", "state", "state_label", "units", "deadline",
               "reply_date", "result_class", "satisfaction", "rounds", "title"}


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
            workers=ROLES, broker_args=("--time-scale", str(SCALE), "--time-start",
                                        START.isoformat()))
        self._real_start_ms = time.time() * 1000  # after the broker started: see domain_now_ms
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, _ = education_rule()

    def test_silence_is_reminded_then_reported_to_staff(self):
        code = self.submit_routed("关于增加学校心理健康教师的建议")
        self.ctl_ok("sign", code, "--unit", self.lead, "--actor", "zhang")
        out = self.ctl_ok("reply", code, "--unit", self.lead, "--actor", "zhang", "--class", "A",
                          "--text", "已增配", "--signer", "李局长")
        self.assertEqual(out["state"], "REPLIED", out)
        replied_ms = self.get(code)["suggestion"]["record"]["rounds"][-1]["replied_ms"]
        cal = WorkingDays()
        replied = local_date_of(replied_ms)
        want_remind = cal.add(replied, 10)    # jurisdiction.evaluation_remind_working_days
        want_overdue = cal.add(replied, 20)   # jurisdiction.evaluation_overdue_working_days

        # The request plans both timers at 09:00 (work_start_minute) of those working days.
        self.wait_notice("deputy:" + DEPUTY, code, "evaluation_request")
        requested = self.entries(code, "evaluation_requested")
        self.assertEqual(len(requested), 1, requested)
        self.assertIn("reminder %s 09:00" % want_remind, requested[0]["note"])
        self.assertIn("overdue %s 09:00" % want_overdue, requested[0]["note"])

        reminder = self.wait_notice("deputy:" + DEPUTY, code, "evaluation_reminder")
        overdue = self.wait_notice("staff", code, "evaluation_overdue")
        self.assertLess(reminder["at_ms"], overdue["at_ms"])
        # Never early; on the planned day unless the role deferred it (it came after hours).
        self.assert_fired_on(code, "evaluation_reminded", reminder, want_remind, "survey.remind")
        self.assert_fired_on(code, "evaluation_overdue", overdue, want_overdue, "survey.overdue")
        self.assertEqual(len(self.entries(code, "evaluation_reminded")), 1)
        self.assertEqual(len(self.entries(code, "evaluation_overdue")), 1)
        self.assertEqual(self.state(code), "REPLIED", "silence is not an evaluation")

        # Then staff are chased every 5 working days (evaluation_chase_working_days).
        overdue_entry = self.entries(code, "evaluation_overdue")[0]
        want_chase = cal.add(local_date_of(overdue_entry["at_ms"]), 5)
        self.assertIn("chased again %s 09:00" % want_chase, overdue_entry["note"])
        self.wait_until(lambda: self.entries(code, "evaluation_chased"), SETTLE_TIMEOUT,
                        "the first chase of staff")
        chased = self.entries(code, "evaluation_chased")
        self.assertEqual(len(chased), 1, chased)
        self.assertGreaterEqual(local_date_of(chased[0]["at_ms"]), want_chase)

        # The evaluation still counts when it comes late, and ends the chase.
        self.ctl_ok("evaluate", code, "--deputy", DEPUTY, "--satisfaction", "满意")
        self.wait_until(lambda: self.state(code) == "CLOSED", SETTLE_TIMEOUT, "CLOSED")
        staff_before = self.staff_notices(code)
        evaluated_at = self.entries(code, "evaluated")[-1]["at_ms"]
        # Let the next chase's working day pass (5 working days after the last chase, plus a
        # margin: about 4 s of real time at scale 200 000).
        next_chase = cal.add(local_date_of(chased[0]["at_ms"]), 5)
        self.wait_until(lambda: local_date_of(self.domain_now_ms()) > next_chase
                        + datetime.timedelta(days=2), SETTLE_TIMEOUT,
                        "the domain clock to pass %s" % next_chase)
        self.wait_quiet()
        late = [e for e in self.get(code)["timeline"] if e["at_ms"] > evaluated_at
                and e["action"] in ("evaluation_chased", "evaluation_overdue",
                                    "evaluation_reminded")]
        self.assertEqual(late, [], "the chase goes on after the evaluation")
        self.assertEqual(self.staff_notices(code), staff_before,
                         "staff were told again after the evaluation")
        self.assertEqual(self.stored_state(code)["timers"], [], "a survey timer is left")

    # ---- helpers -------------------------------------------------------------------------------
    def entries(self, code, action):
        return [e for e in self.get(code)["timeline"] if e["action"] == action]

    def staff_notices(self, code):
        return [n for n in self.inbox("staff", limit=200) if n["code"] == code]

    def domain_now_ms(self):
        """A lower bound of the broker's domain time: it started at 09:00 of START on or before
        the moment setUp saw it running, and runs SCALE times faster than real time."""
        return local_ms(START, 9, 0) + (time.time() * 1000 - self._real_start_ms) * SCALE

    def assert_fired_on(self, code, action, notice, want_date, timer):
        entry = self.entries(code, action)[0]
        due_ms = local_ms(want_date, 9, 0)
        self.assertGreaterEqual(notice["at_ms"], due_ms, "%s before its due time" % action)
        self.assertGreaterEqual(entry["at_ms"], due_ms, "%s before its due time" % action)
        deferred = [e for e in self.get(code)["timeline"] if e["action"] == "survey_deferred"
                    and e["note"].startswith(timer + ":")]
        if not deferred:
            self.assertEqual(local_date_of(entry["at_ms"]), want_date,
                             "%s on the wrong day: %r" % (action, entry))


class WorkingDays:
    """The working calendar of config/calendar/*.toml, read here (not through Duban's code):
    Monday to Friday, minus [[holiday]] dates, plus [[workday]] dates (调休)."""

    def __init__(self):
        folder = os.path.join(source_dir(), "config", "calendar")
        self.holidays, self.workdays = set(), set()
        for name in os.listdir(folder):
            if not name.endswith(".toml"):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                data = tomllib.load(f)
            for h in data.get("holiday", []):
                self.holidays.update(datetime.date.fromisoformat(d) for d in h["dates"])
            for w in data.get("workday", []):
                self.workdays.update(datetime.date.fromisoformat(d) for d in w["dates"])

    def working(self, d):
        return d in self.workdays or (d.weekday() < 5 and d not in self.holidays)

    def add(self, d, n):
        """The n-th working day strictly after d."""
        while n > 0:
            d += datetime.timedelta(days=1)
            if self.working(d):
                n -= 1
        return d


def local_ms(d, hour, minute):
    """Epoch ms of local (UTC+8) time `hour:minute` on date d."""
    t = datetime.datetime(d.year, d.month, d.day, hour, minute, tzinfo=datetime.timezone(UTC_OFFSET))
    return int(t.timestamp() * 1000)


if __name__ == "__main__":
    unittest.main()
