"""A report over many pages does not hold up the broker (issue 10: long scans off the loop).

duban.report reads the store 500 suggestions per page (services/report_api.h) and takes one page
per broker loop turn, answering after the last: a request that comes with it or during it is
answered first. Before, the whole scan ran inside one turn, so anything sent after the report
waited for all of it. At most 4 reports run at once; one more is refused RESOURCE_EXHAUSTED.
"""

import os
import signal
import time
import uuid

import msgpack

from harness import SystemTestCase

SUGGESTIONS = 1600  # four pages of 500: the report takes four loop turns


def body(**fields):
    return msgpack.packb(dict(v=1, **fields), use_bin_type=True)


def draft(i):
    return {"title": "关于第%d项的建议" % i, "content": "请研究解决。", "category": "教育",
            "keywords": [], "deputy": {"id": "D9401", "name": "测试代表", "contact": ""},
            "co_signers": [], "session": "2026"}


class LongReportTest(SystemTestCase):
    def setUp(self):
        # No worker: the suggestions stay SUBMITTED; the report scans them all the same.
        self.sys = self.start_system(workers=[])
        self.client = self.sys.client(timeout=30.0)
        for i in range(SUGGESTIONS):  # pipelined: the broker stores each turn's submits together
            self.client.send("duban.submit", body(request_id=uuid.uuid4().hex, draft=draft(i)))
        for _ in range(SUGGESTIONS):
            service, frames = self.client.recv()
            self.assertEqual(service, b"duban.submit")
            self.assertTrue(msgpack.unpackb(frames[0], raw=False)["ok"])

    def replies(self, n):
        got = []
        for _ in range(n):
            service, frames = self.client.recv()
            got.append((service.decode(), msgpack.unpackb(frames[0], raw=False)))
        return got

    def test_a_request_sent_after_a_report_is_answered_before_it(self):
        # The broker is held stopped while both are sent, so both wait in its socket when it
        # goes on: on a loaded machine the client may otherwise be descheduled between the two
        # sends for longer than the report's four turns, and the order would prove nothing.
        os.kill(self.sys.broker.pid, signal.SIGSTOP)
        try:
            self.client.send("duban.report", body(session="2026"))
            self.client.send("duban.queues", body())
            time.sleep(0.3)  # the client's I/O thread writes both to the broker's TCP socket
        finally:
            os.kill(self.sys.broker.pid, signal.SIGCONT)
        got = self.replies(2)
        self.assertEqual([s for s, _ in got], ["duban.queues", "duban.report"], got)
        report = got[1][1]
        self.assertTrue(report["ok"], report)
        self.assertEqual(report["scanned"], SUGGESTIONS)

    def test_a_fifth_report_at_once_is_refused_and_the_four_are_answered(self):
        for _ in range(5):
            self.client.send("duban.report", body(session="2026"))
        got = self.replies(5)
        refused = [r for _, r in got if not r["ok"]]
        self.assertEqual(len(refused), 1, got)
        self.assertEqual(refused[0]["code"], "RESOURCE_EXHAUSTED")
        self.assertIs(got[0][1]["ok"], False, "the refusal comes at once, before any report")
        for _, r in got[1:]:
            self.assertTrue(r["ok"], r)
            self.assertEqual(r["scanned"], SUGGESTIONS)
