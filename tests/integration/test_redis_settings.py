"""Redis is checked, not trusted (issue "Nothing lost, nothing doubled, nothing silently wrong",
hole 6), through the real broker and a real redis-server:

- the broker refuses to run on a Redis that could lose what it acknowledged (no AOF, or an
  eviction policy), with a clear message and exit code 3, unless --allow-unsafe-redis is given,
  which it logs;
- redis://user:password@host:port/db works, a wrong password is a clear error, rediss:// is
  refused with its reason;
- at maxmemory, the broker refuses writes with RESOURCE_EXHAUSTED, stops leasing (no attempt is
  spent), says so in duban.queues, and resumes by itself once Redis has room; nothing acknowledged
  is lost.
"""

import os
import subprocess
import time
import unittest

from harness import (Api, MdpClient, MdpTimeout, Proc, Redis, SystemTestCase, binary,
                     config_path, free_port, out_dir)
from test_faults import FaultTestCase, draft, tuned


class BrokerRun:
    """Runs duban-broker once against `url` and returns (exit code or None if still running after
    `timeout` s, its output). A broker still running is stopped."""

    def __init__(self, case, url, *extra, timeout=10.0):
        folder = out_dir(case.id())
        case.addCleanup(case._discard_logs_if_passed, folder)
        self.endpoint = "tcp://127.0.0.1:%d" % free_port()
        self.proc = Proc("broker", [binary(os.path.join("broker", "duban-broker")), "--config",
                                    config_path(), "--bind", self.endpoint, "--redis", url]
                         + list(extra), folder)
        case.addCleanup(self.proc.stop, expect_clean=False)
        deadline = time.monotonic() + timeout
        while self.proc.alive() and time.monotonic() < deadline:
            time.sleep(0.05)

    def exited(self):
        return self.proc.returncode()

    def stop(self):
        return self.proc.stop(expect_clean=True)


class RefusesUnsafeRedisTest(SystemTestCase):
    def setUp(self):
        self.redis = Redis(folder=out_dir(self.id()))
        self.addCleanup(self.redis.stop)

    def assert_refused(self, setting, value):
        run = BrokerRun(self, self.redis.url, timeout=10.0)
        self.assertEqual(run.exited(), 3, "broker did not refuse %s %s: %s"
                         % (setting, value, run.proc.describe()))
        text = run.proc.log_text()
        self.assertIn(setting, text)
        self.assertIn(value, text)

    # Bug fixed: the broker ran on whatever Redis it was given, and an evicting or AOF-less Redis
    # loses acknowledged suggestions, tasks and timers silently.
    def test_no_aof_is_refused(self):
        self.redis.cli("CONFIG", "SET", "appendonly", "no")
        self.assert_refused("appendonly", "'no'")

    def test_an_evicting_policy_is_refused(self):
        self.redis.cli("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")
        self.assert_refused("maxmemory-policy", "'allkeys-lru'")

    def test_the_override_is_explicit_and_logged(self):
        self.redis.cli("CONFIG", "SET", "appendonly", "no")
        run = BrokerRun(self, self.redis.url, "--allow-unsafe-redis", timeout=1.0)
        self.assertIsNone(run.exited(), run.proc.describe())
        with MdpClient(run.endpoint, timeout=5.0) as c:
            self.assertEqual(c.mmi_service("duban.queues"), b"200")
        self.assertEqual(run.stop(), 0)
        self.assertIn("accepted because unsafe Redis settings are allowed", run.proc.log_text())

    def test_settings_changed_while_running_stop_the_work_not_the_broker(self):
        run = BrokerRun(self, self.redis.url, timeout=1.0)
        self.assertIsNone(run.exited(), run.proc.describe())
        api = Api(run.endpoint)
        self.addCleanup(api.close)
        api.ok("duban.queues")
        self.redis.cli("CONFIG", "SET", "maxmemory-policy", "volatile-lru")
        self.redis.cli("CLIENT", "KILL", "TYPE", "normal")  # the broker reconnects and re-checks
        deadline = time.monotonic() + 10
        got = None
        while time.monotonic() < deadline:
            got = api.call("duban.queues")
            if not got.get("ok") and "maxmemory-policy" in got.get("message", ""):
                break
            time.sleep(0.2)
        self.assertEqual(got.get("code"), "UNAVAILABLE", got)
        self.assertIn("maxmemory-policy 'volatile-lru'", got.get("message", ""), got)
        self.redis.cli("CONFIG", "SET", "maxmemory-policy", "noeviction")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not api.call("duban.queues").get("ok"):
            time.sleep(0.2)
        self.assertTrue(api.call("duban.queues").get("ok"))
        self.assertEqual(run.stop(), 0)


class RedisUrlTest(SystemTestCase):
    def setUp(self):
        self.redis = Redis(folder=out_dir(self.id()))
        self.addCleanup(self.redis.stop)

    def test_user_and_password_in_the_url(self):
        self.redis.cli("ACL", "SETUSER", "duban", "on", ">s3cret pa%ss", "~*", "&*", "+@all")
        self.redis.cli("CONFIG", "SET", "requirepass", "default-secret")
        url = "redis://duban:s3cret%20pa%25ss@127.0.0.1:" + str(self.redis.port) + "/0"
        run = BrokerRun(self, url, timeout=1.0)
        self.assertIsNone(run.exited(), run.proc.describe())
        api = Api(run.endpoint)
        self.addCleanup(api.close)
        self.assertTrue(api.ok("duban.queues")["ok"])
        self.assertEqual(run.stop(), 0)
        own = [l for l in run.proc.log_text().splitlines() if not l.startswith("=== start")]
        self.assertNotIn("s3cret", "\n".join(own), "the broker must not log the password")
        self.assertIn("redis://duban:***@127.0.0.1", "\n".join(own))

        wrong = BrokerRun(self, "redis://duban:nope@127.0.0.1:%d/0" % self.redis.port,
                          timeout=1.0)
        api2 = Api(wrong.endpoint)
        self.addCleanup(api2.close)
        got = api2.call("duban.queues")
        self.assertEqual(got.get("code"), "UNAVAILABLE", got)
        self.assertIn("credentials", got.get("message", ""), got)
        self.assertEqual(wrong.stop(), 0)

    def test_tls_url_is_refused_with_its_reason(self):
        run = BrokerRun(self, "rediss://127.0.0.1:%d/0" % self.redis.port, timeout=10.0)
        self.assertEqual(run.exited(), 2, run.proc.describe())
        self.assertIn("rediss:// (TLS) is not supported", run.proc.log_text())


class OutOfMemoryTest(FaultTestCase):
    # Bug fixed: at maxmemory every write script failed half-way or was retried, leases were
    # taken and attempts spent on work whose outcome could not be stored, and nothing said why.
    def test_at_maxmemory_writes_are_refused_leasing_stops_and_resumes(self):
        s = self.start_tuned(tuned(), workers=["assignment"])
        before = [self.api.ok("duban.submit", request_id="oom-%d" % i, draft=draft(i, "oom"))["code"]
                  for i in range(5)]
        self.wait_drained(5)
        used = int([l for l in s.redis.cli("INFO", "memory").splitlines()
                    if l.startswith("used_memory:")][0].split(":")[1])
        # Well below what is in use: Redis 7 shrinks idle clients' reply buffers on its own (the
        # broker's, after its INFO at connect), so a limit just under the reading could be met
        # again by the time the submit arrives.
        s.redis.cli("CONFIG", "SET", "maxmemory", str(used // 2))
        got = self.api.call("duban.submit", request_id="oom-refused", draft=draft(9, "oom"))
        self.assertEqual(got.get("code"), "RESOURCE_EXHAUSTED", got)
        self.assertIn("out of memory", got.get("message", ""), got)
        # Reads are still served; the broker's next write (a lease, the reaper) finds it out.
        self.wait_for(lambda: self.api.ok("duban.queues")["store"] == "out_of_memory", 5,
                      "duban.queues to say that Redis is out of memory")
        self.assertGreaterEqual(self.counters().get("broker.redis_oom", 0), 1)
        # Room again: the broker resumes by itself and the refused submit, retried, is filed.
        s.redis.cli("CONFIG", "SET", "maxmemory", "0")
        self.wait_for(lambda: self.api.ok("duban.queues")["store"] == "ok", 10,
                      "the broker to see that Redis has room again")
        r = self.api.ok("duban.submit", request_id="oom-refused", draft=draft(9, "oom"))
        self.assertFalse(r["duplicate"])
        self.wait_drained(6)
        for code in before + [r["code"]]:
            self.assert_effect_once(code, states=("ASSIGNED",))
        st = self.service_stats()
        self.assertEqual(st["dead"], 0, st)

    # Bug fixed before it shipped: the broker loaded its script library with FUNCTION LOAD at every
    # connect, which Redis refuses at maxmemory (-OOM) even when the library is there: a broker
    # restarted while Redis was full could not connect, so it could neither read nor ack.
    def test_a_broker_restarted_at_maxmemory_connects_and_serves_reads(self):
        s = self.start_tuned(tuned(), workers=["assignment"])
        code = self.api.ok("duban.submit", request_id="oom-r-0", draft=draft(0, "oom"))["code"]
        self.wait_drained(1)
        used = int([l for l in s.redis.cli("INFO", "memory").splitlines()
                    if l.startswith("used_memory:")][0].split(":")[1])
        # Well below what is in use: Redis 7 shrinks idle clients' reply buffers on its own (the
        # broker's, after its INFO at connect), so a limit just under the reading could be met
        # again by the time the submit arrives.
        s.redis.cli("CONFIG", "SET", "maxmemory", str(used // 2))
        s.broker.kill9()
        s.start_broker()
        self.wait_for(lambda: self.api.call("duban.get", code=code).get("ok") is True, 10,
                      "the restarted broker to read from a Redis at maxmemory")
        self.wait_for(lambda: self.api.ok("duban.queues")["store"] == "out_of_memory", 5,
                      "duban.queues to say that Redis is out of memory")
        s.redis.cli("CONFIG", "SET", "maxmemory", "0")
        self.wait_for(lambda: self.api.ok("duban.queues")["store"] == "ok", 10,
                      "the broker to see that Redis has room again")


if __name__ == "__main__":
    unittest.main()
