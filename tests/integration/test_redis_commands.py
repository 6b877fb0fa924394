"""Redis commands per suggestion and per durable echo request, against a ceiling (issue "One
description per message, one table of services...", item 6).

Speed is measured by `scripts/bench`, never by timed tests; but the number of Redis commands one
suggestion or one echo request costs (`INFO commandstats`, which counts the commands scripts run
as well as the scripts themselves) does not depend on the machine's speed, so it is checked here,
in CI, against the ceilings below. docs/performance.md says where they come from. A change that
needs more must raise the ceiling in the same commit and say why there.

The load is the benchmark's shape at a small size and without its batching: suggestions submitted
one at a time (a routing rule matches each: 交通/公交 → jtj) and routed by one assignment worker;
echo requests sent one at a time to one echo worker. One at a time is the dearest case: every
broker turn carries one request, so no script call is shared by two.
"""

import time
import uuid

from harness import Api, SystemTestCase

N = 150
SETTLE_TIMEOUT = 30.0

# Ceilings, from the counts measured when they were set (docs/performance.md, "Redis commands per
# item"), with about 10 % of room for the polls of an idle broker during the run.
MAX_COMMANDS_PER_SUGGESTION = 36.0
MAX_COMMANDS_PER_ECHO = 18.0


def command_counts(redis, usec=None):
    """{command: calls} from INFO commandstats, without this test's own INFO and CONFIG calls.
    With `usec` (a dict), also fills {command: microseconds}, for the printed breakdown."""
    counts = {}
    for line in redis.cli("info", "commandstats").splitlines():
        line = line.strip()
        if not line.startswith("cmdstat_"):
            continue
        name, _, rest = line[len("cmdstat_"):].partition(":")
        fields = dict(kv.split("=", 1) for kv in rest.split(","))
        if name in ("info", "config|resetstat"):
            continue
        counts[name] = int(fields["calls"])
        if usec is not None:
            usec[name] = int(fields["usec"])
    return counts


def report(what, redis, n):
    """Prints the commands per item and where the time went; returns the commands per item.
    Time (machine-dependent, printed only): a script's usec include its inner commands'."""
    usec = {}
    counts = command_counts(redis, usec)
    total = sum(counts.values())
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:12]
    print("\n%s: %d Redis commands for %d = %.1f per item (%s)" % (
        what, total, n, total / n, ", ".join("%s %.2f" % (c, k / n) for c, k in top)))
    scripts = sum(u for c, u in usec.items() if c in ("evalsha", "eval", "fcall"))
    inner = sum(u for c, u in usec.items() if c not in ("evalsha", "eval", "fcall"))
    print("%s: scripts %.1f us per item, of which their commands (and any outside) %.1f us" % (
        what, scripts / n, inner / n))
    return total / n


def draft(i):
    return {"title": "关于改善第%d号片区公交线路的建议" % i, "content": "请有关部门研究解决。",
            "category": "交通", "keywords": ["公交"],
            "deputy": {"id": "D9401", "name": "测试代表", "contact": ""},
            "co_signers": [], "session": "2026"}


class RedisCommandsTest(SystemTestCase):
    def test_commands_per_suggestion_stay_under_the_ceiling(self):
        sys_ = self.start_system(workers=["assignment"])
        api = Api(sys_.endpoint)
        self.addCleanup(api.close)
        sys_.redis.cli("config", "resetstat")
        for i in range(N):
            r = api.ok("duban.submit", request_id=str(uuid.uuid4()), draft=draft(i))
            self.assertFalse(r["duplicate"])
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while True:
            assigned = api.ok("duban.list", state="ASSIGNED", limit=1)["total"]
            if assigned == N:
                break
            self.assertLess(time.monotonic(), deadline, "%d of %d assigned" % (assigned, N))
            time.sleep(0.1)
        per = report("suggestions", sys_.redis, N)
        self.assertGreater(per, 5, "the count must see the scripts' own commands")
        self.assertLessEqual(per, MAX_COMMANDS_PER_SUGGESTION,
                             "Redis commands per suggestion rose above the ceiling: find the "
                             "change that added them, or raise the ceiling and say why in "
                             "docs/performance.md")

    def test_commands_per_durable_echo_stay_under_the_ceiling(self):
        sys_ = self.start_system()
        sys_.echo_worker("echo")
        sys_.wait_service("echo")
        client = sys_.client(timeout=10.0)
        sys_.redis.cli("config", "resetstat")
        for i in range(N):
            body = b"ping-%d" % i
            self.assertEqual(client.request("echo", body), [body])
        per = report("echo", sys_.redis, N)
        self.assertGreater(per, 2, "the count must see the scripts' own commands")
        self.assertLessEqual(per, MAX_COMMANDS_PER_ECHO,
                             "Redis commands per echo request rose above the ceiling: find the "
                             "change that added them, or raise the ceiling and say why in "
                             "docs/performance.md")


if __name__ == "__main__":
    import unittest
    unittest.main()
