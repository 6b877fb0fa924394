"""The broker as a least-privilege Redis user (issue "Every caller known, every action authorised
and attributed, every record provable", item 5): the ACL rules of scripts/lib.sh (the ones
scripts/run gives its embedded Redis, docs/redis-schema.md#the-brokers-redis-user) let the real
broker, with the assignment, reminder, escalation and survey workers, take a suggestion through its
whole life with no command denied (Redis's ACL LOG stays empty), and the same user cannot flush,
reconfigure, list or read keys outside Duban's prefix, or drop the function library."""

import subprocess
import unittest
import urllib.parse

from harness import Api, SystemTestCase
from handling import SETTLE_TIMEOUT, HandlingCalls, education_rule


class RedisAclTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        self.sys = self.start_system(workers=["assignment", "reminder", "escalation", "survey"],
                                     redis_user="duban-broker")
        self.api = Api(self.sys.endpoint)
        self.addCleanup(self.api.close)
        self.lead, _ = education_rule()

    def as_broker_user(self, *args):
        """A command as the broker's ACL user: (exit code, output)."""
        url = urllib.parse.urlparse(self.sys.broker_url)
        r = subprocess.run(["redis-cli", "-p", str(url.port), "--user", url.username,
                            "--pass", url.password, "--no-auth-warning"] + list(args),
                           capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        return r.returncode, (r.stdout + r.stderr).decode("utf-8", "replace")

    def test_a_suggestion_lives_its_whole_life_with_no_command_denied(self):
        self.sys.redis.cli("ACL", "LOG", "RESET")
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        for action in ("duban.sign", "duban.start"):
            self.api.ok(action, code=code, unit=self.lead, actor="zhang")
        self.api.ok("duban.reply", code=code, unit=self.lead, actor="zhang", result_class="A",
                    text="已新增学位", signer="李局长", commitments=[])
        self.wait_until(lambda: "evaluation_requested" in self.actions(code), SETTLE_TIMEOUT,
                        "the survey role to ask for the evaluation")
        self.api.ok("duban.evaluate", code=code, deputy="D9101", actor="",
                    satisfaction="satisfied", reasons="")
        self.wait_state(code, "CLOSED")
        self.assertTrue(self.api.ok("duban.verify", code=code)["results"][0]["ok"])
        self.api.ok("duban.report", session="2026")
        log = self.sys.redis.cli("ACL", "LOG")
        self.assertEqual(log.strip(), "", "commands the broker's user was denied:\n" + log)

    def test_the_brokers_user_cannot_flush_reconfigure_or_reach_other_keys(self):
        self.sys.redis.cli("SET", "someone-else:secret", "x")
        for args in (["FLUSHALL"], ["FLUSHDB"], ["CONFIG", "SET", "appendonly", "no"],
                     ["KEYS", "*"], ["GET", "someone-else:secret"], ["FUNCTION", "FLUSH"],
                     ["FUNCTION", "DELETE", "x"], ["ACL", "LIST"], ["DEBUG", "SLEEP", "0"],
                     ["SHUTDOWN", "NOSAVE"], ["MONITOR"]):
            rc, out = self.as_broker_user(*args)
            # DEBUG is refused before the ACL is asked when the server disables it (the default).
            self.assertTrue("NOPERM" in out or "not allowed" in out,
                            "%s was allowed: %s" % (" ".join(args), out))
        # What it needs is allowed.
        self.assertEqual(self.as_broker_user("PING")[1].strip(), "PONG")
        self.assertIn("aof_enabled", self.as_broker_user("INFO", "persistence")[1])
        self.assertEqual(self.sys.redis.cli("GET", "someone-else:secret").strip(), "x")
        self.assertTrue(self.api.ok("duban.queues")["services"] is not None)


if __name__ == "__main__":
    unittest.main()
