"""Records that prove themselves (issue 11, item 4), through the real broker with CurveZMQ on,
Redis and workers (docs/security.md "Records that prove themselves").

- Each audit entry carries `rs`, the digest of the record as the change left it: a reply's text
  edited in Redis is found by `dubanctl verify` (record_changed), checkpoints or not.
- The broker signs checkpoints (every second here) with an Ed25519 key outside Redis into a file
  outside Redis: `dubanctl verify --all --checkpoints FILE --public-key FILE` then also finds a
  suggestion deleted from Redis (which plain verify cannot see) and a Redis restored from an
  older AOF, and says since which checkpoint.
- A checkpoint file changed by hand, or read with another key, is refused.

Redis is edited with test_audit's tiny RESP client (records hold binary msgpack).
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

from handling import SETTLE_TIMEOUT, HandlingCalls, education_rule
from harness import Api, KeySet, SystemTestCase, binary
from test_audit import PREFIX, Resp

CHECKPOINT_TIMEOUT = 30.0


def make_keys(folder):
    return KeySet(folder, {"wang": ["staff", "admin"], "jyj-clerk": ["unit:jyj"],
                           "worker-assignment": ["worker:assignment"],
                           "worker-reminder": ["worker:reminder"]})


class CheckpointTest(SystemTestCase, HandlingCalls):
    stuck_check_opt_outs = {
        "test_a_redis_restored_from_an_older_aof_is_found_since_the_checkpoint_it_lost":
            "the restored store is the old backup: what was done after it is gone on purpose",
        "test_a_deleted_suggestion_is_found_since_the_checkpoint_that_signed_it":
            "the suggestion's record is deleted by hand while its timers remain",
    }

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="duban-checkpoints-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        ctl = binary(os.path.join("dubanctl", "dubanctl"))
        r = subprocess.run([ctl, "keys", "checkpoint", "--dir", self.tmp], capture_output=True,
                           timeout=30, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.key = os.path.join(self.tmp, "checkpoint.key")
        self.pub = os.path.join(self.tmp, "checkpoint.pub")
        self.assertEqual(os.stat(self.key).st_mode & 0o777, 0o600)
        self.file = os.path.join(self.tmp, "checkpoints")
        self.sys = self.start_system(
            workers=["assignment", "reminder"], keys=make_keys, as_key="wang",
            broker_args=["--checkpoint-key", self.key, "--checkpoint-file", self.file,
                         "--checkpoint-interval-s", "1"])
        self.api = Api(self.sys.endpoint, curve=self.sys.curve())
        self.addCleanup(self.api.close)
        self.redis = Resp(self.sys.redis.port)
        self.addCleanup(self.redis.close)
        self.lead, _ = education_rule()

    # ---- helpers ---------------------------------------------------------------------------
    def entries(self, code):
        return self.api.ok("duban.verify", code=code)["results"][0]["entries"]

    def signed_entries(self, code):
        """The entries the last checkpoint of the file signed for `code` (0: none)."""
        n = 0
        try:
            with open(self.file) as f:
                for line in f:
                    m = re.match(r"leaf (\S+) (\d+) ", line)
                    if m and m.group(1) == code:
                        n = int(m.group(2))
        except FileNotFoundError:
            pass
        return n

    def wait_signed(self, *codes):
        """Until a checkpoint signed each code with the entries it holds now."""
        self.wait_until(lambda: all(self.signed_entries(c) == self.entries(c) for c in codes),
                        CHECKPOINT_TIMEOUT, "a checkpoint to sign %s" % (codes,))

    def verify(self, *extra):
        return self.sys.ctl("verify", "--all", *extra)

    def verify_checkpoints(self):
        return self.verify("--checkpoints", self.file, "--public-key", self.pub)

    def replied(self, code, text):
        self.assertEqual(self.lead, "jyj")
        clerk = Api(self.sys.endpoint, curve=self.sys.curve("jyj-clerk"))
        self.addCleanup(clerk.close)
        for action in ("duban.sign", "duban.start"):
            clerk.ok(action, code=code, unit=self.lead, actor="zhang")
        clerk.ok("duban.reply", code=code, unit=self.lead, actor="zhang", result_class="A",
                    text=text, signer="李局长", commitments=[])

    def skey(self, code):
        return "%s:s:{%s}" % (PREFIX, code)

    # ---- scenarios -------------------------------------------------------------------------
    def test_a_reply_text_edited_in_redis_is_found(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        self.replied(code, "已新增公办学位200个")
        self.wait_signed(code)
        rc, out = self.verify_checkpoints()
        self.assertEqual(rc, 0, out)
        self.assertEqual((out["failed"], out["checkpoints"]["findings"]), (0, []), out)
        self.assertGreaterEqual(out["checkpoints"]["checkpoints"], 1, out)

        # Someone with redis-cli makes the reply say more than the unit did.
        rec = self.redis.call("HGET", self.skey(code), "rec")
        old, new = "已新增公办学位200个".encode(), "已新增公办学位900个".encode()
        self.assertIn(old, rec)
        self.redis.call("HSET", self.skey(code), "rec", rec.replace(old, new))

        rc, out = self.verify_checkpoints()
        self.assertEqual(rc, 1, out)
        self.assertEqual([(r["code"], r["problem"]) for r in out["results"]],
                         [(code, "record_changed")], out)
        rc, text = self.sys.ctl("verify", code, json=False)
        self.assertEqual(rc, 1, text)
        self.assertIn("record_changed", text)

    def test_a_deleted_suggestion_is_found_since_the_checkpoint_that_signed_it(self):
        kept = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        gone = self.submit_routed("关于新建小区配套幼儿园同步交付的建议")
        self.wait_signed(kept, gone)
        state = self.state(gone)
        # Deleted thoroughly: record, timeline and every index naming it.
        for key in (self.skey(gone), "%s:a:{%s}" % (PREFIX, gone)):
            self.redis.call("DEL", key)
        self.redis.call("ZREM", "%s:idx:all" % PREFIX, gone)
        self.redis.call("ZREM", "%s:idx:state:%s" % (PREFIX, state), gone)
        self.redis.call("ZREM", "%s:idx:unit:%s" % (PREFIX, self.lead), gone)

        # The chains that are left are intact: plain verify cannot know one is missing.
        rc, out = self.verify()
        self.assertEqual((rc, out["failed"], out["checked"]), (0, 0, 1), out)

        rc, out = self.verify_checkpoints()
        self.assertEqual(rc, 1, out)
        findings = out["checkpoints"]["findings"]
        self.assertEqual([(f["code"], f["problem"], f["entries_now"]) for f in findings],
                         [(gone, "deleted", -1)], out)
        self.assertGreaterEqual(findings[0]["checkpoint"], 1, out)
        rc, text = self.sys.ctl("verify", "--all", "--checkpoints", self.file, "--public-key",
                                self.pub, json=False)
        self.assertEqual(rc, 1, text)
        self.assertIn("deleted", text)
        self.assertIn("since", text.lower())
        # The broker goes on signing the deleted one's leaf, and says so.
        self.wait_until(lambda: "no longer in Redis: " + gone in self.sys.broker.log_text(),
                        CHECKPOINT_TIMEOUT, "the broker to log the missing suggestion")

    def test_a_redis_restored_from_an_older_aof_is_found_since_the_checkpoint_it_lost(self):
        early = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        self.wait_signed(early)
        # A backup of the AOF, taken with Redis stopped cleanly.
        self.sys.redis.stop()
        aof = os.path.join(self.sys.redis.dir, "appendonlydir")
        backup = os.path.join(self.tmp, "aof-backup")
        shutil.copytree(aof, backup)
        self.sys.redis.restart()
        self.redis.close()
        self.redis = Resp(self.sys.redis.port)
        self.wait_until(lambda: self.api.call("duban.get", code=early).get("ok"), SETTLE_TIMEOUT,
                        "the broker to reach Redis again")

        # Work after the backup, signed.
        self.replied(early, "已新增公办学位200个")
        late = self.submit_routed("关于新建小区配套幼儿园同步交付的建议")
        self.wait_signed(early, late)
        rc, out = self.verify_checkpoints()
        self.assertEqual(rc, 0, out)

        # Redis restored from the backup.
        self.sys.redis.stop()
        shutil.rmtree(aof)
        shutil.copytree(backup, aof)
        self.sys.redis.restart()
        self.wait_until(lambda: self.api.call("duban.get", code=early).get("ok"), SETTLE_TIMEOUT,
                        "the broker to reach the restored Redis")

        rc, out = self.verify_checkpoints()
        self.assertEqual(rc, 1, out)
        found = {f["code"]: f for f in out["checkpoints"]["findings"]}
        self.assertEqual(sorted(found), sorted([early, late]), out)
        self.assertEqual(found[early]["problem"], "truncated", out)
        self.assertEqual(found[late]["problem"], "deleted", out)
        self.assertLess(found[early]["entries_now"], found[early]["signed_entries"], out)
        # Redis's own copy of the checkpoints stops where the backup was taken (or, once the
        # broker signed again, lacks the ones in between).
        self.assertTrue(any("restored" in n for n in out["checkpoints"]["notes"]), out)

    def test_a_checkpoint_file_changed_by_hand_or_another_key_is_refused(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        self.wait_signed(code)
        with open(self.file) as f:
            text = f.read()
        forged = os.path.join(self.tmp, "forged")
        with open(forged, "w") as f:
            f.write(re.sub(r"leaf (\S+) (\d+) ", lambda m: "leaf %s %d " % (
                m.group(1), int(m.group(2)) - 1), text, count=1))
        rc, out = self.sys.ctl("verify", "--all", "--checkpoints", forged, "--public-key",
                               self.pub, json=False)
        self.assertEqual(rc, 1, out)
        self.assertIn("FAILED", out)

        other = os.path.join(self.tmp, "other")
        ctl = binary(os.path.join("dubanctl", "dubanctl"))
        subprocess.run([ctl, "keys", "checkpoint", "--dir", other], check=True,
                       capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        rc, out = self.sys.ctl("verify", "--all", "--checkpoints", self.file, "--public-key",
                               os.path.join(other, "checkpoint.pub"), json=False)
        self.assertEqual(rc, 1, out)
        self.assertIn("not signed by this key", out)


if __name__ == "__main__":
    unittest.main()
