"""duban-web, the workbench (issue 12, item 1), through the real broker with CurveZMQ on, Redis,
the assignment and reminder workers and duban-web acting with its own delegate key:

- a unit's clerk signs in, sees the new task on the board under 待签收, signs it, records a
  三见面 contact, starts and replies; the reply's warning (a co-handler's opinion missing) is
  shown; the timeline records the web's key and the person it acted for; a co-handler's clerk
  sends its opinion, which the lead's clerk then sees beside the reply form;
- a unit's account gets 403 on another unit's suggestion (page and action), never sees it on its
  board, and 404 for an unknown code;
- a POST without the CSRF token, with another's token, from another origin or marked
  cross-site or same-site, or not a form, is refused and changes nothing; a Host that is not
  the server's is refused (DNS rebinding); every refusal is counted;
- wrong passwords are throttled (429 with Retry-After), the right one then too; a disabled
  account's session ends at its next request;
- a deputy reads the reply in full and evaluates it 不满意 with reasons, and lists its own
  suggestions only (duban.list with `deputy`).
Accounts are made with `duban-web account add`, the password on stdin.
"""

import http.client as httpclient
import time
import unittest
import urllib.parse
import uuid

from handling import SETTLE_TIMEOUT, HandlingCalls, draft
from harness import SystemTestCase
from web_harness import CO, LEAD, PASSWORD, Browser, WebSystem, account_command

class WebTest(WebSystem, HandlingCalls, SystemTestCase):
    def signed_in(self, name):
        b = Browser(self.web)
        r = b.login(name, PASSWORD)
        self.assertEqual(r.status, 303, "sign-in of %s: %d\n%s" % (name, r.status, r.text[:2000]))
        cookie = r.header("set-cookie") or ""
        for part in ("duban_web_session=", "HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="):
            self.assertIn(part, " ".join(r.all("set-cookie")))
        self.assertTrue(cookie)
        return b

    def timeline_actors(self, code):
        return [(e["action"], e.get("actor", "")) for e in self.get(code)["timeline"]]

    def lead_state(self, code, unit=LEAD):
        return self.units(code)[unit][1]

    # ---- the clerk's day ---------------------------------------------------------------------
    def test_clerk_signs_records_a_contact_and_replies(self):
        with_opinion = self.submit_routed("关于增加城区公办幼儿园学位的建议")
        without = self.submit_routed("关于延长中小学课后服务时间的建议")
        zhang = self.signed_in("zhang")

        home = zhang.follow(zhang.get("/"))
        self.assertEqual(home.status, 200)
        self.assertIn("承办单位工作台", home.text)
        self.assertIn('<meta name="viewport"', home.text)
        to_sign = home.text[home.text.index("待签收"):]
        self.assertIn(without, to_sign.split("</section>")[0], "the new task is under 待签收")

        # Sign for `without`: a 303 back to the page, which says so; the broker has it.
        r = zhang.act(without, "sign")
        page = zhang.follow(r)
        self.assertEqual(page.status, 200)
        self.assertIn("已签收。", page.text)
        self.assertEqual(self.lead_state(without), "SIGNED")
        self.assertIn(("signed", "unit:%s/web(as unit:%s/张三)" % (LEAD, LEAD)),
                      self.timeline_actors(without),
                      "the timeline records the web's key and the person it acted for")
        self.assertEqual(zhang.get(r.header("location")).text.count("已签收。"), 0,
                         "the message is said once")

        r = zhang.act(without, "contact", {"phase": "before", "text": "电话联系代表，了解诉求"})
        self.assertIn("见面沟通已记录。", zhang.follow(r).text)
        self.assertIn("contact_before", self.actions(without))
        zhang.follow(zhang.act(without, "start"))
        self.assertEqual(self.lead_state(without), "IN_PROGRESS")

        # The reply, while the co-handler's opinion is missing: taken, with the broker's warning.
        page = zhang.get("/s/" + without)
        self.assertIn("尚未提交协办意见", page.text, "the missing opinion beside the reply form")
        r = zhang.act(without, "reply", {"result_class": "A", "text": "已新增学位三千个。",
                                         "signer": "李局长"})
        replied = zhang.follow(r)
        self.assertIn("答复已提交。", replied.text)
        self.assertIn('class="notice warn"', replied.text, replied.text)
        self.assertIn(CO, replied.text.split('class="notice warn"')[1][:400])
        self.assertEqual(self.state(without), "REPLIED")
        self.assertIn("已新增学位三千个。", replied.text)

        # The co-handler's clerk sends its opinion on the other; the lead's clerk sees it.
        qian = self.signed_in("qian")
        qian.follow(qian.act(with_opinion, "sign"))
        r = qian.act(with_opinion, "opinion", {"text": "资金已列入明年预算"})
        self.assertIn("协办意见已送主办单位。", qian.follow(r).text)
        self.assertEqual(self.lead_state(with_opinion, CO), "OPINION_SENT")
        zhang.follow(zhang.act(with_opinion, "sign"))
        page = zhang.get("/s/" + with_opinion)
        aside = page.text[page.text.index("<aside"):page.text.index("</aside>")]
        self.assertIn("资金已列入明年预算", aside)
        self.assertNotIn("尚未提交协办意见", aside)

        # English on request, kept in a cookie.
        en = zhang.get("/unit?lang=en")
        self.assertIn("Handling unit workbench", en.text)
        self.assertIn('<html lang="en"', en.text)
        self.assertIn("Handling unit workbench", zhang.get("/unit").text)

        # A broker refusal is a page with its code: a contact once the reply is in.
        r = zhang.post("/s/%s/contact" % without,
                       {"csrf": replied.csrf(), "phase": "after", "text": "回访代表"})
        self.assertEqual(r.status, 409, r.text[:2000])
        self.assertIn("FAILED_PRECONDITION", r.text)

    # ---- other units' suggestions ------------------------------------------------------------
    def test_a_unit_gets_403_on_another_units_suggestion(self):
        code = self.submit_routed("关于中小学教师减负的建议")
        other = self.signed_in("other")
        r = other.get("/s/" + code)
        self.assertEqual(r.status, 403, r.text[:2000])
        self.assertIn("PERMISSION_DENIED", r.text)
        self.assertNotIn("教师减负", r.text, "nothing of the suggestion is shown")
        board = other.get("/unit")
        self.assertEqual(board.status, 200)
        self.assertNotIn(code, board.text, "another unit's task never on the board")
        # Acting on it with a valid token of its own session: the web sends the account's own
        # unit, which the broker finds no task of on that suggestion (404), and nothing changes.
        r = other.post("/s/%s/sign" % code, {"csrf": board.csrf()})
        self.assertEqual(r.status, 404, r.text[:2000])
        self.assertIn("NOT_FOUND", r.text)
        self.assertEqual(self.lead_state(code), "ISSUED")
        self.assertEqual(other.get("/s/S2026-99999").status, 404)
        # A unit's account cannot evaluate, a deputy cannot sign: refused before the broker.
        r = other.post("/s/%s/evaluate" % code, {"csrf": board.csrf(), "satisfaction": "satisfied"})
        self.assertEqual(r.status, 403)
        # Without a session: to the sign-in page, never the page.
        anon = Browser(self.web)
        r = anon.get("/s/" + code)
        self.assertEqual((r.status, r.header("location")), (303, "/login"))

    # ---- forged requests -----------------------------------------------------------------------
    def test_posts_without_csrf_or_from_another_origin_are_refused(self):
        code = self.submit_routed("关于加强校园安全的建议")
        zhang = self.signed_in("zhang")
        token = zhang.get("/s/" + code).csrf()
        other_token = self.signed_in("other").get("/unit").csrf()
        before = self.web.refused()
        path = "/s/%s/sign" % code
        cases = [
            ("no token", {}, {}, 403),
            ("another session's token", {"csrf": other_token}, {}, 403),
            ("a wrong token", {"csrf": "0" * 64}, {}, 403),
            ("another origin", {"csrf": token}, {"Origin": "http://evil.example"}, 403),
            ("another port of this host", {"csrf": token},
             {"Origin": "http://127.0.0.1:8780"}, 403),
            ("marked cross-site", {"csrf": token}, {"Sec-Fetch-Site": "cross-site"}, 403),
            ("marked same-site", {"csrf": token}, {"Sec-Fetch-Site": "same-site"}, 403),
            ("not a form", {"csrf": token}, {"Content-Type": "application/json"}, 415),
        ]
        for what, fields, headers, status in cases:
            r = zhang.post(path, fields, headers=headers)
            self.assertEqual(r.status, status, "%s: %d\n%s" % (what, r.status, r.text[:1000]))
            self.assertEqual(self.lead_state(code), "ISSUED", "%s changed something" % what)
        r = zhang.get("/unit", headers={"Host": "evil.example:%d" % self.web.port})
        self.assertEqual(r.status, 421, "DNS rebinding: a foreign Host is refused")
        # A sign-in form posted from another site is refused too (login CSRF).
        r = Browser(self.web).post("/login", {"name": "zhang", "password": PASSWORD},
                                   headers={"Origin": "http://evil.example"})
        self.assertEqual(r.status, 403)
        after = self.web.refused()
        for reason, n in (("csrf", 3), ("origin", 3), ("fetch_site", 2), ("content_type", 1),
                          ("host", 1)):
            self.assertGreaterEqual(after.get(reason, 0) - before.get(reason, 0), n,
                                    "%s refusals counted: %r" % (reason, after))
        # The same form with its token, from the page: taken.
        self.assertEqual(zhang.post(path, {"csrf": token}).status, 303)
        self.assertEqual(self.lead_state(code), "SIGNED")
        # Security headers on every page.
        page = zhang.get("/s/" + code)
        self.assertIn("frame-ancestors 'none'", page.header("content-security-policy"))
        self.assertEqual(page.header("x-frame-options"), "DENY")
        self.assertEqual(page.header("cache-control"), "no-store")
        # Signed out: the old cookie opens nothing.
        cookie = dict(zhang.cookies)
        r = zhang.post("/logout", {"csrf": token})
        self.assertEqual(r.status, 303)
        stale = Browser(self.web)
        stale.cookies = cookie
        self.assertEqual(stale.get("/unit").status, 303)

    # ---- passwords -----------------------------------------------------------------------------
    def test_wrong_passwords_are_throttled_and_disabled_accounts_end(self):
        zhang = self.signed_in("zhang")  # before the throttle: one session from this peer
        b = Browser(self.web)
        for i in range(5):
            r = b.login("qian", "guess %d" % i)
            self.assertEqual(r.status, 401, "attempt %d: %d" % (i, r.status))
            self.assertIn("用户名或密码错误", r.text)
        r = b.login("qian", PASSWORD)
        self.assertEqual(r.status, 429, "the right password waits too: %d" % r.status)
        self.assertGreater(int(r.header("retry-after")), 0)
        self.assertIn("登录失败次数过多", r.text)
        self.assertNotIn("duban_web_session=", " ".join(r.all("set-cookie")))
        self.assertGreaterEqual(self.web.refused().get("sign_in_throttled", 0), 1)
        self.assertNotIn(PASSWORD, self.web.proc.log_text(), "never a password in the log")

        # Disabled: the session ends at its next request; nothing of the page is shown.
        self.assertEqual(zhang.get("/unit").status, 200)
        rc, out, err = account_command(self.accounts, "disable", "zhang")
        self.assertEqual(rc, 0, err)
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while time.monotonic() < deadline and zhang.get("/unit").status == 200:
            time.sleep(0.2)
        r = zhang.get("/unit")
        self.assertEqual((r.status, r.header("location")), (303, "/login"))
        rc, out, err = account_command(self.accounts, "list")
        self.assertEqual(rc, 0)
        self.assertIn("zhang\tunit:%s\t张三\tdisabled" % LEAD, out)
        self.assertNotIn("argon2", out)

    # ---- the deputy ----------------------------------------------------------------------------
    def test_deputy_reads_the_reply_and_evaluates_with_reasons(self):
        code = self.submit_routed("关于增加社区幼儿园的建议")
        zhang = self.signed_in("zhang")
        zhang.follow(zhang.act(code, "sign"))
        zhang.follow(zhang.act(code, "reply", {
            "result_class": "B", "text": "已列入明年计划，正在选址。", "signer": "李局长",
            "commitment_text_1": "建成两所幼儿园", "commitment_due_1": "2030-06-30"}))
        self.assertEqual(self.state(code), "REPLIED")

        deputy = self.signed_in("deputy")
        page = deputy.get("/s/" + code)
        self.assertEqual(page.status, 200, page.text[:2000])
        for part in ("已列入明年计划，正在选址。", "李局长", "B 正在解决或列入计划逐步解决",
                     "建成两所幼儿园", "2030-06-30", "不满意"):
            self.assertIn(part, page.text)
        self.assertIn('action="/s/%s/evaluate"' % code, page.text)
        # 不满意 without reasons: the broker refuses, the page says so with the code.
        r = deputy.post("/s/%s/evaluate" % code, {"csrf": page.csrf(),
                                                   "satisfaction": "dissatisfied"})
        self.assertEqual(r.status, 400, r.text[:2000])
        self.assertIn("INVALID_ARGUMENT", r.text)
        r = deputy.act(code, "evaluate", {"satisfaction": "dissatisfied",
                                          "reasons": "选址进度太慢"})
        self.assertIn("测评已提交。", deputy.follow(r).text)
        self.assertEqual(self.state(code), "EVALUATED")
        rounds = self.get(code)["suggestion"]["record"]["rounds"]
        self.assertEqual((rounds[-1]["satisfaction"], rounds[-1]["reasons"]),
                         ("dissatisfied", "选址进度太慢"))
        # A deputy cannot act as a unit.
        r = deputy.post("/s/%s/sign" % code, {"csrf": page.csrf()})
        self.assertEqual(r.status, 403)

    def test_deputy_lists_own_suggestions(self):
        mine = self.submit_routed("关于完善学校周边交通的建议")
        other = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                            draft=draft("关于另一位代表的建议", "正文", "教育", ["学校"],
                                        deputy_id="D9999"))["code"]
        deputy = self.signed_in("deputy")
        page = deputy.follow(deputy.get("/"))
        self.assertEqual(page.status, 200)
        self.assertIn("我的建议", page.text)
        self.assertNotIn("deputy.list_failed", page.text)
        self.assertNotIn('class="notice error"', page.text, page.text)
        self.assertIn(mine, page.text)
        self.assertNotIn(other, page.text, "another deputy's suggestion never listed")



class BehindProxyTest(WebSystem, HandlingCalls, SystemTestCase):
    """duban-web behind a TLS proxy on this machine (--behind-proxy, --allowed-host, --public-url):
    every request comes from the proxy's 127.0.0.1, so the sign-in limit counts the clients the
    proxy names in X-Forwarded-For; the browser's https Origin and Host are its own."""

    WEB_ARGS = ("--behind-proxy", "--allowed-host", "duban.example",
                "--public-url", "https://duban.example")
    PROXIED = {"Host": "duban.example", "Origin": "https://duban.example"}

    def login_from(self, b, client, name, password):
        headers = dict(self.PROXIED, **{"X-Forwarded-For": "198.51.100.9, " + client})
        return b.post("/login", {"name": name, "password": password}, headers=headers)

    def raw_login(self, forwarded_lines, name):
        """POST /login with one X-Forwarded-For header line per entry; the status."""
        body = urllib.parse.urlencode({"name": name, "password": PASSWORD}).encode()
        conn = httpclient.HTTPConnection("127.0.0.1", self.web.port, timeout=30)
        try:
            conn.putrequest("POST", "/login", skip_host=True)
            for k, v in (("Host", "duban.example"), ("Origin", "https://duban.example"),
                         ("Content-Type", "application/x-www-form-urlencoded"),
                         ("Content-Length", str(len(body)))):
                conn.putheader(k, v)
            for line in forwarded_lines:
                conn.putheader("X-Forwarded-For", line)
            conn.endheaders(body)
            return conn.getresponse().status
        finally:
            conn.close()

    def test_one_client_guessing_does_not_lock_out_the_others(self):
        guesser = Browser(self.web)
        for i in range(5):
            r = self.login_from(guesser, "203.0.113.7", "nobody%d" % i, "guess")
            self.assertEqual(r.status, 401, "attempt %d: %d\n%s" % (i, r.status, r.text[:500]))
        self.assertEqual(self.login_from(guesser, "203.0.113.7", "zhang", PASSWORD).status, 429,
                         "the guessing client waits")
        # Another client through the same proxy signs in, with the https origin of the proxy.
        other = Browser(self.web)
        r = self.login_from(other, "203.0.113.8", "zhang", PASSWORD)
        self.assertEqual(r.status, 303, r.text[:2000])
        page = other.get("/unit", headers={"Host": "duban.example"})
        self.assertEqual(page.status, 200, page.text[:2000])
        # A proxy that adds its own X-Forwarded-For line (rather than appending to the client's):
        # the last line is read, so a client's forged first line changes nothing.
        self.assertEqual(self.raw_login([b"203.0.113.9", b"203.0.113.7"], "zhang"), 429)
        self.assertEqual(self.raw_login([b"203.0.113.7", b"203.0.113.10"], "zhang"), 303)
        # A forged address that is not one is not believed: the proxy's own address counts.
        odd = Browser(self.web)
        r = self.login_from(odd, "<script>", "qian", PASSWORD)
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertNotIn("<script>", self.web.proc.log_text())
        # An origin that is neither the Host's nor the public URL's is refused.
        r = other.post("/login", {"name": "zhang", "password": PASSWORD},
                       headers={"Host": "duban.example", "Origin": "https://evil.example"})
        self.assertEqual(r.status, 403)


if __name__ == "__main__":
    unittest.main()
