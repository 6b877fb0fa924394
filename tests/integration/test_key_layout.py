"""The key layout upgrade through the real broker (common/store/key_layout.h,
docs/redis-schema.md "Upgrades of the layout").

A deployment written by the versions before the hash tag (keys `duban:...`) with the timers of the
layout before 2026-11 (a task hash in 'scheduled', member and index value
`SERVICE|T<CODE>.<NAME>`) is made here from a running one by hand, as those versions wrote it; a
broker of this version started on it renames every key to `{duban}:...`, converts the timers, marks
the layout done, and then serves the same suggestions with the same timelines (the audit chains
still verify), the same pending timers at the same due times, and nothing stuck.
"""

import unittest

import msgpack

from test_audit import AuditTestBase

OLD, NEW = "duban", "{duban}"


class KeyLayoutUpgradeTest(AuditTestBase):
    def keys(self, pattern):
        return sorted(k.decode() for k in self.redis.call("KEYS", pattern))  # test only

    def downgrade(self, code):
        """Rewrites the store as the versions before layout 2 had it: every key renamed to the
        untagged name, and the pending timers of `code` in the timer layout before 2026-11.
        Returns {member of the old layout: due} for those timers."""
        for k in self.keys(NEW + ":*"):
            self.redis.call("RENAME", k, OLD + k[len(NEW):])
        self.redis.call("DEL", OLD + ":layout")
        index = "%s:tm:{%s}" % (OLD, code)
        old_members = {}
        fields = self.redis.call("HGETALL", index)
        for name, value in zip(fields[0::2], fields[1::2]):
            name = name.decode()
            member = "%s|%s" % (code, name)
            due = self.redis.call("ZSCORE", OLD + ":timers", member)
            if due is None:
                continue  # fired: not what this test rewrites
            svc, kind, prio, payload = msgpack.unpackb(value, raw=True)[:4]
            svc, kind = svc.decode(), kind.decode()  # the payload stays bytes (msgpack)
            tid = "T%s.%s" % (code, name)
            old = "%s|%s" % (svc, tid)
            due = int(float(due))
            self.redis.call("HSET", "%s:t:{%s}:%s" % (OLD, svc, tid), "svc", svc, "kind", kind,
                            "client", "", "code", code, "body", payload, "created", "1",
                            "prio", prio or due, "st", "scheduled", "due", due)
            self.redis.call("ZREM", OLD + ":timers", member)
            self.redis.call("ZADD", OLD + ":timers", due, old)
            self.redis.call("HSET", index, name, old)
            old_members[old] = due
        return old_members

    def test_an_older_deployment_is_upgraded_at_start_and_served_as_before(self):
        self.start(["assignment", "reminder"])
        codes = self.submit_scheduled(2)
        before = {c: self.timeline(c) for c in codes}
        timers = self.keys(NEW + ":tm:*")
        pending = {m.decode(): int(float(s)) for m, s in zip(
            *[iter(self.redis.call("ZRANGE", NEW + ":timers", 0, -1, "WITHSCORES"))] * 2)}
        self.assertTrue(pending, "the suggestions should have pending reminders")
        self.assertEqual(self.redis.call("GET", NEW + ":layout"), b"4")

        self.sys.broker.stop()
        old_timers = self.downgrade(codes[0])
        self.assertTrue(old_timers, "the first suggestion should have had pending timers")
        self.assertEqual(self.keys(NEW + ":*"), [])
        self.sys.start_broker()

        self.assertEqual(self.keys(OLD + ":*"), [])
        self.assertEqual(self.redis.call("GET", NEW + ":layout"), b"4")
        self.assertEqual(self.keys(NEW + ":tm:*"), timers)
        after = {m.decode(): int(float(s)) for m, s in zip(
            *[iter(self.redis.call("ZRANGE", NEW + ":timers", 0, -1, "WITHSCORES"))] * 2)}
        self.assertEqual(after, pending)  # the same members at the same due times
        for old in old_timers:
            svc, tid = old.split("|", 1)
            self.assertEqual(self.redis.call("EXISTS", "%s:t:{%s}:%s" % (NEW, svc, tid)), 0)
        log = self.sys.broker.log_text()
        self.assertIn("pending and 0 fired timers of the older timer layout converted", log)
        self.assertIn("%d pending" % len(old_timers), log)

        for c in codes:
            self.assertEqual(self.timeline(c), before[c])
        rc, out = self.sys.ctl("verify", "--all")
        self.assertEqual((rc, out["failed"], out["checked"]), (0, 0, 2), out)
        rc, out = self.sys.ctl("check")
        self.assertEqual((rc, out["stuck"]), (0, []), out)

        # A restart finds the marker and changes nothing.
        self.sys.broker.stop()
        self.sys.start_broker()
        self.assertEqual(self.keys(OLD + ":*"), [])
        self.assertEqual(self.timeline(codes[1]), before[codes[1]])


if __name__ == "__main__":
    unittest.main()
