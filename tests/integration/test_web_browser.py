"""duban-web in a real browser: headless Chromium (Debian's chromium, installed by scripts/test,
never by this test) driven over the DevTools protocol (monitor_harness.Browser), on a phone-sized
screen. What only a browser can show: that the forms work with the Origin and Sec-Fetch-Site a
browser really sends and the page's Content-Security-Policy; that no script can read the
session cookie (HttpOnly); that the pages fit a phone without sideways scrolling; and that a page
of another origin on this machine (another port of 127.0.0.1, as the dashboard is) cannot post a
form to the workbench although the browser sends the session cookie with it (same site).
Screenshots of the board and the task page are saved under DUBAN_TEST_OUT (or a kept temporary
folder) for people to look at.
"""

import base64
import http.server
import os
import tempfile
import threading
import unittest

from handling import HandlingCalls
from harness import SystemTestCase, free_port
from monitor_harness import Browser
from web_harness import LEAD, PASSWORD, WebSystem

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


def screenshot_dir():
    base = os.environ.get("DUBAN_TEST_OUT")
    if base:
        os.makedirs(base, exist_ok=True)
        return base
    return tempfile.mkdtemp(prefix="duban-web-")  # kept: a picture is meant to be looked at


class WebBrowserTest(WebSystem, HandlingCalls, SystemTestCase):
    def browser(self):
        b = Browser(self.sys.folder)
        self.addCleanup(b.close)
        return b

    def phone(self, url):
        b = self.browser()
        b.open("about:blank")
        b.send("Emulation.setDeviceMetricsOverride", PHONE)
        b.send("Page.navigate", {"url": url})
        return b

    def text(self, b):
        return b.eval("document.body ? document.body.innerText : ''")

    def sign_in(self, b, name):
        b.wait_for('location.pathname === "/login" && !!document.querySelector("[name=password]")',
                   what="the sign-in page")
        b.eval('document.querySelector("[name=name]").value = "%s";'
               'document.querySelector("[name=password]").value = "%s";'
               'document.querySelector("form[action=\\"/login\\"] button").click(); true'
               % (name, PASSWORD))

    def screenshot(self, b, name):
        shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        if not hasattr(self, "shots"):
            self.shots = screenshot_dir()
        path = os.path.join(self.shots, "web-%s-%s.png" % (name, self.sys.folder[-6:]))
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print("screenshot: " + path)
        return path

    def assert_fits_the_phone(self, b, what):
        width = b.eval("document.documentElement.scrollWidth")
        wide = b.eval('Array.from(document.querySelectorAll("body *")).filter(e => '
                      'e.getBoundingClientRect().right > innerWidth + 1).slice(0, 5).map(e => '
                      'e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect()'
                      '.right))')
        self.assertLessEqual(width, PHONE["width"], "%s scrolls sideways on a phone: %s px; too "
                             "wide: %r" % (what, width, wide))

    def test_clerk_signs_in_a_real_browser_on_a_phone(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        b = self.phone("http://%s/" % self.web.host)
        self.sign_in(b, "zhang")
        b.wait_for('location.pathname === "/unit" && document.readyState === "complete" && '
                   'document.body.innerText.includes("%s")' % code, what="the board after sign-in")
        board = self.text(b)
        self.assertIn("承办单位工作台", board)
        self.assertIn(code, board)
        self.assertNotIn("duban_web_session", b.eval("document.cookie"), "HttpOnly: no script reads it")
        self.assert_fits_the_phone(b, "the board")
        self.screenshot(b, "board")

        b.eval('location.href = "/s/%s"; true' % code)
        b.wait_for('document.readyState === "complete" && '
                   '!!document.querySelector("form[action$=\\"/sign\\"]")', what="the sign form")
        self.assert_fits_the_phone(b, "the task page")
        self.screenshot(b, "task")
        b.eval('document.querySelector("form[action$=\\"/sign\\"] button").click(); true')
        b.wait_for('document.body && document.body.innerText.includes("已签收。")',
                   what="the page after signing")
        self.assertEqual(self.units(code)[LEAD][1], "SIGNED")

        # The contact form, typed in as a person would, Chinese and line breaks included.
        b.eval('const f = document.querySelector("form[action$=\\"/contact\\"]");'
               'f.querySelector("[name=phase]").value = "before";'
               'f.querySelector("[name=text]").value = "电话联系代表\\n约定下周现场查看";'
               'f.querySelector("button").click(); true')
        b.wait_for('document.body && document.body.innerText.includes("见面沟通已记录。")',
                   what="the page after the contact")
        notes = self.get(code)["suggestion"]["record"]["notes"]
        self.assertEqual(notes[-1]["text"], "电话联系代表\n约定下周现场查看")

        b.eval('location.href = "/unit?lang=en"; true')
        b.wait_for('document.documentElement.lang === "en" && '
                   'document.body.innerText.includes("Handling unit workbench")', what="English")

    def test_a_page_of_another_origin_cannot_post_a_form(self):
        code = self.submit_routed("关于加强校园安全的建议")
        b = self.phone("http://%s/" % self.web.host)
        self.sign_in(b, "zhang")
        b.wait_for('location.pathname === "/unit"', what="the board after sign-in")
        # (Not with fetch(): the page's Content-Security-Policy allows it no connection.)
        b.eval('location.href = "/s/%s"; true' % code)
        b.wait_for('!!document.querySelector("form[action$=\\"/sign\\"]")', what="the sign form")
        token = b.eval('document.querySelector("[name=csrf]").value')
        self.assertRegex(token, r"^[0-9a-f]{64}$")

        # Another port of this machine: the same site, so the browser sends the session cookie;
        # even with the right token (the worst case) its form is refused by Origin.
        attack = """<!doctype html><form method="post" action="http://%s/s/%s/sign">
<input name="csrf" value="%s"><button>go</button></form>""" % (self.web.host, code, token)

        class Page(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = attack.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", free_port()), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        before = self.web.refused().get("origin", 0)
        b.send("Page.navigate", {"url": "http://127.0.0.1:%d/" % server.server_port})
        b.wait_for('!!document.querySelector("button")', what="the other origin's page")
        b.eval('document.querySelector("button").click(); true')
        b.wait_for('location.port === "%d"' % self.web.port, what="the refused post")
        b.wait_for('document.body && document.body.innerText.includes("请求被拒绝")',
                   what="the refusal page")
        self.assertEqual(self.units(code)[LEAD][1], "ISSUED", "the other origin signed for it")
        self.assertGreater(self.web.refused().get("origin", 0), before)


if __name__ == "__main__":
    unittest.main()
