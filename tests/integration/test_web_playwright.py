"""duban-web in a real browser driven by Playwright (issue 12, Tests): playwright-core from npm
(tests/browser/, installed by `npm ci`, which scripts/test runs) drives Debian's chromium
(/usr/bin/chromium; no browser is downloaded). This file starts the real system on free ports —
Redis, the broker with CurveZMQ keys and its public endpoint, the assignment, reminder and survey
workers, duban-web with its delegate key and --public-broker — makes the accounts, files two
suggestions, and runs `node tests/browser/workbench.mjs`, which walks through:

- a clerk signs in, signs, records a contact and replies class B with a commitment;
- the deputy signs in on a phone-sized window (390x844), reads the reply and evaluates 不满意
  with reasons, then opens its inbox on the phone, finds the evaluation request (请测评) unread
  and marks it read; the clerk then sees the re-handling task;
- staff assign by hand a suggestion no routing rule matched, open their pages, and export the
  report (a real .xlsx: its zip magic bytes and entries are checked);
- the public page by code (一事一码) and its QR image, without a session; an unknown code 404;
- another unit's session gets HTTP 403 on the suggestion; a page of another origin cannot post
  a form (403, nothing recorded).

A screenshot of each page goes to the test's own output folder (screenshots/ under the harness's
folder, kept under DUBAN_TEST_OUT). Afterwards this file checks the broker's records. A missing
node, npm install or chromium fails the test: it is never skipped.
"""

import os
import subprocess
import unittest
import uuid

from handling import HandlingCalls, draft
from harness import SystemTestCase, source_dir
from web_harness import CO, LEAD, PASSWORD, WebSystem

NODE_TIMEOUT = 240  # seconds for the whole browser walk
UNROUTED = ("关于一件无规则可依事项的建议", "内容待补充", "其他", ["无关"])  # as test_review.py


def browser_dir():
    return os.path.join(source_dir(), "tests", "browser")


class WebPlaywrightTest(WebSystem, HandlingCalls, SystemTestCase):
    WEB_WORKERS = ("assignment", "reminder", "survey")
    WEB_PUBLIC = True
    EXTRA_ACCOUNTS = (("wangwu", "staff", "王五"),)

    def check_tools(self):
        for path, what in (("/usr/bin/chromium", "Debian's chromium (scripts/lib.sh installs it)"),
                           (os.path.join(browser_dir(), "node_modules", "playwright-core",
                                         "package.json"),
                            "playwright-core: run `npm ci` in tests/browser (scripts/test does)")):
            self.assertTrue(os.path.exists(path), "missing %s: %s" % (path, what))
        r = subprocess.run(["node", "--version"], capture_output=True, timeout=30)
        self.assertEqual(r.returncode, 0, "node is needed for the browser tests")

    def test_workbench_in_chromium_with_playwright(self):
        self.check_tools()
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        review = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                             draft=draft(*UNROUTED))["code"]
        self.wait_state(review, "IN_REVIEW")

        shots = os.path.join(self.sys.folder, "screenshots")
        env = dict(os.environ, DUBAN_WEB_URL="http://%s" % self.web.host,
                   DUBAN_PASSWORD=PASSWORD, DUBAN_CODE=code, DUBAN_REVIEW_CODE=review,
                   DUBAN_LEAD=LEAD, DUBAN_CO=CO, DUBAN_SHOTS=shots)
        log = os.path.join(self.sys.folder, "playwright.log")
        with open(log, "wb") as out:
            r = subprocess.run(["node", os.path.join(browser_dir(), "workbench.mjs")], env=env,
                               cwd=browser_dir(), stdout=out, stderr=subprocess.STDOUT,
                               timeout=NODE_TIMEOUT)
        with open(log, encoding="utf-8", errors="replace") as f:
            output = f.read()
        print(output)
        self.assertEqual(r.returncode, 0, "the browser walk failed:\n%s\n%s"
                         % (output, self.sys.describe()))
        self.assertEqual(output.count("ok - "), 11, output)
        self.assertNotIn("not ok", output)

        # What the browser did, as the broker recorded it.
        s = self.get(code)["suggestion"]
        self.assertEqual(s["state"], "REHANDLING", s)
        rounds = s["record"]["rounds"]
        self.assertEqual((rounds[0]["result_class"], rounds[0]["satisfaction"], rounds[0]["reasons"]),
                         ("B", "dissatisfied", "选址进度太慢，请加快"), rounds[0])
        self.assertEqual([c["text"] for c in rounds[0]["commitments"]], ["建成两所公办幼儿园"])
        actions = self.actions(code)
        self.assertIn("contact_before", actions)
        self.assertNotIn("contact_during", actions, "the forged cross-origin post recorded nothing")
        read = [e.get("note", "") for e in self.get(code)["timeline"] if e["action"] == "notice_read"]
        self.assertTrue(any("deputy:" in n and "evaluation_request" in n for n in read),
                        "the deputy marked its 请测评 read: %r" % read)
        assigned = self.get(review)["suggestion"]
        self.assertEqual(assigned["state"], "ASSIGNED", assigned)
        self.assertEqual([(u["unit"], u["role"]) for u in assigned["units"]],
                         [(LEAD, "lead"), (CO, "co")])
        by = [e["actor"] for e in self.get(review)["timeline"] if e["action"] == "assigned"]
        self.assertTrue(by and "王五" in by[-1], "the timeline names the person: %r" % by)
        pictures = sorted(os.listdir(shots))
        self.assertGreaterEqual(len([p for p in pictures if p.endswith(".png")]), 16, pictures)
        refused = self.web.refused()
        self.assertGreater(refused.get("origin", 0) + refused.get("fetch_site", 0), 0, refused)


if __name__ == "__main__":
    unittest.main()
