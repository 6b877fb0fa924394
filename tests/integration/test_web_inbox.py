"""duban-web's inbox (issue 12, item 2: the workbench inbox, read and unread, filtered by kind and
code), through the real broker with keys, Redis, the assignment, reminder and survey workers and
duban-web with its delegate key:

- the lead unit's clerk sees the co-handler's opinion notice unread, filters it by kind and by
  code (and a filter that does not match hides it), marks it read from the page: the header's
  unread count drops by one, the notice shows read, and the suggestion's timeline has exactly one
  `notice_read` (marking again adds none); a POST without the CSRF token is refused and marks
  nothing; another unit's clerk naming the notice's id marks nothing (the inbox is the
  account's own, never the form's);
- a deputy sees the review outcome and the evaluation request in its own inbox, by kind, and
  opens the suggestion from it; staff see theirs; a director's inbox is its office's.
"""

import re
import unittest
import uuid

from handling import HandlingCalls, draft
from harness import SystemTestCase
from web_harness import CO, DEPUTY, LEAD, WebSystem

NOTICE_ID = re.compile(r'name="ids" value="([0-9a-f]{12})"')
UNREAD_IN_HEADER = re.compile(r'<a class="inbox" href="/inbox"><strong>通知 \((\d+)\)</strong></a>')


class WebInboxTest(WebSystem, HandlingCalls, SystemTestCase):
    WEB_WORKERS = ("assignment", "reminder", "survey")
    EXTRA_ACCOUNTS = (("wangwu", "staff", "王五"), ("chen", "director:陈主任", "陈主任"))

    def header_unread(self, b, path="/unit"):
        page = b.get(path)
        self.assertEqual(page.status, 200, page.text[:2000])
        m = UNREAD_IN_HEADER.search(page.text)
        if m:
            return int(m.group(1))
        self.assertIn('<a class="inbox" href="/inbox">通知</a>', page.text, "the inbox link")
        return 0

    def unread_of(self, recipient, code, kind):
        return [n for n in self.inbox(recipient, limit=1000)
                if n["code"] == code and n["kind"] == kind and not n.get("read")]

    def items(self, page):
        """The notices of an inbox page: [(unread, html of the item)]."""
        return [("inbox-item unread" in head, body) for head, body in
                re.findall(r'<li (class="inbox-item(?: unread)?")>(.*?)</li>', page.text, re.S)]

    def test_clerk_filters_and_marks_the_opinion_notice_read(self):
        code = self.submit_routed("关于扩大普惠性幼儿园覆盖面的建议")
        qian = self.signed_in("qian")
        qian.follow(qian.act(code, "sign"))
        qian.follow(qian.act(code, "opinion", {"text": "同意<b>主办</b>单位意见"}))
        sent = self.wait_notice("unit:" + LEAD, code, "opinion")
        self.assertFalse(sent.get("read"))

        zhang = self.signed_in("zhang")
        before = self.header_unread(zhang)
        self.assertGreaterEqual(before, 1, "the header counts the unread opinion")
        self.assertEqual(before, self.api.ok("duban.inbox", recipient="unit:" + LEAD,
                                             limit=1)["unread"])

        page = zhang.get("/inbox")
        self.assertEqual(page.status, 200, page.text[:2000])
        self.assertNotIn("[?", page.text)
        self.assertIn("同意&lt;b&gt;主办&lt;/b&gt;单位意见", page.text, "the text, escaped")
        self.assertIn("<code class=\"code\">unit:%s</code>" % LEAD, page.text)

        # By kind and code: exactly this notice, unread, with its kind's words and a link.
        filtered = zhang.get("/inbox?kind=opinion&code=" + code)
        items = self.items(filtered)
        self.assertEqual(len(items), 1, filtered.text)
        unread, item = items[0]
        self.assertTrue(unread)
        self.assertIn("协办意见", item)
        self.assertIn('href="/s/%s"' % code, item)
        self.assertIn('<option value="opinion" selected>', filtered.text, "the filter kept")
        self.assertIn('<input name="code" value="%s"' % code, filtered.text)
        notice_id = NOTICE_ID.search(item).group(1)
        self.assertEqual(notice_id, sent["id"])
        self.assertEqual(self.items(zhang.get("/inbox?kind=reminder&code=" + code)), [],
                         "another kind hides it")
        self.assertEqual(self.items(zhang.get("/inbox?kind=opinion&code=S2026-99999")), [])
        r = zhang.get("/inbox?code=%3Cscript%3E")
        self.assertEqual(r.status, 400, "a code that is no code")
        self.assertIn("建议编号格式不对", r.text)
        self.assertNotIn("<script>", r.text)

        # Without the CSRF token: refused, nothing marked.
        r = zhang.post("/inbox/read", {"ids": notice_id})
        self.assertEqual(r.status, 403, r.text[:2000])
        # Another unit's clerk naming this id, with its own token: its own inbox is the one
        # marked, where no such notice is.
        other = self.signed_in("other")
        r = other.post("/inbox/read", {"csrf": other.get("/inbox").csrf(), "ids": notice_id})
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(len(self.unread_of("unit:" + LEAD, code, "opinion")), 1)
        self.assertNotIn("notice_read", self.actions(code))

        # Marked from the filtered page: back to the same filter, said once; read now.
        r = zhang.post("/inbox/read", {"csrf": filtered.csrf(), "ids": notice_id,
                                       "kind": "opinion", "code": code})
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertTrue(r.header("location").startswith("/inbox?kind=opinion&code=%s&flash=" % code),
                        r.header("location"))
        after = zhang.follow(r)
        self.assertIn("已标为已读。", after.text)
        self.assertEqual([u for u, _ in self.items(after)], [False])
        self.assertNotIn("action=\"/inbox/read\"", after.text, "nothing left to mark")
        self.assertEqual(self.header_unread(zhang), before - 1, "the count dropped by one")
        self.assertEqual(self.unread_of("unit:" + LEAD, code, "opinion"), [])
        self.assertEqual(self.items(zhang.get("/inbox?unread=1&code=" + code)), [])
        self.assertEqual(self.actions(code).count("notice_read"), 1)
        read = [e for e in self.get(code)["timeline"] if e["action"] == "notice_read"][0]
        self.assertIn("unit:%s" % LEAD, read["actor"])
        # Marked again (a reload of an old page): nothing more on the timeline.
        r = zhang.post("/inbox/read", {"csrf": filtered.csrf(), "ids": notice_id})
        self.assertEqual(r.status, 303)
        self.assertEqual(self.actions(code).count("notice_read"), 1)
        # Too many or malformed ids: refused before the broker.
        r = zhang.post("/inbox/read", {"csrf": filtered.csrf(), "ids": "X" * 12})
        self.assertEqual(r.status, 400)
        r = zhang.post("/inbox/read", {"csrf": filtered.csrf(),
                                       "ids": ",".join("%012x" % i for i in range(101))})
        self.assertEqual(r.status, 400)

        en = zhang.get("/inbox?lang=en&kind=opinion&code=" + code)
        self.assertIn("Co-handler&#39;s opinion", en.text)
        self.assertIn("<h1>Notices</h1>", en.text)

    def test_deputy_staff_and_director_read_their_own(self):
        unrouted = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                               draft=draft("关于一件无规则可依事项的建议", "内容待补充", "其他",
                                           ["无关"]))["code"]
        self.wait_state(unrouted, "IN_REVIEW")
        self.api.ok("duban.review", code=unrouted, outcome="return", reason="请补充具体地点",
                    actor="王五")
        replied = self.submit_routed("关于增设学校周边护学岗的建议")
        zhang = self.signed_in("zhang")
        zhang.follow(zhang.act(replied, "sign"))
        zhang.follow(zhang.act(replied, "reply", {"result_class": "A", "text": "已增设护学岗十处。",
                                                  "signer": "李局长"}))
        recipient = "deputy:" + DEPUTY
        self.wait_notice(recipient, unrouted, "review")
        self.wait_notice(recipient, replied, "evaluation_request")

        deputy = self.signed_in("deputy")
        self.assertGreaterEqual(self.header_unread(deputy, "/deputy"), 2)
        page = deputy.get("/inbox")
        self.assertEqual(page.status, 200, page.text[:2000])
        for part in ("审核结果", "请补充具体地点", "请测评", "已增设护学岗十处。",
                     "<code class=\"code\">%s</code>" % recipient):
            self.assertIn(part, page.text)
        only = deputy.get("/inbox?kind=evaluation_request")
        items = self.items(only)
        self.assertTrue(items and all("请测评" in body for _, body in items), only.text)
        self.assertIn('href="/s/%s"' % replied, only.text)
        self.assertNotIn('href="/s/%s"' % unrouted, only.text)
        self.assertEqual(deputy.get("/s/" + replied).status, 200, "opened from the inbox")
        self.assertNotIn("notice_read", self.actions(replied), "opening does not mark it read")

        staff = self.signed_in("wangwu")
        page = staff.get("/inbox?kind=decision_needed&code=" + unrouted)
        self.assertEqual(page.status, 200, page.text[:2000])
        self.assertEqual(len(self.items(page)), 1, page.text)
        self.assertIn("<code class=\"code\">staff</code>", page.text)

        chen = self.signed_in("chen")
        page = chen.get("/inbox")
        self.assertEqual(page.status, 200, page.text[:2000])
        self.assertIn("<code class=\"code\">office:director:陈主任</code>", page.text)
        self.assertNotIn('class="notice error"', page.text)


if __name__ == "__main__":
    unittest.main()
