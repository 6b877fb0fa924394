"""代表·局长面对面 sessions (issue "The seed's four layers of supervision", item 2), through the
real broker, Redis and the workers, on a domain clock 200 000 times faster than real time (so a
commitment's reminder and overdue notice come within seconds):

- Staff schedule a session with dubanctl: a Sunday is refused unless forced; an unknown unit is
  refused; each discussed suggestion's timeline records the session once, even when the same
  request is retried.
- Outcomes: one problem resolved on the spot, one commitment with a due date. The same outcome
  again is `known`; another one is refused. The commitment is followed up by the followup role
  while the suggestion is still being handled: the unit that committed is reminded before the
  due date, staff and the unit are told when it is overdue, and staff close it out with
  `dubanctl closeout --commitment f1c1`.
- `dubanctl session show` and the report count what the sessions did; the timelines still verify.
"""

import datetime
import time

from handling import SETTLE_TIMEOUT, HandlingCalls, education_rule, local_date_of
from harness import Api, SystemTestCase
from test_closing_loop import ROLES, local_ms

SCALE = 200000
START = datetime.date(2026, 3, 2)  # a Monday, from 09:00


class SessionTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        self.sys = self.start_system(
            workers=ROLES, broker_args=("--time-scale", str(SCALE), "--time-start",
                                        START.isoformat()))
        self._real_start_ms = time.time() * 1000
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, self.co = education_rule()

    def domain_today(self):
        """A lower bound of the broker's local date (see EvaluationTimersTest.domain_now_ms)."""
        return local_date_of(local_ms(START, 9, 0)
                             + (time.time() * 1000 - self._real_start_ms) * SCALE)

    def entries(self, code, action):
        return [e for e in self.get(code)["timeline"] if e["action"] == action]

    def test_a_session_records_its_outcomes_and_its_commitment_is_followed_up(self):
        a = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        b = self.submit_routed("关于改善中小学课后服务的建议")
        schedule = ["session", "schedule", "--place", "市民服务中心三楼", "--topic", "学前教育",
                    "--unit", self.lead + "=张明局长", "--deputy", "D9101", "--deputy", "D9102",
                    "--code", a, "--code", b, "--actor", "wang", "--request-id", "f2f-it-1"]
        rc, out = self.sys.ctl(*schedule, "--date", "2026-03-08")  # a Sunday
        self.assertEqual(rc, 1, out)
        session = {"date": "2026-03-08", "place": "市民服务中心", "units": [{"unit": self.lead}],
                   "deputies": ["D9101"], "codes": [a]}
        r = self.api.call("duban.session", action="schedule", session=session, actor="wang")
        self.assertEqual(r.get("code"), "FAILED_PRECONDITION", r)
        self.assertIn("not a working day", r["message"])
        session.update(date="2026-03-05", units=[{"unit": "nosuch"}])
        r = self.api.call("duban.session", action="schedule", session=session, actor="wang")
        self.assertEqual(r.get("code"), "INVALID_ARGUMENT", r)
        self.assertIn("unknown unit", r["message"])
        self.assertEqual(self.entries(a, "session_scheduled"), [], "a refusal wrote nothing")

        made = self.ctl_ok(*schedule, "--date", "2026-03-05")  # a Thursday
        self.assertEqual((made["result"], made["sessions"][0]["id"]), ("new", "F0001"), made)
        again = self.ctl_ok(*schedule, "--date", "2026-03-05")
        self.assertEqual((again["result"], again["sessions"][0]["id"]), ("known", "F0001"))
        for code in (a, b):
            entries = self.entries(code, "session_scheduled")
            self.assertEqual(len(entries), 1, entries)
            self.assertIn("代表·局长面对面 F0001：2026-03-05，市民服务中心三楼", entries[0]["note"])
            self.assertIn("（张明局长）", entries[0]["note"])
        forced = self.ctl_ok("session", "schedule", "--date", "2026-03-08", "--force", "--place",
                             "代表之家", "--unit", self.lead, "--deputy", "D9101", "--code", a,
                             "--actor", "wang")
        self.assertEqual(forced["sessions"][0]["id"], "F0002", forced)

        # Outcomes: resolved on the spot; a commitment due 25 days from the broker's today (the
        # reminder comes commitment_remind_days = 15 days before).
        out = self.ctl_ok("session", "outcome", "F0001", a, "resolved", "--note",
                          "当场协调增加学位 200 个", "--actor", "wang")
        self.assertEqual(out["result"], "recorded", out)
        out = self.ctl_ok("session", "outcome", "F0001", a, "resolved", "--note",
                          "当场协调增加学位 200 个", "--actor", "wang")
        self.assertEqual(out["result"], "known", out)
        rc, out = self.sys.ctl("session", "outcome", "F0001", a, "referred", "--to", "市住建局",
                               "--note", "改口", "--actor", "wang")
        self.assertEqual(rc, 1, out)
        r = self.api.call("duban.session", action="outcome", id="F0001", code=a,
                          outcome="referred", referred_to="市住建局", note="改口", actor="wang")
        self.assertEqual(r.get("code"), "FAILED_PRECONDITION", r)
        self.assertIn("not rewritten", r["message"])
        due = (self.domain_today() + datetime.timedelta(days=25)).isoformat()
        out = self.ctl_ok("session", "outcome", "F0001", b, "commitment", "--due", due, "--note",
                          "秋季学期前完成课后服务场地改造", "--actor", "wang")
        item = [i for i in out["sessions"][0]["items"] if i["code"] == b][0]
        self.assertEqual((item["commitment"], item["unit"], item["due"]),
                         ("f1c1", self.lead, due), item)
        self.assertEqual(self.state(b), "ASSIGNED", "a session does not move the suggestion")

        # The followup role reminds the unit, then tells staff and the unit it is overdue.
        unit = "unit:" + self.lead
        reminder = self.wait_notice(unit, b, "commitment_reminder")
        self.assertIn("f1c1", reminder["text"])
        overdue = self.wait_notice("staff", b, "commitment_overdue")
        self.wait_notice(unit, b, "commitment_overdue")
        self.assertGreater(overdue["at_ms"], local_ms(datetime.date.fromisoformat(due), 23, 59))
        self.assertEqual(len(self.entries(b, "commitment_reminded")), 1)

        # Staff close it out; the session shows what each suggestion got.
        out = self.ctl_ok("closeout", b, "--commitment", "f1c1", "--basis", "现场核查已完成改造",
                          "--actor", "wang")
        self.assertEqual(out["state"], "ASSIGNED", out)
        rc, text = self.sys.ctl("session", "show", "F0001", json=False)
        self.assertEqual(rc, 0, text)
        self.assertIn("当场解决", text)
        self.assertIn("f1c1", text)
        self.assertIn("MET", text)
        listed = self.ctl_ok("session", "list", "--from", "2026-03-01", "--to", "2026-03-31")
        self.assertEqual([s["id"] for s in listed["sessions"]], ["F0001", "F0002"], listed)

        report = self.api.ok("duban.report", session="2026")
        self.assertEqual(report["sessions"], {"held": 2, "discussed": 2, "resolved": 1,
                                              "commitments": 1, "commitments_met": 1,
                                              "referred": 0}, report)
        for code in (a, b):
            rc, out = self.sys.ctl("verify", code)
            self.assertEqual(rc, 0, out)
