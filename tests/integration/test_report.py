"""`dubanctl report` (duban.report) through the real broker, Redis and workers (issue 4, item 5).

A few suggestions are handled end to end with the commands units, deputies and staff use
(`sign`, `contact`, `reply`, `evaluate`), then the report's figures are checked against what the
test did, in all three formats (JSON, CSV, table). docs/reports.md defines the figures:

  S1 教育 → lead jyj: signed, met by jyj (三见面), replied A, evaluated 满意
  S2 教育 → lead jyj: signed, met by the co-handler czj only, replied B with a commitment, 基本满意
  S3 教育 → lead jyj: signed, never replied
  S4 医疗保障 → lead ybj: replied D, 不满意 → re-handled (REHANDLING) → replied A, not yet evaluated
  S5 教育, session 2025 → lead jyj: out of the 2026 session, in a date range around today

so for session 2026: jyj assigned 3, replied 2 (reply rate 66.7%), met 1 (33.3%), evaluated 2,
accepted 2 (satisfaction 100.0%), solved 1 (50.0%); ybj assigned 1, replied 1, evaluated 1 with
不满意 standing (0.0%), solved 1 (its latest reply is A). Every reply here is on time (a late one
needs months of domain time; tests/services/report_test.cc covers it).
"""

import csv
import datetime
import io
import json
import uuid

from harness import Api, SystemTestCase, config_path

UTC_OFFSET = datetime.timedelta(hours=8)  # config/duban.toml: Asia/Shanghai
SETTLE_TIMEOUT = 20.0
DEPUTY = "D9301"


def draft(title, category, session="2026"):
    return {"title": title, "content": "请有关部门研究解决。", "category": category,
            "keywords": [], "deputy": {"id": DEPUTY, "name": "测试代表", "contact": ""},
            "co_signers": [], "session": session}


def local_today():
    return (datetime.datetime.now(datetime.timezone.utc) + UTC_OFFSET).date()


class ReportTest(SystemTestCase):
    def setUp(self):
        self.sys = self.start_system(workers=["assignment", "reminder", "survey"])
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)

    # ---- helpers -------------------------------------------------------------------------------
    def state(self, code):
        return self.api.ok("duban.get", code=code)["suggestion"]["state"]

    def wait_state(self, code, state):
        self.wait_until(lambda: self.state(code) == state, SETTLE_TIMEOUT,
                        "%s to be %s" % (code, state))

    def submit(self, title, category, session="2026"):
        code = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                           draft=draft(title, category, session))["code"]
        self.wait_state(code, "ASSIGNED")
        return code

    def ctl_ok(self, *args):
        rc, out = self.sys.ctl(*args)
        self.assertEqual(rc, 0, "dubanctl %s failed (rc %d): %r" % (" ".join(args), rc, out))
        return out

    def reply(self, code, unit, cls, *extra):
        self.ctl_ok("reply", code, "--unit", unit, "--actor", "zhang", "--class", cls,
                    "--signer", "李局长", "--text", "答复内容", *extra)

    def evaluate(self, code, level, *extra):
        self.ctl_ok("evaluate", code, "--deputy", DEPUTY, "--satisfaction", level, *extra)

    def report(self, *args, fmt="json"):
        rc, out = self.sys.ctl("--config", config_path(), "report", *args, "--format", fmt,
                               json=False)
        self.assertEqual(rc, 0, out)
        return json.loads(out) if fmt == "json" else out

    # ---- the scenario --------------------------------------------------------------------------
    def handle_suggestions(self):
        s1 = self.submit("关于校园周边交通安全的建议", "教育")
        s2 = self.submit("关于增加学位供给的建议", "教育")
        s3 = self.submit("关于课后服务的建议", "教育")
        s4 = self.submit("关于医保异地结算的建议", "医疗保障")
        s5 = self.submit("关于职业教育的建议", "教育", session="2025")
        for code in (s1, s2, s3):
            self.ctl_ok("sign", code, "--unit", "jyj", "--actor", "zhang")
        self.ctl_ok("sign", s4, "--unit", "ybj", "--actor", "zhao")
        self.ctl_ok("contact", s1, "--unit", "jyj", "--actor", "zhang", "--phase", "before",
                    "--note", "电话沟通办理思路")
        self.ctl_ok("sign", s2, "--unit", "czj", "--actor", "li")
        self.ctl_ok("contact", s2, "--unit", "czj", "--actor", "li", "--phase", "during",
                    "--note", "协办单位上门走访")

        self.reply(s1, "jyj", "A")
        due = (local_today() + datetime.timedelta(days=200)).isoformat()
        self.reply(s2, "jyj", "B", "--commitment", "完成扩建@" + due)
        self.reply(s4, "ybj", "D")
        self.evaluate(s1, "满意")
        self.evaluate(s2, "basic")
        self.evaluate(s4, "dissatisfied", "--reasons", "未解决实际问题")
        self.wait_state(s4, "REHANDLING")  # the survey role sends it back
        self.reply(s4, "ybj", "A")
        return s1, s2, s3, s4, s5

    def check_row(self, row, assigned, replied, on_time, met, evaluated, accepted, solved):
        got = {k: row[k] for k in ("assigned", "replied", "on_time", "met", "evaluated",
                                   "accepted", "solved")}
        self.assertEqual(got, {"assigned": assigned, "replied": replied, "on_time": on_time,
                               "met": met, "evaluated": evaluated, "accepted": accepted,
                               "solved": solved}, row)

    def test_figures_in_json_csv_and_table(self):
        self.handle_suggestions()

        # ---- JSON, by session --------------------------------------------------------------
        r = self.report("--session", "2026")
        self.assertEqual(r["session"], "2026")
        units = {u["unit"]: u for u in r["units"]}
        self.assertEqual(sorted(units), ["jyj", "ybj"], r)  # co-handler czj has no row
        jyj, ybj, overall = units["jyj"], units["ybj"], r["overall"]
        self.check_row(jyj, 3, 2, 2, 1, 2, 2, 1)
        self.check_row(ybj, 1, 1, 1, 0, 1, 0, 1)
        self.check_row(overall, 4, 3, 3, 1, 3, 2, 2)
        self.assertEqual(jyj["unit_name"], "市教育局")
        self.assertEqual(overall["unit_name"], "合计")
        self.assertEqual(jyj["rates"]["reply"],
                         {"numerator": 2, "denominator": 3, "percent": 66.7, "text": "66.7%"})
        self.assertEqual(jyj["rates"]["meeting"]["text"], "33.3%")
        self.assertEqual(jyj["rates"]["satisfaction"]["percent"], 100.0)
        self.assertEqual(jyj["rates"]["solved"]["text"], "50.0%")
        self.assertEqual(ybj["rates"]["satisfaction"]["text"], "0.0%")
        self.assertEqual(ybj["rates"]["solved"]["text"], "100.0%")
        self.assertEqual({c["code"]: c["count"] for c in jyj["by_class"]},
                         {"A": 1, "B": 1, "C": 0, "D": 0})
        self.assertEqual({c["code"]: c["count"] for c in ybj["by_class"]},
                         {"A": 1, "B": 0, "C": 0, "D": 0})  # its latest reply, not the D
        self.assertEqual({c["code"]: c["count"] for c in overall["by_satisfaction"]},
                         {"satisfied": 1, "basic": 1, "dissatisfied": 1})
        self.assertGreaterEqual(r["scanned"], 5)

        # --unit: that row, the overall row unchanged.
        one = self.report("--session", "2026", "--unit", "ybj")
        self.assertEqual([u["unit"] for u in one["units"]], ["ybj"])
        self.assertEqual(one["overall"]["assigned"], 4)
        # A session with nothing in it: no rate over nothing.
        none = self.report("--session", "2019")
        self.assertEqual(none["units"], [])
        self.assertEqual(none["overall"]["rates"]["reply"],
                         {"numerator": 0, "denominator": 0, "percent": None, "text": "—"})

        # ---- JSON, by assignment date: S5 (session 2025) is in, assigned today --------------
        today = local_today()
        around = self.report("--from", (today - datetime.timedelta(days=1)).isoformat(),
                             "--to", (today + datetime.timedelta(days=1)).isoformat())
        self.check_row({u["unit"]: u for u in around["units"]}["jyj"], 4, 2, 2, 1, 2, 2, 1)
        self.assertEqual(around["overall"]["assigned"], 5)
        before = self.report("--from", "2020-01-01", "--to", "2020-12-31")
        self.assertEqual((before["overall"]["assigned"], before["units"]), (0, []))

        # ---- CSV ---------------------------------------------------------------------------
        rows = list(csv.DictReader(io.StringIO(self.report("--session", "2026", fmt="csv"))))
        # Then one row per supervising committee (分工督办): 教育 and 医疗保障 are both jkww's
        # field (config/units.toml), so its row is the overall one.
        self.assertEqual([row["unit"] for row in rows], ["jyj", "ybj", "overall", "committee:jkww"])
        by_unit = {row["unit"]: row for row in rows}
        for column in ("assigned", "reply_rate", "on_time_rate", "meeting_rate",
                       "satisfaction_rate", "solved_rate"):
            self.assertEqual(by_unit["committee:jkww"][column], by_unit["overall"][column], column)
        self.assertEqual(by_unit["jyj"]["unit_name"], "市教育局")
        self.assertEqual((by_unit["jyj"]["reply_numerator"], by_unit["jyj"]["reply_denominator"],
                          by_unit["jyj"]["reply_rate"]), ("2", "3", "66.7%"))
        self.assertEqual(by_unit["jyj"]["meeting_rate"], "33.3%")
        self.assertEqual(by_unit["ybj"]["satisfaction_rate"], "0.0%")
        self.assertEqual(by_unit["overall"]["solved_rate"], "66.7%")
        self.assertEqual(by_unit["overall"]["class_A"], "2")
        self.assertEqual(by_unit["overall"]["satisfaction_dissatisfied"], "1")
        empty = list(csv.DictReader(io.StringIO(self.report("--session", "2019", fmt="csv"))))
        self.assertEqual(empty[0]["unit"], "overall")
        self.assertEqual(empty[0]["on_time_rate"], "—")

        # ---- table -------------------------------------------------------------------------
        text = self.report("--session", "2026", fmt="table")
        lines = text.splitlines()
        jyj_line = next(l for l in lines if l.startswith("市教育局 (jyj)"))
        for cell in ("66.7% (2/3)", "100.0% (2/2)", "33.3% (1/3)", "50.0% (1/2)"):
            self.assertIn(cell, jyj_line, text)
        overall_line = next(l for l in lines if l.startswith("合计 (overall)"))
        self.assertIn("75.0% (3/4)", overall_line, text)
        self.assertIn("66.7% (2/3)", overall_line, text)  # satisfaction and solved both 2/3
        self.assertIn("session 2026: 4 suggestions assigned", text)
        # --json is --format json; with csv it is a usage error.
        rc, out = self.sys.ctl("report", "--session", "2026")
        self.assertEqual((rc, out["overall"]["assigned"]), (0, 4), out)
        rc, _ = self.sys.ctl("report", "--session", "2026", "--format", "csv")
        self.assertEqual(rc, 2)

    def test_bad_scopes_are_refused(self):
        bad = [dict(), dict(session="2026", **{"from": "2026-01-01", "to": "2026-02-01"}),
               {"from": "2026-01-01"}, {"from": "2026-02-30", "to": "2026-03-01"},
               {"from": "2026-03-01", "to": "2026-02-01"}]
        for fields in bad:
            r = self.api.call("duban.report", **fields)
            self.assertIs(r.get("ok"), False, (fields, r))
            self.assertEqual(r.get("code"), "INVALID_ARGUMENT", (fields, r))
        rc, _ = self.sys.ctl("report", "--from", "2026-01-01")  # --from needs --to
        self.assertEqual(rc, 2)
