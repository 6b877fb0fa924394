"""duban-web's staff, director and public pages over HTTP (issue 12, item 1), through the real
broker with keys, its public endpoint, the workers and duban-web with its delegate key:

- the staff's pages are for staff only (a unit's clerk gets 403), their forms need the CSRF token;
- the review queue: a suggestion no routing rule matched is shown with its full text and why; a
  return for rework needs its reason (400 without, nothing changed), and is then recorded with it;
  an assignment naming a unit the config lacks is refused before the broker;
- pending decisions: a clerk's extension request is listed with its reason, the date asked for
  and since when; staff approve it from the page; a co-handler's return is rejected;
- hot items and the agenda with its meeting date and leading director; the report and its .xlsx
  (a zip); the deadlines page;
- a director sees the agenda items they lead and their progress, and nothing else;
- the public page per code shows no private field, an unknown code is 404, and a client over the
  per-address limit gets 429 with Retry-After.
"""

import datetime
import re
import unittest
import uuid

from handling import HandlingCalls, draft, local_today
from harness import SystemTestCase
from web_harness import CO, LEAD, Browser, WebSystem

UNROUTED = ("关于一件无规则可依事项的建议", "内容待补充：建议全文<b>不转义就会加粗</b>", "其他", ["无关"])


class WebStaffTest(WebSystem, HandlingCalls, SystemTestCase):
    WEB_PUBLIC = True
    EXTRA_ACCOUNTS = (("wangwu", "staff", "王五"), ("chen", "director:陈主任", "陈主任"))

    def submit_unrouted(self):
        code = self.api.ok("duban.submit", request_id=uuid.uuid4().hex, draft=draft(*UNROUTED))["code"]
        self.wait_state(code, "IN_REVIEW")
        return code

    def post_from(self, b, page_path, action, fields):
        page = b.get(page_path)
        self.assertEqual(page.status, 200, page.text[:2000])
        self.assertIn('action="%s"' % action, page.text)
        return b.post(action, dict(fields, csrf=page.csrf()))

    def test_staff_pages_are_for_staff(self):
        staff = self.signed_in("wangwu")
        home = staff.follow(staff.get("/"))
        self.assertEqual(home.status, 200)
        self.assertIn("代表工委", home.text)
        for path in ("/staff/review", "/staff/decisions", "/staff/deadlines", "/staff/hot",
                     "/staff/agenda", "/staff/report"):
            r = staff.get(path)
            self.assertEqual(r.status, 200, "%s: %d\n%s" % (path, r.status, r.text[:2000]))
            self.assertNotIn("[?", r.text, "a missing word on " + path)
            self.assertIn("English", r.text)
        zhang = self.signed_in("zhang")
        for path in ("/staff", "/staff/review", "/staff/report.xlsx", "/director"):
            self.assertEqual(zhang.get(path).status, 403, path)
        code = self.submit_unrouted()
        r = staff.post("/staff/review/%s/accept" % code, {})
        self.assertEqual(r.status, 403, "no CSRF token")
        r = zhang.post("/staff/review/%s/accept" % code, {"csrf": zhang.get("/unit").csrf()})
        self.assertEqual(r.status, 403, "a unit's clerk, with its own token")
        self.assertEqual(self.state(code), "IN_REVIEW")

    def test_review_queue_outcomes(self):
        code = self.submit_unrouted()
        staff = self.signed_in("wangwu")
        page = staff.get("/staff/review")
        self.assertIn(code, page.text)
        self.assertIn("没有匹配的分办规则", page.text)
        self.assertIn("建议全文&lt;b&gt;不转义就会加粗&lt;/b&gt;", page.text, "the full text, escaped")
        self.assertNotIn("13800009101", page.text, "never the deputy's contact")

        r = self.post_from(staff, "/staff/review", "/staff/review/%s/return" % code, {"reason": ""})
        self.assertEqual(r.status, 400, r.text[:2000])
        self.assertEqual(self.state(code), "IN_REVIEW", "refused: nothing changed")
        r = self.post_from(staff, "/staff/review", "/staff/review/%s/assign" % code,
                           {"lead_unit": "nosuch"})
        self.assertEqual(r.status, 400, r.text[:2000])
        r = self.post_from(staff, "/staff/review", "/staff/review/%s/return" % code,
                           {"reason": "请补充具体地点和诉求"})
        self.assertIn("已退回代表修改。", staff.follow(r).text)
        s = self.get(code)
        self.assertEqual(s["suggestion"]["state"], "RETURNED_FOR_REWORK")
        self.assertEqual(s["suggestion"]["record"]["review_reason"], "请补充具体地点和诉求")
        self.assertIn("王五", s["timeline"][-1]["actor"])
        self.assertNotIn(code, staff.get("/staff/review").text, "no longer waits for staff")

        # A merge, refused by the broker (into a code that does not exist): its code on a page.
        other = self.submit_unrouted()
        r = self.post_from(staff, "/staff/review", "/staff/review/%s/merge" % other,
                           {"into": "S2026-99999", "reason": "重复"})
        self.assertEqual(r.status, 404, r.text[:2000])
        self.assertIn("NOT_FOUND", r.text)

    def test_pending_decisions_are_decided_from_the_page(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位的建议")
        zhang = self.signed_in("zhang")
        zhang.follow(zhang.act(code, "sign"))
        until = (local_today() + datetime.timedelta(days=150)).isoformat()
        r = zhang.act(code, "extend", {"until": until, "reason": "需要征地，时间较长"})
        self.assertIn("延期申请已提交", zhang.follow(r).text)
        qian = self.signed_in("qian")
        qian.follow(qian.act(code, "return", {"reason": "不属于本单位职责"}))

        staff = self.signed_in("wangwu")
        page = staff.get("/staff/decisions")
        for part in (code, "需要征地，时间较长", until, "不属于本单位职责", "申请延期", "申请退回"):
            self.assertIn(part, page.text)
        self.assertEqual(page.text.count('action="/staff/decide/%s"' % code), 4,
                         "approve and reject for each of the two requests")
        r = staff.post("/staff/decide/" + code, {"csrf": page.csrf(), "unit": LEAD,
                                                  "request": "extension", "decision": "approve",
                                                  "note": "同意"})
        self.assertIn("已批准。", staff.follow(r).text)
        r = staff.post("/staff/decide/" + code, {"csrf": page.csrf(), "unit": CO,
                                                  "request": "return", "decision": "reject"})
        self.assertIn("已不批准。", staff.follow(r).text)
        units = self.units(code)
        self.assertEqual(units[LEAD][1], "EXTENDED")
        self.assertNotEqual(units[CO][1], "RETURN_PENDING")
        self.assertEqual(self.get(code)["suggestion"]["deadline"]["date"], until)
        self.assertNotIn(code, staff.get("/staff/decisions").text, "nothing pending any more")
        # Deciding again: the broker's refusal, with its code and Chinese words.
        r = staff.post("/staff/decide/" + code, {"csrf": page.csrf(), "unit": LEAD,
                                                  "request": "extension", "decision": "approve"})
        self.assertEqual(r.status, 409, r.text[:2000])
        self.assertIn("FAILED_PRECONDITION", r.text)

    def test_deadlines_agenda_report_and_director(self):
        code = self.submit_routed("关于中小学课后服务的建议")
        meeting = (local_today() + datetime.timedelta(days=30)).isoformat()
        self.api.ok("duban.meeting", action="add", date=meeting, actor="wang", force=True)
        self.api.ok("duban.hot", action="mark", code=code, reason="群众反映强烈", actor="wang")
        self.api.ok("duban.agenda", action="lead", id=code, director="陈主任", actor="wang")
        staff = self.signed_in("wangwu")
        hot = staff.get("/staff/hot")
        self.assertIn(code, hot.text)
        self.assertIn("群众反映强烈", hot.text)
        agenda = staff.get("/staff/agenda")
        self.assertIn(meeting, agenda.text)
        self.assertIn('id="a-%s"' % code, agenda.text)
        self.assertIn("陈主任", agenda.text)
        report = staff.get("/staff/report?session=2026")
        self.assertIn("答复率", report.text)
        self.assertIn('href="/staff/report.xlsx?session=2026"', report.text)
        xlsx = staff.get("/staff/report.xlsx?session=2026")
        self.assertEqual(xlsx.status, 200, xlsx.text[:500])
        self.assertEqual(xlsx.body[:4], b"PK\x03\x04")
        self.assertIn(b"xl/workbook.xml", xlsx.body)
        self.assertIn("attachment", xlsx.header("content-disposition"))
        self.assertEqual(staff.get("/staff/report?session=20x6").status, 400)

        chen = self.signed_in("chen")
        board = chen.follow(chen.get("/"))
        self.assertEqual(board.status, 200, board.text[:2000])
        self.assertIn("我领衔督办的议题", board.text)
        self.assertIn(code, board.text)
        self.assertIn(meeting, board.text)
        self.assertIn("待签收", board.text, "the lead unit's task state: its progress")
        self.assertEqual(chen.get("/s/" + code).status, 200, "a director reads what it leads")
        other = self.submit_routed("关于另一件事的建议")
        self.assertEqual(chen.get("/s/" + other).status, 403, "and nothing else")
        self.assertEqual(chen.get("/staff/agenda").status, 403)

        # Deadlines by unit: a fresh assignment is three months away, so none is listed (which
        # tasks are overdue or due soon is tests/web/staff_pages_test.cc's, on set dates).
        deadlines = staff.get("/staff/deadlines")
        self.assertEqual(deadlines.status, 200)
        self.assertIn("没有逾期或15日内到期的任务。", deadlines.text)

    def test_public_page_private_fields_404_and_throttle(self):
        code = self.submit_routed("关于学校周边交通安全的建议")
        anon = Browser(self.web)
        page = anon.get("/p/" + code)
        self.assertEqual(page.status, 200, page.text[:2000])
        self.assertIn(code, page.text)
        self.assertIn("已交办", page.text)
        self.assertIn("关于学校周边交通安全的建议", page.text, "the title is public")
        for private in ("13800009101", "测试代表", "D9101", "适龄儿童"):
            self.assertNotIn(private, page.text, "the public page shows %r" % private)
        self.assertIn('src="/p/%s/qr.svg"' % code, page.text)
        qr = anon.get("/p/%s/qr.svg" % code)
        self.assertEqual(qr.status, 200)
        self.assertTrue(qr.header("content-type").startswith("image/svg+xml"))
        self.assertTrue(re.search(rb'viewBox="0 0 \d+ \d+"', qr.body))
        self.assertEqual(anon.get("/p/S2026-99999").status, 404)
        self.assertEqual(anon.get("/p/S2026-99999/qr.svg").status, 404)
        self.assertEqual(anon.get("/p?code=" + code).header("location"), "/p/" + code)
        self.assertEqual(anon.get("/p?code=%3Cscript%3E").status, 400)
        statuses = [anon.get("/p/" + code).status for _ in range(40)]
        self.assertIn(429, statuses, "the per-address limit (30 a minute)")
        r = anon.get("/p/" + code)
        self.assertEqual(r.status, 429)
        self.assertGreater(int(r.header("retry-after")), 0)
        self.assertGreater(self.web.refused().get("public_throttled", 0), 0)


if __name__ == "__main__":
    unittest.main()
