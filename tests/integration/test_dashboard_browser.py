"""The dashboard in a real browser: headless Chromium (Debian's chromium, installed by scripts/test,
never by this test) loads the page of a running system with work in its queues, and the numbers
it renders must equal what the monitor's API says; ?lang=en switches every label to English; a
screenshot of each language is saved for people to look at.

The system: a broker with suggestions waiting in the assignment queue (no assignment worker runs)
and one idle Python worker of the service "echo"; for the numbers test, monitor_harness.busy_fixture
instead, where queued, in flight, dead letters, pending timers and overdue are each a distinct
non-zero number and the assignment service is paused.

Driven over the DevTools protocol (monitor_harness.Browser), Chromium also clicks the page's
pause and resume buttons, which work because the page sends the CSRF token; plays a page of
evil.example whose name now resolves to 127.0.0.1 (DNS rebinding), which gets nothing; and signs
a staff member in to a monitor on 0.0.0.0 through the login form, with a cookie no script reads.
"""

import json
import os
import struct
import tempfile
import unittest
from html.parser import HTMLParser

from harness import SystemTestCase
from monitor_harness import (BUSY, BUSY_QUEUED, Api, Browser, Monitor, SignedInMonitor, busy_fixture,
                             draft, now_ms, run_chromium)

SUBMITTED = 6
VIRTUAL_TIME_MS = 6000  # page time Chromium lets pass (fetches and timers) before the dump


class TestIds(HTMLParser):
    """Collects the text of every element with a data-testid, and the <html lang>, the <body>
    data-state and the <h2> headings."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.ids = {}
        self.h2 = []
        self.lang = None
        self.state = None
        self.stack = []  # (tag, testid or None, collects h2)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "body":
            self.state = a.get("data-state")
        if tag in self.VOID:
            return
        tid = a.get("data-testid")
        if tid is not None:
            self.ids.setdefault(tid, "")
        self.stack.append((tag, tid))
        if tag == "h2":
            self.h2.append("")

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for t, tid in self.stack:
            if tid is not None:
                self.ids[tid] += data
            if t == "h2":
                self.h2[-1] += data

    def text(self, tid):
        if tid not in self.ids:
            raise AssertionError("no element with data-testid=%r on the page" % tid)
        return " ".join(self.ids[tid].split())


def screenshot_dir(system_folder):
    base = os.environ.get("DUBAN_TEST_OUT")
    if base:
        os.makedirs(base, exist_ok=True)
        return base
    return tempfile.mkdtemp(prefix="duban-dashboard-")  # kept: a picture is meant to be looked at


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("%s is not a PNG" % path)
    return struct.unpack(">II", head[16:24])


class DashboardBrowserTest(SystemTestCase):
    # The numbers test runs on monitor_harness.busy_fixture: every figure distinct and non-zero.
    BUSY_TEST = "test_numbers_on_the_page_equal_the_api"
    stuck_check_opt_outs = {
        BUSY_TEST: "busy_fixture leaves two dead letters on purpose: figures under test",
    }

    def setUp(self):
        self.s = self.start_system(workers=())
        self.api = Api(self.s.endpoint)
        self.addCleanup(self.api.close)
        if self._testMethodName == self.BUSY_TEST:
            self.codes = busy_fixture(self, self.s, self.api)["q"]
        else:
            self.codes = [self.api.ok("duban.submit", request_id="br-%d" % i,
                                      draft=draft(i, "br"))["code"] for i in range(SUBMITTED)]
        self.s.echo_worker(service="echo", heartbeat_interval=0.2)
        self.s.wait_service("echo")
        self.m = Monitor(self.s, interval_ms=500)
        self.m.overview_after(now_ms())

    def render(self, query=""):
        rc, out, err = run_chromium(self.m.base + "/" + query,
                                    ["--virtual-time-budget=%d" % VIRTUAL_TIME_MS, "--dump-dom"],
                                    self.s.folder)
        self.assertEqual(rc, 0, "chromium failed: " + err[-2000:])
        page = TestIds()
        page.feed(out)
        self.assertEqual(page.state, "ready",
                         "the page did not finish loading (data-state=%r); DOM:\n%s"
                         % (page.state, out[:3000]))
        return page

    def test_numbers_on_the_page_equal_the_api(self):
        page = self.render()
        o = self.m.get("/api/overview").json()
        self.assertEqual(page.text("total-queued"), str(o["totals"]["queued"]))
        self.assertEqual(page.text("total-inflight"), str(o["totals"]["inflight"]))
        self.assertEqual(page.text("total-dead"), str(o["totals"]["dead"]))
        self.assertEqual(page.text("total-workers"), str(o["totals"]["workers"]))
        self.assertEqual(page.text("timers-pending"), str(o["timers"]["pending"]))
        # Each figure its own non-zero value (monitor_harness.BUSY): a swapped mapping fails.
        self.assertEqual((page.text("total-queued"), page.text("total-inflight"),
                          page.text("total-dead"), page.text("timers-pending")),
                         (str(BUSY_QUEUED), str(BUSY["inflight"]), str(BUSY["dead"]),
                          str(BUSY["timers"])))
        for svc in o["services"]:
            for field in ("queued", "inflight", "dead", "workers", "idle"):
                key = "idle_workers" if field == "idle" else field
                self.assertEqual(page.text("svc-%s-%s" % (svc["name"], field)), str(svc[key]),
                                 "%s %s" % (svc["name"], field))
        self.assertEqual(page.text("svc-echo-workers"), "1")
        self.assertEqual(page.text("svc-assignment-queued"), str(BUSY["paused_queued"]))
        self.assertEqual(page.text("svc-assignment-dead"), str(BUSY["dead"]))
        self.assertEqual(page.text("svc-reminder-queued"), str(BUSY["overdue"]))
        self.assertEqual(page.text("svc-hold-inflight"), str(BUSY["inflight"]))
        overdue = self.m.get("/api/overdue").json()
        self.assertEqual(page.text("overdue-total"), str(overdue["total"]))
        self.assertEqual(page.text("overdue-total"), str(BUSY["overdue"]))
        # Chinese by default.
        self.assertEqual(page.lang, "zh-CN")
        self.assertIn("服务队列", page.h2)
        self.assertEqual(page.text("svc-assignment-paused"), "已暂停")
        self.assertEqual(page.text("svc-echo-paused"), "运行中")
        self.assertEqual(page.text("lang-switch"), "English")
        self.assertIn("调度中心在线", page.text("broker-status"))
        self.assertEqual(page.text("broker-banner"), "")

    def test_english_labels(self):
        page = self.render("?lang=en")
        self.assertEqual(page.lang, "en")
        for heading in ("Service queues", "Workers", "Throughput, last hour",
                        "Overdue replies by lead unit", "Recent escalations",
                        "Next directors' meeting agenda", "Dead letters", "Find a suggestion"):
            self.assertIn(heading, page.h2)
        self.assertEqual(page.text("lang-switch"), "中文")
        self.assertEqual(page.text("svc-assignment-paused"), "running")
        self.assertEqual(page.text("total-queued"), str(SUBMITTED))
        self.assertFalse(any("服务" in h for h in page.h2), page.h2)

    def test_suggestion_timeline_and_screenshots(self):
        page = self.render("?code=" + self.codes[0])
        self.assertEqual(page.text("suggestion-state"), "已提交 (SUBMITTED)")
        self.assertIn(self.codes[0], page.text("suggestion"))
        folder = screenshot_dir(self.s.folder)
        for name, query in (("dashboard-zh.png", "?code=" + self.codes[0]),
                            ("dashboard-en.png", "?lang=en&code=" + self.codes[0])):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                os.remove(path)
            rc, _, err = run_chromium(self.m.base + "/" + query,
                                      ["--virtual-time-budget=%d" % VIRTUAL_TIME_MS,
                                       "--window-size=1280,900", "--hide-scrollbars",
                                       "--screenshot=" + path], self.s.folder)
            self.assertEqual(rc, 0, "chromium failed: " + err[-2000:])
            self.assertTrue(os.path.isfile(path), "no screenshot at " + path)
            self.assertEqual(png_size(path), (1280, 900))
            self.assertGreater(os.path.getsize(path), 20000, "suspiciously small: " + path)
            print("screenshot: " + path)

    def test_broker_down_shows_the_banner(self):
        self.s.broker.stop()
        self.wait_until(lambda: self.m.get("/api/overview").status == 503, 15,
                        "the monitor to notice the broker is gone")
        rc, out, err = run_chromium(self.m.base + "/?lang=en",
                                    ["--virtual-time-budget=3000", "--dump-dom"], self.s.folder)
        self.assertEqual(rc, 0, err[-2000:])
        page = TestIds()
        page.feed(out)
        self.assertEqual(page.state, "broker-down")
        banner = page.text("broker-banner")
        self.assertIn("unreachable", banner)
        self.assertIn(self.s.endpoint, banner)
        self.assertIn("not answering", page.text("broker-status"))

    # ---- access, in a real browser ------------------------------------------------------------

    def paused(self):
        return [x for x in self.api.ok("duban.queues")["services"]
                if x["name"] == "assignment"][0]["paused"]

    def browser(self, **kw):
        b = Browser(self.s.folder, **kw)
        self.addCleanup(b.close)
        return b

    def refused(self, reason, get=None):
        text = (get or self.m.get)("/metrics").text()
        line = 'duban_monitor_refused_requests_total{reason="%s"} ' % reason
        return int(float([x for x in text.splitlines() if x.startswith(line)][0].split()[-1]))

    def toggle(self, b, label):
        """Clicks the assignment row's button once it says `label` (Pause or Resume)."""
        button = 'document.querySelector("[data-testid=svc-assignment-toggle]")'
        b.wait_for('%s && %s.textContent === "%s"' % (button, button, label))
        b.eval(button + ".click()")

    def test_the_page_acts_with_its_csrf_token(self):
        b = self.browser()
        b.open(self.m.base + "/?lang=en")
        b.wait_for('document.body.dataset.state === "ready"')
        self.toggle(b, "Pause")
        self.wait_until(self.paused, 15, "the Pause button to pause assignment")
        b.wait_for('document.querySelector("[data-testid=toast]").textContent'
                   ' === "Paused assignment"')
        self.toggle(b, "Resume")
        self.wait_until(lambda: not self.paused(), 15, "the Resume button to resume assignment")
        # The first try of each click passed: no refusal was retried away by the page.
        for reason in ("csrf", "origin", "fetch_site", "content_type", "host"):
            self.assertEqual(self.refused(reason), 0, reason)

    def test_a_dns_rebinding_page_gets_nothing(self):
        # The attacker's evil.example now resolves to 127.0.0.1: its page runs in the staff's
        # browser as http://evil.example:PORT, the monitor's port, so its fetches are "same-origin".
        b = self.browser(host_rules="MAP evil.example 127.0.0.1")
        b.open("http://evil.example:%d/" % self.m.port)
        text = b.wait_for("document.body && document.body.innerText")
        self.assertIn("421 Misdirected Request", text)
        self.assertNotIn("督办", text)
        for path in ("/api/overview", "/api/session", "/metrics"):
            got = b.eval('fetch("%s").then(async r => [r.status, await r.text()])' % path)
            self.assertEqual(got[0], 421, got)
            self.assertNotIn("csrf", got[1])
            self.assertNotIn("assignment", got[1])
        status = b.eval('fetch("/api/services/assignment/pause", {method: "POST", headers: '
                        '{"Content-Type": "application/json"}, body: "{}"}).then(r => r.status)')
        self.assertEqual(status, 421)
        self.assertFalse(self.paused(), "the rebinding page paused the service")
        self.assertGreaterEqual(self.refused("host"), 5)

    def test_staff_sign_in_through_the_form(self):
        mon = SignedInMonitor(self.s)  # on 0.0.0.0: reached as dashboard.test:PORT -> 127.0.0.1
        b = self.browser(host_rules="MAP dashboard.test 127.0.0.1")
        b.open(mon.url + "?lang=en")
        login_form = 'document.querySelector("[data-testid=login-form]")'
        b.wait_for('location.pathname === "/login" && !!' + login_form, what="the page sent to /login")

        def sign_in(password):
            b.eval('document.querySelector("[name=name]").value = "wang";'
                   'document.querySelector("[name=password]").value = %s;'
                   '%s.submit(); true' % (json.dumps(password), login_form))
        sign_in("wrong")
        b.wait_for('document.body && document.body.innerText.includes("wrong name or password")',
                   what="the failure page")
        b.send("Page.navigate", {"url": mon.url + "login"})
        b.wait_for('!!' + login_form, what="the login form again")
        sign_in("correct horse")
        b.wait_for('location.pathname === "/" && document.body.dataset.state === "ready"',
                   what="the dashboard after the sign-in")
        self.assertEqual(b.eval('document.querySelector("[data-testid=signed-in-name]").textContent'),
                         "wang")
        self.assertNotIn("duban_session", b.eval("document.cookie"), "the cookie is HttpOnly")

        self.toggle(b, "暂停")
        self.wait_until(self.paused, 15, "the signed-in page to pause assignment")
        self.wait_until(lambda: "paused assignment by wang" in mon.proc.log_text(), 15,
                        "the monitor to log the account as the actor")
        self.toggle(b, "恢复")
        self.wait_until(lambda: not self.paused(), 15, "the signed-in page to resume assignment")

        b.eval('document.querySelector("[data-testid=logout]").click()')
        b.wait_for('location.pathname === "/login"', what="the page back at /login after sign-out")
        status = b.eval('fetch("/api/overview").then(r => r.status)')
        self.assertEqual(status, 401, "signed out, the API is closed again")


if __name__ == "__main__":
    unittest.main()
