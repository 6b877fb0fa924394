"""Notices reach people (issue "The people Duban serves use it directly", item 2): each notice
goes to its recipient's inbox and, by [[delivery.contact]] in config, by e-mail over SMTP (to a
real local SMTP server, Debian's python3-aiosmtpd) and by SMS through an HTTP gateway (a local
receiver), through the real broker, Redis and the delivery role.

- A co-handler's opinion reaches the lead unit by mail and SMS; its text names the units by name,
  never by id; the mail's subject and body decode to the notice (RFC 2047, base64) and its
  Message-ID carries the notice's id; the timeline says each was delivered.
- A receiver that fails (SMTP 451, HTTP 503) and recovers: retried with backoff until delivered,
  the attempt on the timeline, one Message-ID / Idempotency-Key for every attempt.
- A refusal that will not change (HTTP 400 from the gateway): given up at once, `notice_failed`
  on the timeline and the task a dead letter.
- The deputy's evaluation request carries the reply's text and the link to it on the workbench.
- The inbox: unread counts, filters by kind and code, marking read (`notice_read` on the
  timeline, once); another unit's key may not mark it.
- A request from the people (社情民意) entered with a key reaches its deputy by mail (not the
  sender's contact), and the delivery is said in the request's history; one sent without a key
  reaches the inbox only.
"""

import base64
import email
import email.header
import json
import threading
import time
import unittest
import uuid

from aiosmtpd.controller import Controller

from handling import SETTLE_TIMEOUT, HandlingCalls, education_rule
from harness import Api, KeySet, SystemTestCase, free_port
from test_faults import TunedSystem, tuned
from test_webhook import Receiver

DEPUTY = "D9101"
PEOPLES_DEPUTY = "D2026001"  # a deputy of a station in config/units.toml


class SmtpSink:
    """A local SMTP server keeping every message; it answers `fail_next` DATA commands with 451
    (try later) first."""

    def __init__(self):
        self.messages = []  # (rcpt_tos, email.message.Message)
        self.fail_next = 0
        self.lock = threading.Lock()
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with outer.lock:
                    if outer.fail_next > 0:
                        outer.fail_next -= 1
                        return "451 4.3.0 try again later"
                    outer.messages.append((list(envelope.rcpt_tos),
                                           email.message_from_bytes(envelope.content)))
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self):
        self.controller.stop()

    def to(self, address):
        with self.lock:
            return [m for rcpt, m in self.messages if address in rcpt]


def subject_of(msg):
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


def body_of(msg):
    return base64.b64decode(msg.get_payload()).decode("utf-8")


class DeliverySystem(TunedSystem):
    """A tuned system with a [delivery] section: the lead unit by mail and SMS, the deputy by mail
    and by an SMS gateway path that refuses."""

    def __init__(self, smtp_port, sms_url, lead, **kw):
        self._delivery = (
            '\n[delivery]\nsmtp_url = "smtp://127.0.0.1:%d"\nmail_from = "duban@rd.example.gov.cn"\n'
            'sms_url = "%s"\nworkbench_url = "http://127.0.0.1:8090"\ntimeout_ms = 3000\n'
            '[[delivery.contact]]\nrecipient = "unit:%s"\nemail = "clerk@%s.example.gov.cn"\n'
            'sms = "13800000001"\n'
            '[[delivery.contact]]\nrecipient = "deputy:%s"\nemail = "deputy@example.org"\n'
            'sms = "13800000002"\n'
            '[[delivery.contact]]\nrecipient = "deputy:%s"\nemail = "people@example.org"\n'
            % (smtp_port, sms_url, lead, lead, DEPUTY, PEOPLES_DEPUTY))
        super().__init__(tuned(broker={"backoff_base_ms": 100, "backoff_max_ms": 400,
                                       "max_attempts": 5}), **kw)

    def _use_tuned(self):
        first = self._tuned is None
        super()._use_tuned()
        if first:
            with open(self._tuned, "a", encoding="utf-8") as f:
                f.write(self._delivery)


class DeliveryTest(SystemTestCase, HandlingCalls):
    def setUp(self):
        self.lead, cos = education_rule()
        self.co = cos[0]
        self.smtp = SmtpSink()
        self.addCleanup(self.smtp.close)
        self.sms = Receiver()
        self.addCleanup(self.sms.close)
        keys = lambda folder: KeySet(folder, {  # noqa: E731
            "wang": ["staff", "admin"], "lead-clerk": ["unit:" + self.lead],
            "co-clerk": ["unit:" + self.co], "worker-assignment": ["worker:assignment"],
            "worker-reminder": ["worker:reminder"], "worker-survey": ["worker:survey"],
            "worker-delivery": ["worker:delivery"]})
        self.public_endpoint = "tcp://127.0.0.1:%d" % free_port()
        self.sys = self.adopt_system(DeliverySystem(
            self.smtp.port, self.sms.url(), self.lead, name=self.id(),
            workers=["assignment", "reminder", "survey", "delivery"], keys=keys, as_key="wang",
            broker_args=["--public-bind", self.public_endpoint]))
        self.api = Api(self.sys.endpoint, curve=self.sys.curve())
        self.addCleanup(self.api.close)

    def as_key(self, name):
        api = Api(self.sys.endpoint, curve=self.sys.curve(name))
        self.addCleanup(api.close)
        return api

    def delivered(self, code):
        return [e for e in self.get(code)["timeline"] if e["action"] == "notice_delivered"]

    def test_mail_and_sms_reach_the_unit_retried_until_the_receivers_recover(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        self.smtp.fail_next = 1   # one 451
        self.sms.fail_next = 2    # two 500s
        co = self.as_key("co-clerk")
        co.ok("duban.sign", code=code, unit=self.co, actor="李四")
        co.ok("duban.opinion", code=code, unit=self.co, actor="李四", reason="同意，建议加大投入")
        self.wait_until(lambda: len(self.delivered(code)) >= 2, SETTLE_TIMEOUT,
                        "the mail and the SMS to be delivered")
        notes = sorted(e["note"] for e in self.delivered(code))
        self.assertTrue(any("e-mail" in n and "(attempt 2)" in n for n in notes), notes)
        self.assertTrue(any("SMS" in n and "(attempt 3)" in n for n in notes), notes)
        self.assertFalse(any("clerk@" in n for n in notes), "addresses are masked: %r" % notes)

        mails = self.smtp.to("clerk@%s.example.gov.cn" % self.lead)
        self.assertEqual(len(mails), 1, "one mail, after one refused attempt")
        msg = mails[0]
        self.assertEqual(subject_of(msg), "【协办意见】" + code)
        text = body_of(msg)
        self.assertIn("同意，建议加大投入", text)
        unit_names = self.unit_names()
        self.assertIn(unit_names[self.co], text, "the unit by its name")
        self.assertNotIn("协办单位 %s：" % self.co, text, "never by its id")
        self.assertRegex(msg["Message-ID"], r"^<[0-9a-f]{12}\.%s@duban>$" % code)

        with self.sms.lock:
            posts = list(self.sms.posts)
        self.assertEqual(len(posts), 3, posts)
        self.assertEqual(len({k for k, _ in posts}), 1, "one Idempotency-Key for every attempt")
        self.assertEqual(posts[-1][1]["to"], "13800000001")
        self.assertIn("同意，建议加大投入", posts[-1][1]["text"])
        # The Message-ID and the gateway's key are the notice's id in the inbox.
        notice = [n for n in self.inbox("unit:" + self.lead) if n["kind"] == "opinion"][0]
        self.assertEqual(posts[-1][0], notice["id"])
        self.assertIn(notice["id"], msg["Message-ID"])

    def test_the_evaluation_request_carries_the_reply_and_a_refused_sms_is_said(self):
        code = self.submit_routed("关于完善学校周边交通设施的建议")
        self.sms.always_fail = False
        lead = self.as_key("lead-clerk")
        lead.ok("duban.sign", code=code, unit=self.lead, actor="张三")
        co = self.as_key("co-clerk")
        co.ok("duban.sign", code=code, unit=self.co, actor="李四")
        co.ok("duban.opinion", code=code, unit=self.co, actor="李四", reason="同意")
        self.wait_until(lambda: len(self.delivered(code)) >= 2, SETTLE_TIMEOUT, "unit notices")
        # The gateway now refuses for good (400): the deputy's SMS is given up at once.
        self.sms.status_override = 400
        reply_text = "经研究，将于明年春季新建人行天桥一座，并增设限速标志。"
        lead.ok("duban.reply", code=code, unit=self.lead, actor="张三", result_class="A",
                text=reply_text, signer="王局长")
        self.wait_until(lambda: self.smtp.to("deputy@example.org"), SETTLE_TIMEOUT,
                        "the evaluation request by mail")
        body = body_of(self.smtp.to("deputy@example.org")[0])
        self.assertIn(reply_text, body, "the reply's text in the request")
        self.assertIn("http://127.0.0.1:8090/s/" + code, body, "the link to it")

        def failed():
            return [e for e in self.get(code)["timeline"] if e["action"] == "notice_failed"]
        self.wait_until(failed, SETTLE_TIMEOUT, "the refused SMS on the timeline")
        entry = failed()[0]
        self.assertEqual(entry["actor"], "worker:delivery")
        self.assertIn("not delivered after 1 attempt(s)", entry["note"])
        self.assertIn("HTTP 400", entry["note"])
        dead = self.api.ok("duban.dlq", action="list", service="delivery", limit=10)["entries"]
        self.assertEqual(len(dead), 1, dead)

    def test_the_inbox_counts_unread_filters_and_marks_read_once(self):
        code = self.submit_routed("关于增加社区养老服务设施的建议")
        co = self.as_key("co-clerk")
        co.ok("duban.sign", code=code, unit=self.co, actor="李四")
        co.ok("duban.opinion", code=code, unit=self.co, actor="李四", reason="同意")
        lead = self.as_key("lead-clerk")
        recipient = "unit:" + self.lead
        self.wait_until(lambda: lead.ok("duban.inbox", recipient=recipient, kind="opinion",
                                        code=code)["notices"], SETTLE_TIMEOUT, "the opinion notice")
        box = lead.ok("duban.inbox", recipient=recipient, kind="opinion", code=code)
        self.assertEqual(len(box["notices"]), 1, box)
        self.assertGreaterEqual(box["unread"], 1)
        self.assertEqual(lead.ok("duban.inbox", recipient=recipient, kind="no-such-kind")["notices"],
                         [])
        nid = box["notices"][0]["id"]
        self.assertFalse(box["notices"][0]["read"])
        # Another unit may not mark it; staff may not either (it is the unit's own act).
        self.assertEqual(co.call("duban.inbox", recipient=recipient, action="read",
                                 ids=[nid]).get("code"), "PERMISSION_DENIED")
        self.assertEqual(self.api.call("duban.inbox", recipient=recipient, action="read",
                                       ids=[nid]).get("code"), "PERMISSION_DENIED")
        read = lead.ok("duban.inbox", recipient=recipient, action="read", ids=[nid], code=code,
                       kind="opinion")
        self.assertEqual(read["marked"], 1)
        self.assertTrue(read["notices"][0]["read"])
        self.assertEqual(read["unread"], box["unread"] - 1)
        again = lead.ok("duban.inbox", recipient=recipient, action="read", ids=[nid])
        self.assertEqual(again["marked"], 1, "found again; marked once")
        entries = [e for e in self.get(code)["timeline"] if e["action"] == "notice_read"]
        self.assertEqual(len(entries), 1, entries)
        self.assertEqual(entries[0]["actor"], recipient + "/lead-clerk")
        self.assertEqual(lead.ok("duban.inbox", recipient=recipient, unread=True,
                                 code=code, kind="opinion")["notices"], [])
        self.assertEqual(lead.call("duban.inbox", recipient=recipient, action="read",
                                   ids=["not-an-id"]).get("code"), "INVALID_ARGUMENT")

    def test_a_request_from_the_people_reaches_its_deputy_by_mail_and_says_so(self):
        r = self.api.ok("duban.request", action="submit", to="deputy:" + PEOPLES_DEPUTY,
                        text="小区门口路灯坏了三个月", contact="张女士",
                        request_id=uuid.uuid4().hex)
        code = r["requests"][0]["code"] if r.get("requests") else r["status"]["code"]
        self.wait_until(lambda: self.smtp.to("people@example.org"), SETTLE_TIMEOUT,
                        "the request by mail")
        msg = self.smtp.to("people@example.org")[0]
        self.assertIn("社情民意", subject_of(msg) + body_of(msg))
        self.assertIn("路灯", body_of(msg))
        self.assertNotIn("张女士", body_of(msg), "the sender's contact stays in the workbench")

        def history():
            shown = self.api.ok("duban.request", action="show", code=code)["requests"][0]
            return [e for e in shown.get("history", []) if e["action"] == "notice_delivered"]
        self.wait_until(history, SETTLE_TIMEOUT, "the delivery in the request's history")
        entry = history()[0]
        self.assertEqual(entry["actor"], "worker:delivery")
        self.assertIn("deputy:" + PEOPLES_DEPUTY, entry["note"])
        self.assertEqual(self.api.ok("duban.dlq", action="list", service="delivery",
                                     limit=10)["entries"], [], "nothing dead-lettered")

        # Sent without a key on the public endpoint: the deputy's inbox only, no mail nor SMS
        # (an anonymous flood must not drive the gateways).
        public = Api(self.public_endpoint)
        self.addCleanup(public.close)
        anon = public.ok("duban.request", action="submit", to="deputy:" + PEOPLES_DEPUTY,
                         text="匿名：公交站台破损", request_id=uuid.uuid4().hex)["status"]["code"]
        inbox = "deputy:" + PEOPLES_DEPUTY
        self.wait_until(lambda: self.api.ok("duban.inbox", recipient=inbox, code=anon)["notices"],
                        SETTLE_TIMEOUT, "the anonymous request in the deputy's inbox")
        time.sleep(1.0)  # what a delivery would take, several times over
        self.assertEqual(len(self.smtp.to("people@example.org")), 1, "no mail for it")
        shown = self.api.ok("duban.request", action="show", code=anon)["requests"][0]
        self.assertNotIn("notice_delivered", [e["action"] for e in shown.get("history", [])])

    def unit_names(self):
        names, unit = {}, None
        import os
        from harness import source_dir
        with open(os.path.join(source_dir(), "config", "units.toml"), encoding="utf-8") as f:
            for raw in f:
                line = raw.split("#", 1)[0].strip()
                if line.startswith("[["):
                    unit = {} if line == "[[unit]]" else None
                elif unit is not None and "=" in line:
                    k, v = (x.strip() for x in line.split("=", 1))
                    unit[k] = json.loads(v)
                    if "id" in unit and "name" in unit:
                        names[unit["id"]] = unit["name"]
        return names


if __name__ == "__main__":
    unittest.main()
