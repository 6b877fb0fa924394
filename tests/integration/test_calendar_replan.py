"""Deadlines stay right when the calendar changes (issue 9, hole 9), through the real broker,
Redis, the assignment and reminder workers, dubanctl and duban-monitor.

The system starts with only 2026's working calendar, on a domain clock that starts at
2026-12-01 09:00 (--time-start). A suggestion is assigned, so its reply is due 2027-03-01 and the
reminder role plans its reminders into 2027, judging the missing year Monday to Friday:
reply.remind.30d falls on Monday 2027-02-01. While they wait on an assumed year, `dubanctl check`
prints a warning (exit 0: a warning, not a failure), /metrics says
duban_timers_on_assumed_calendar{year="2027"} 4 and the dashboard shows a warning.

Then a test-only 2027 calendar arrives (a holiday on 2027-02-01, the day that reminder landed):
a broken file first, refused with its name and nothing changed; then the real one.
`dubanctl calendar replan --dry-run` lists exactly that change and changes nothing; without
--dry-run it moves the reminder to Tuesday 2027-02-02 09:00, writes it on the timeline, and the
gauge goes back to 0, check is clean, verify is clean, a second run changes nothing, and the
moved timer survives kill -9 of the broker.
"""

import datetime
import os
import re
import shutil
import tempfile
import time
import unittest

from handling import SETTLE_TIMEOUT, HandlingCalls, education_rule
from harness import Api, SystemTestCase, source_dir
from monitor_harness import Monitor, now_ms, run_chromium
from test_dashboard_browser import VIRTUAL_TIME_MS, TestIds

UTC8 = datetime.timezone(datetime.timedelta(hours=8))
START = "2026-12-01"  # the broker's domain clock starts here at 09:00 (a Tuesday)
PREFIX = "{duban}"      # config/duban.toml redis.key_prefix
# Reply due 2027-03-01 (3 calendar months after 2026-12-01); its reminders 30, 15, 5 and 1 days
# before, moved to the next working day: 2027-02-01 (Sat 01-30 -> Mon), 02-15 (Sun 02-14 -> Mon),
# 02-24 (Wed), 03-01 (Sun 02-28 -> Mon). All four assume 2027 Monday to Friday.
ASSUMED_2027 = 4
TIMER = "reply.remind.30d"

CALENDAR_2027 = """# TEST ONLY: not the State Council's 2027 notice. One holiday on the day reply.remind.30d
# landed while 2027 was judged Monday to Friday.
year = 2027
source = "测试用2027年日历（非国务院通知）"

[[holiday]]
name = "测试假日"
dates = ["2027-02-01"]
"""
BROKEN_2027 = 'year = 2027\nsource = "broken"\n[[holiday]]\nname = "x"\ndates = ["2027-02-30"]\n'


def local_ms(y, m, d, hour=9):
    return int(datetime.datetime(y, m, d, hour, 0, tzinfo=UTC8).timestamp() * 1000)


class CalendarReplanTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        # A private copy of the config, so the test can add a calendar year to it.
        self.config_dir = tempfile.mkdtemp(prefix="duban-calendar-config-")
        self.addCleanup(shutil.rmtree, self.config_dir, True)
        shutil.copytree(os.path.join(source_dir(), "config"), self.config_dir, dirs_exist_ok=True)
        self.config = os.path.join(self.config_dir, "duban.toml")
        for name in os.listdir(os.path.join(self.config_dir, "calendar")):
            if name.endswith(".toml") and name != "2026.toml":
                os.remove(os.path.join(self.config_dir, "calendar", name))
        self.sys = self.start_system(workers=["assignment", "reminder", "escalation"],
                                     broker_args=["--time-start", START], config=self.config)
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, self.co = education_rule()

    # ---- helpers -------------------------------------------------------------------------------
    def list_calendar_files(self, files):
        with open(self.config, encoding="utf-8") as f:
            text = f.read()
        new = re.sub(r'(?m)^calendar_files = \[.*\]$',
                     "calendar_files = [%s]" % ", ".join('"%s"' % x for x in files), text)
        self.assertNotEqual(new, text, "duban.toml has no calendar_files line to change")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(new)

    def write_2027(self, text):
        with open(os.path.join(self.config_dir, "calendar", "2027.toml"), "w",
                  encoding="utf-8") as f:
            f.write(text)

    def due(self, code, name):
        out = self.sys.redis.cli("ZSCORE", "%s:timers" % PREFIX, "%s|%s" % (code, name)).strip()
        self.assertTrue(out, "timer %s of %s is not pending" % (name, code))
        return int(float(out))

    def gauge(self, monitor, year):
        """duban_timers_on_assumed_calendar{year=...} from a /metrics scrape sampled from now on."""
        monitor.overview_after(now_ms())
        text = monitor.get("/metrics").text()
        m = re.search(r'^duban_timers_on_assumed_calendar\{year="%d"\} (\S+)$' % year, text, re.M)
        self.assertIsNotNone(m, "no gauge for %d in /metrics:\n%s" % (year, text[-3000:]))
        return int(float(m.group(1)))

    def dashboard_warning(self, monitor):
        monitor.overview_after(now_ms())
        rc, out, err = run_chromium(monitor.base + "/",
                                    ["--virtual-time-budget=%d" % VIRTUAL_TIME_MS, "--dump-dom"],
                                    self.sys.folder)
        self.assertEqual(rc, 0, "chromium failed: " + err[-2000:])
        page = TestIds()
        page.feed(out)
        self.assertEqual(page.state, "ready", "the page did not load: " + out[:2000])
        return page.text("calendar-warning")

    def ctl_text(self, *args):
        rc, out = self.sys.ctl(*args, json=False)
        return rc, out

    # ---- the story -----------------------------------------------------------------------------
    def test_a_new_calendar_year_re_plans_the_reminders_that_assumed_it(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        self.wait_until(lambda: "reminders_scheduled" in self.actions(code), SETTLE_TIMEOUT,
                        "the reminder role to plan the reply's reminders")
        self.assertEqual(self.get(code)["suggestion"]["deadline"]["date"], "2027-03-01")
        old_due = local_ms(2027, 2, 1)
        self.assertEqual(self.due(code, TIMER), old_due, "planned Monday to Friday into 2027")
        monitor = Monitor(self.sys, interval_ms=300)

        # While a pending date depends on a missing year: check warns (exit 0), the gauge, the page.
        rc, out = self.ctl_text("check")
        self.assertEqual(rc, 0, out)
        self.assertIn("warning: %d pending working-day timers assume 2027 is Monday to Friday"
                      % ASSUMED_2027, out)
        status = self.ctl_ok("calendar", "status")
        self.assertEqual(status["loaded"], [2026])
        y2027 = [y for y in status["years"] if y["year"] == 2027]
        self.assertEqual(len(y2027), 1, status)
        self.assertEqual(y2027[0]["assumed"], ASSUMED_2027, status)
        self.assertFalse(y2027[0]["loaded"])
        self.assertEqual(self.gauge(monitor, 2027), ASSUMED_2027)
        self.assertIn("2027", self.dashboard_warning(monitor))

        # A broken 2027 file: refused with its name, nothing changed, the broker keeps running.
        self.write_2027(BROKEN_2027)
        self.list_calendar_files(["calendar/2026.toml", "calendar/2027.toml"])
        rc, out = self.sys.ctl("calendar", "replan", "--dry-run", json=False)
        self.assertEqual(rc, 1, out)
        rc, out = self.sys.ctl("calendar", "replan", "--actor", "wang", json=False)
        self.assertEqual(rc, 1, out)
        log = open(os.path.join(self.sys.folder, "dubanctl.log"), encoding="utf-8").read()
        self.assertIn("2027.toml", log.split("calendar replan --actor wang")[-1])
        self.assertEqual(self.due(code, TIMER), old_due)
        self.assertEqual(self.ctl_ok("calendar", "status")["loaded"], [2026])
        self.assertAlive(self.sys.broker)

        # The real (test-only) 2027 calendar. A dry run lists exactly the one change, and changes
        # nothing: not the timer, not the timeline, not the broker's calendar.
        self.write_2027(CALENDAR_2027)
        timeline_before = self.get(code)["timeline"]
        dry = self.ctl_ok("calendar", "replan", "--dry-run")
        self.assertTrue(dry["dry_run"])
        new_due = local_ms(2027, 2, 2)
        self.assertEqual([(c["code"], c["timer"], c["old_due_ms"], c["new_due_ms"])
                          for c in dry["changes"]], [(code, TIMER, old_due, new_due)], dry)
        self.assertEqual(dry["changes"][0]["rule"], "next working day from 2027-01-30")
        self.assertEqual(self.due(code, TIMER), old_due)
        self.assertEqual(self.get(code)["timeline"], timeline_before)
        self.assertEqual(self.ctl_ok("calendar", "status")["loaded"], [2026])
        rc, out = self.ctl_text("calendar", "replan", "--dry-run")
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r"%s\s+%s\s+2027-02-01 09:00(:00)?\s+2027-02-02 09:00" % (code, TIMER))
        self.assertIn("dry run: 1 timer would move", out)

        # Applied: the new due time, one entry on the timeline, the year no longer assumed.
        applied = self.ctl_ok("calendar", "replan", "--actor", "wang")
        self.assertFalse(applied["dry_run"])
        self.assertEqual([(c["code"], c["timer"], c["new_due_ms"]) for c in applied["changes"]],
                         [(code, TIMER, new_due)], applied)
        self.assertEqual(applied["loaded"], [2026, 2027])
        self.assertEqual(self.due(code, TIMER), new_due)
        for name, when in (("reply.remind.15d", local_ms(2027, 2, 15)),
                           ("reply.remind.5d", local_ms(2027, 2, 24)),
                           ("reply.remind.1d", local_ms(2027, 3, 1))):
            self.assertEqual(self.due(code, name), when, name + " had no reason to move")
        timeline = self.get(code)["timeline"]
        added = timeline[len(timeline_before):]
        self.assertEqual([e["action"] for e in added], ["timer_replanned"], added)
        self.assertEqual(added[0]["actor"], "staff:wang")
        self.assertIn("%s re-planned" % TIMER, added[0]["note"])
        self.assertIn("2027-02-01 09:00 → 2027-02-02 09:00", added[0]["note"])
        self.assertIn("测试用2027年日历", added[0]["note"])
        status = self.ctl_ok("calendar", "status")
        y2027 = [y for y in status["years"] if y["year"] == 2027][0]
        self.assertEqual((y2027["loaded"], y2027["assumed"], y2027["replan_needed"]),
                         (True, 0, False), status)
        self.assertEqual(self.gauge(monitor, 2027), 0)
        self.assertEqual(self.dashboard_warning(monitor), "")
        rc, out = self.ctl_text("check")
        self.assertEqual(rc, 0, out)
        self.assertNotIn("warning", out)
        rc, out = self.ctl_text("verify", "--all")
        self.assertEqual(rc, 0, out)
        self.assertIn("0 failed", out)

        # Idempotent: a second run changes nothing.
        again = self.ctl_ok("calendar", "replan", "--actor", "wang")
        self.assertEqual(again["changes"], [], again)
        self.assertEqual(len(self.get(code)["timeline"]), len(timeline))
        self.assertEqual(self.due(code, TIMER), new_due)

        # Survives kill -9: the broker starts again with 2027 (its config lists it now).
        self.sys.broker.kill9()
        self.sys.start_broker()
        self.assertEqual(self.due(code, TIMER), new_due)
        status = self.ctl_ok("calendar", "status")
        self.assertEqual(status["loaded"], [2026, 2027])
        self.assertEqual([y["year"] for y in status["years"] if y["replan_needed"]], [], status)
        rc, out = self.ctl_text("check")
        self.assertEqual(rc, 0, out)
        self.assertNotIn("warning", out)


if __name__ == "__main__":
    unittest.main()
