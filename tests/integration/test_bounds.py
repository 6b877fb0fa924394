"""No suggestion can be made unreadable, and notice input is data, never a target (issue "Nothing
lost, nothing doubled, nothing silently wrong", holes 3 and 7), through the real broker, Redis and
workers.

Bugs: repeated duban.contact calls with 60 000-byte notes grew the stored handling record past the
1 MiB read limit, after which every read and action answered INTERNAL "corrupt" and every timer of
the suggestion dead-lettered; the timeline was read whole; a title with \\xff was accepted and
later threw from the webhook worker's JSON encoder; a worker's outcome could name the URL a notice
was POSTed to."""

import unittest
import uuid

import msgpack

from harness import Api, EchoWorker, SystemTestCase
from handling import SETTLE_TIMEOUT, HandlingCalls, add_months_clamped, draft, education_rule, \
    local_today
from test_webhook import DRAFT, Receiver, WebhookSystem

NOTE_BYTES = 6000          # kMaxNoteBytes (common/protocol/limits.h)
MAX_NOTES = 20             # kMaxUnitNotes
PAGE = 100                 # kTimelinePageDefault


class BoundsTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        self.sys = self.start_system(workers=["assignment", "reminder", "escalation"])
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, _ = education_rule()

    def test_contacts_past_the_limit_are_refused_and_the_suggestion_stays_readable(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        self.wait_until(lambda: "reminders_scheduled" in self.actions(code), SETTLE_TIMEOUT,
                        "the reminders to be planned")
        self.api.ok("duban.sign", code=code, unit=self.lead, actor="zhang")
        note = "见" * (NOTE_BYTES // 3)  # exactly the limit, in CJK characters of 3 bytes
        self.assertEqual(len(note.encode("utf-8")), NOTE_BYTES)

        answers = [self.api.call("duban.contact", code=code, unit=self.lead, actor="zhang",
                                 phase="during", reason=note) for _ in range(50)]
        self.assertTrue(all(a.get("ok") for a in answers[:MAX_NOTES]), answers[:MAX_NOTES])
        refused = answers[MAX_NOTES:]
        self.assertEqual({a.get("code") for a in refused}, {"RESOURCE_EXHAUSTED"}, refused[:2])
        self.assertIn("at most %d" % MAX_NOTES, refused[0]["message"])
        # Too long is refused before anything is read, whatever the count.
        self.refused("duban.contact", "INVALID_ARGUMENT", code=code, unit=self.lead,
                     actor="zhang", phase="after", reason="x" * 60000)
        self.refused("duban.contact", "RESOURCE_EXHAUSTED", code=code, unit=self.lead,
                     actor="zhang", phase="after", reason="再次见面")

        got = self.get(code)  # readable: no INTERNAL "corrupt"
        notes = got["suggestion"]["record"]["notes"]
        self.assertEqual(len(notes), MAX_NOTES)
        self.assertEqual(self.actions(code).count("contact_during"), MAX_NOTES)
        rc, out = self.sys.ctl("show", code)
        self.assertEqual(rc, 0, out)

        # Its timers keep working: an approved extension's `reschedule` timer runs the reminder
        # role on the suggestion (the whole record in its task) and it plans again.
        until = add_months_clamped(local_today(), 4).isoformat()
        self.api.ok("duban.extend", code=code, unit=self.lead, actor="zhang", until=until,
                    reason="需要统筹")
        self.api.ok("duban.decide", code=code, unit=self.lead, request="extension", approve=True,
                    actor="wang")
        self.wait_until(lambda: self.actions(code).count("reminders_scheduled") >= 2,
                        SETTLE_TIMEOUT, "the reminders to be re-planned with the full record")
        for service in ("reminder", "escalation"):
            dead = self.api.ok("duban.dlq", action="list", service=service, limit=10)["entries"]
            self.assertEqual(dead, [], "no timer of %s may dead-letter" % code)
        self.assertAlive(self.sys.broker)

    def test_the_timeline_is_read_a_page_at_a_time(self):
        code = self.submit_routed("关于完善社区养老服务设施的建议")
        self.api.ok("duban.sign", code=code, unit=self.lead, actor="zhang")
        for i in range(130):
            self.api.ok("duban.progress", code=code, unit=self.lead, actor="zhang",
                        reason="进展 %d" % i)
        newest = self.get(code)
        total = newest["timeline_total"]
        self.assertGreater(total, 130)
        self.assertEqual(len(newest["timeline"]), PAGE)
        self.assertEqual(newest["timeline_cursor"], total - PAGE)
        self.assertEqual(newest["timeline"][-1]["note"].split(": ")[-1], "进展 129")
        older = self.api.ok("duban.get", code=code, before=newest["timeline_cursor"], limit=1000)
        self.assertEqual(older["timeline_cursor"], 0)
        self.assertEqual(older["timeline"][0]["action"], "submitted")
        self.assertEqual(len(older["timeline"]) + PAGE, total)
        self.refused("duban.get", "INVALID_ARGUMENT", code=code, limit=0)

        out = self.ctl_ok("show", code, "--all")
        self.assertEqual(len(out["timeline"]), total)
        self.assertEqual(out["timeline"][0]["action"], "submitted")
        self.assertEqual(out["timeline_cursor"], 0)
        rc, text = self.sys.ctl("show", code, json=False)
        self.assertEqual(rc, 0, text)
        self.assertIn("%d older of %d entries not shown" % (total - PAGE, total), text)

    def test_a_title_that_is_not_utf8_is_refused_at_submit(self):
        d = draft("关于".encode("utf-8") + b"\xff" + "的建议".encode("utf-8"), "内容", "教育",
                  ["幼儿园"])
        # use_bin_type=False packs bytes as msgpack str, as a client with a broken encoder would.
        body = msgpack.packb({"v": 1, "request_id": uuid.uuid4().hex, "draft": d},
                             use_bin_type=False)
        reply = msgpack.unpackb(self.api.client.request("duban.submit", body)[0], raw=False)
        self.assertEqual((reply.get("ok"), reply.get("code")), (False, "INVALID_ARGUMENT"), reply)
        self.assertIn("title", reply["message"])
        self.assertEqual(self.api.ok("duban.list")["total"], 0, "nothing was filed")
        self.assertAlive(self.sys.broker)


class WebhookTargetTest(SystemTestCase):
    def test_a_worker_cannot_choose_where_a_notice_is_posted(self):
        rx, foreign = Receiver(), Receiver()
        self.addCleanup(rx.close)
        self.addCleanup(foreign.close)
        s = WebhookSystem(rx.url(), {}, name=self.id(), workers=["webhook"])
        self.addCleanup(s.close)
        api = Api(s.endpoint)
        self.addCleanup(api.close)
        mode = {"webhook": foreign.url()}

        def handler(body):
            task = msgpack.unpackb(body[0], raw=False)
            notice = {"recipient": "unit:jyj", "kind": "reminder", "text": "【提醒】请签收",
                      "dedup_key": ""}
            if mode["webhook"]:
                notice["webhook"] = mode["webhook"]
            staff = dict(notice, recipient="staff")
            out = {"v": 1, "ok": True, "expect_version": -1, "action": "reminded",
                   "note": "fake assignment role for " + task["task_id"],
                   "notices": [staff, notice]}
            return [msgpack.packb(out, use_bin_type=True)]

        fake = EchoWorker(s.endpoint, service="assignment", handler=handler,
                          heartbeat_interval=0.5).start()
        self.addCleanup(fake.stop)
        s.wait_service("assignment")

        # 1. An outcome that names a webhook is refused: dead-lettered, nothing applied.
        forged = api.ok("duban.submit", request_id="wt-1", draft=DRAFT)["code"]
        self.wait_until(lambda: api.ok("duban.dlq", action="list", service="assignment",
                                       limit=10)["entries"], SETTLE_TIMEOUT,
                        "the forged outcome to be dead-lettered")
        dead = api.ok("duban.dlq", action="list", service="assignment", limit=10)["entries"]
        self.assertIn("webhook", dead[0]["reason"], dead)
        self.assertNotIn("reminded", [e["action"] for e in
                                      api.ok("duban.get", code=forged)["timeline"]])

        # 2. The same outcome without it: the notice to unit:jyj goes to jyj's configured webhook.
        mode["webhook"] = ""
        good = api.ok("duban.submit", request_id="wt-2", draft=DRAFT)["code"]
        self.wait_until(lambda: any(e["action"] == "notice_delivered" for e in
                                    api.ok("duban.get", code=good)["timeline"]),
                        SETTLE_TIMEOUT, "the delivery to jyj's webhook")
        with rx.lock:
            self.assertEqual([b["code"] for _, b in rx.posts], [good])
        # The webhook queue is FIFO and drained: nothing ever went to the foreign receiver.
        q = {sv["name"]: sv for sv in api.ok("duban.queues")["services"]}
        self.assertEqual((q["webhook"]["queued"], q["webhook"]["inflight"]), (0, 0), q)
        with foreign.lock:
            self.assertEqual(foreign.posts, [])
        self.assertAlive(s.broker)


if __name__ == "__main__":
    unittest.main()
