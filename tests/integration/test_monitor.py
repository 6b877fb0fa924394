"""duban-monitor against a real broker: the JSON API gives the broker's own figures, staff actions
from 127.0.0.1 change the broker's state (pause, resume, replay of a dead letter) and are refused
otherwise, /metrics is valid Prometheus text format 0.0.4 (checked by a strict parser written
here from the format's description, not from our C++), a stopped broker turns /api into 503 while
the monitor keeps running, and dubanctl top / workers show the same figures.

The access rules (docs/monitoring.md#access): a DNS-rebinding request (a Host naming another site)
is refused for pages, the API and actions; an action needs the CSRF token and no cross-site
Sec-Fetch-Site; on an address other than loopback the monitor refuses to start without staff
accounts, and with one it asks for a sign-in (HttpOnly, SameSite=Strict cookie; throttled).
"""

import math
import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import msgpack

from harness import EchoWorker, SystemTestCase, binary, config_path, free_port
from monitor_harness import (BUSY, BUSY_QUEUED, Api, Monitor, SignedInMonitor, busy_fixture, draft,
                             http, now_ms)

SETTLE = 15.0  # seconds for the broker to reach an expected state
# A peer address that exists only on lo of the forbidden-address test's own network namespace.
NETNS_PEER = "10.200.0.1"


# ---- a strict reader of the Prometheus text format 0.0.4 -------------------------------------

METRIC_NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


class FormatError(AssertionError):
    pass


def parse_value(text, line):
    if text in ("+Inf", "Inf"):
        return math.inf
    if text == "-Inf":
        return -math.inf
    if text == "NaN":
        return math.nan
    if not re.match(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$", text):
        raise FormatError("bad value %r in: %s" % (text, line))
    return float(text)


def parse_labels(text, line):
    """'a="x",b="y\\"z"' -> dict; escapes \\\\, \\", \\n only."""
    labels, i = {}, 0
    while i < len(text):
        m = re.match(r"([a-zA-Z_][a-zA-Z0-9_]*)=\"", text[i:])
        if not m:
            raise FormatError("bad label at %r in: %s" % (text[i:], line))
        name = m.group(1)
        i += m.end()
        value = []
        while True:
            if i >= len(text):
                raise FormatError("unterminated label value in: %s" % line)
            c = text[i]
            if c == "\\":
                nxt = text[i + 1:i + 2]
                if nxt not in ("\\", '"', "n"):
                    raise FormatError("bad escape \\%s in: %s" % (nxt, line))
                value.append("\n" if nxt == "n" else nxt)
                i += 2
            elif c == '"':
                i += 1
                break
            elif c == "\n":
                raise FormatError("newline in label value: %s" % line)
            else:
                value.append(c)
                i += 1
        if name in labels:
            raise FormatError("label %s twice in: %s" % (name, line))
        labels[name] = "".join(value)
        if i < len(text):
            if text[i] != ",":
                raise FormatError("expected ',' at %r in: %s" % (text[i:], line))
            i += 1
    return labels


def parse_exposition(text):
    """Returns {family: {"type", "help", "samples": [(name, labels, value)]}}; raises FormatError
    for anything the format does not allow or our conventions forbid."""
    if not text.endswith("\n"):
        raise FormatError("the exposition must end with a newline")
    families, order, current = {}, [], None
    for line in text.split("\n")[:-1]:
        if line == "":
            continue
        if line.startswith("#"):
            parts = line.split(" ", 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                name = parts[2]
                if not METRIC_NAME.match(name):
                    raise FormatError("bad metric name in: %s" % line)
                fam = families.setdefault(name, {"type": None, "help": None, "samples": []})
                if fam["samples"]:
                    raise FormatError("%s after samples of %s" % (parts[1], name))
                key = parts[1].lower()
                if fam[key] is not None:
                    raise FormatError("second %s line for %s" % (parts[1], name))
                value = parts[3] if len(parts) > 3 else ""
                if key == "type" and value not in TYPES:
                    raise FormatError("unknown type in: %s" % line)
                fam[key] = value
                if name not in order:
                    order.append(name)
                current = name
            continue  # other comments are allowed
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? ([^ ]+)( -?\d+)?$", line)
        if not m:
            raise FormatError("not a sample line: %r" % line)
        name, labels = m.group(1), parse_labels(m.group(3) or "", line)
        value = parse_value(m.group(4), line)
        fam_name = name
        for suffix in ("_bucket", "_sum", "_count"):
            base = name[:-len(suffix)]
            if name.endswith(suffix) and families.get(base, {}).get("type") == "histogram":
                fam_name = base
        if fam_name != current:
            raise FormatError("sample %s outside its family's block (current %s)" % (name, current))
        fam = families[fam_name]
        if fam["help"] is None or fam["type"] is None:
            raise FormatError("%s has samples without # HELP and # TYPE" % fam_name)
        fam["samples"].append((name, labels, value))
    for name, fam in families.items():
        if fam["help"] is None or fam["type"] is None:
            raise FormatError("%s lacks # HELP or # TYPE" % name)
        if fam["type"] == "counter" and not name.endswith("_total"):
            raise FormatError("counter %s should end in _total" % name)
        seen = set()
        for s in fam["samples"]:
            key = (s[0], tuple(sorted(s[1].items())))
            if key in seen:
                raise FormatError("duplicate sample %s %s" % key)
            seen.add(key)
        if fam["type"] == "histogram":
            check_histogram(name, fam["samples"])
    return families


def check_histogram(name, samples):
    series = {}
    for sname, labels, value in samples:
        rest = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
        s = series.setdefault(rest, {"buckets": [], "sum": None, "count": None})
        if sname == name + "_bucket":
            if "le" not in labels:
                raise FormatError("%s bucket without le" % name)
            s["buckets"].append((parse_value(labels["le"], sname), value))
        elif sname == name + "_sum":
            s["sum"] = value
        elif sname == name + "_count":
            s["count"] = value
        else:
            raise FormatError("%s: unexpected sample %s in a histogram" % (name, sname))
    if not series:
        raise FormatError("histogram %s has no samples" % name)
    for rest, s in series.items():
        les = [le for le, _ in s["buckets"]]
        counts = [c for _, c in s["buckets"]]
        if not les or les[-1] != math.inf:
            raise FormatError("%s%s: buckets must end with le=\"+Inf\"" % (name, rest))
        if les != sorted(les) or len(set(les)) != len(les):
            raise FormatError("%s%s: bucket bounds not increasing: %r" % (name, rest, les))
        if counts != sorted(counts):
            raise FormatError("%s%s: buckets not cumulative: %r" % (name, rest, counts))
        if s["sum"] is None or s["count"] is None:
            raise FormatError("%s%s: _sum and _count are required" % (name, rest))
        if s["count"] != counts[-1]:
            raise FormatError("%s%s: _count %s != +Inf bucket %s" % (name, rest, s["count"],
                                                                      counts[-1]))


def value_of(families, name, **labels):
    """The value of sample `name` (a family's own name, or a histogram's NAME_count...)."""
    for fam in families.values():
        for sname, slabels, value in fam["samples"]:
            if sname == name and slabels == labels:
                return value
    raise AssertionError("no sample %s%r" % (name, labels))


# ---- the tests -------------------------------------------------------------------------------

class MonitorTest(SystemTestCase):
    def start(self, workers=()):
        s = self.start_system(workers=workers)
        api = Api(s.endpoint)
        self.addCleanup(api.close)
        return s, api

    def submit(self, api, n, tag):
        return [api.ok("duban.submit", request_id="%s-%d" % (tag, i), draft=draft(i, tag))["code"]
                for i in range(n)]

    def wait_for(self, predicate, timeout, what):
        self.wait_until(predicate, timeout, what, interval=0.1)

    stuck_check_opt_outs = {
        "test_overview_equals_duban_queues_and_workers":
            "busy_fixture leaves two dead letters on purpose: figures under test",
    }

    def test_overview_equals_duban_queues_and_workers(self):
        s, api = self.start()
        # Every figure distinct and non-zero (monitor_harness.BUSY), so no mapping can be
        # swapped or hard-coded unseen.
        busy = busy_fixture(self, s, api)
        codes = busy["q"]
        echo = s.echo_worker(service="echo", heartbeat_interval=0.2)
        del echo
        s.wait_service("echo")
        m = Monitor(s)

        t = now_ms()
        q = api.ok("duban.queues")
        workers = api.ok("duban.workers")["workers"]
        o = m.overview_after(t)
        self.assertTrue(o["broker"]["up"], o)
        self.assertEqual(o["broker"]["error"], "")
        fields = ("name", "queued", "inflight", "dead", "workers", "idle_workers", "paused")
        self.assertEqual([{k: x[k] for k in fields} for x in o["services"]],
                         [{k: x[k] for k in fields} for x in q["services"]])
        by_name = {x["name"]: x for x in o["services"]}
        assignment = by_name["assignment"]
        self.assertEqual((assignment["queued"], assignment["dead"], assignment["paused"]),
                         (BUSY["paused_queued"], BUSY["dead"], True), assignment)
        self.assertEqual(by_name["reminder"]["queued"], BUSY["overdue"])
        self.assertEqual(by_name["hold"]["inflight"], BUSY["inflight"])
        self.assertEqual((o["totals"]["queued"], o["totals"]["inflight"], o["totals"]["dead"]),
                         (BUSY_QUEUED, BUSY["inflight"], BUSY["dead"]), o["totals"])
        self.assertEqual(o["timers"]["pending"], BUSY["timers"])
        self.assertEqual(o["timers"]["next_due_ms"], 4070908800000)
        for total, field in (("queued", "queued"), ("inflight", "inflight"), ("dead", "dead"),
                             ("workers", "workers"), ("idle_workers", "idle_workers")):
            self.assertEqual(o["totals"][total], sum(x[field] for x in q["services"]), total)
        self.assertEqual(o["timers"]["pending"], q["timers"])
        due = q.get("next_timer_due_ms", -1)
        self.assertEqual(o["timers"]["next_due_ms"], None if due < 0 else due)
        self.assertEqual(sorted((w["id"], w["service"]) for w in o["workers"]),
                         sorted((w["id"], w["service"]) for w in workers))
        self.assertEqual(o["workers_error"], "")
        self.assertIn("echo", [w["service"] for w in o["workers"]])
        for w in o["workers"]:
            self.assertLess(w["last_seen_age_ms"], 10000, w)

        # The other read endpoints answer from the same rounds.
        self.assertEqual(m.get("/api/throughput").status, 200)
        notices = m.get("/api/notices").json()
        self.assertEqual(notices["escalations"]["recipient"], "office:supervision")
        self.assertEqual(notices["agenda"]["recipient"], "agenda:directors")
        overdue = m.get("/api/overdue").json()
        self.assertEqual(overdue["error"], "")
        self.assertRegex(overdue["today"], r"^\d{4}-\d\d-\d\d$")
        self.assertEqual(overdue["total"], BUSY["overdue"])
        self.assertEqual([(u["unit"], u["count"], u["oldest_deadline"]) for u in overdue["units"]],
                         [("jyj", BUSY["overdue"], "2020-01-31")], overdue)
        self.assertEqual(sorted(overdue["units"][0]["codes"]), sorted(busy["od"]))

        # A suggestion by code, with its timeline, without the deputy's private contact.
        r = m.get("/api/suggestions/" + codes[0])
        self.assertEqual(r.status, 200, r.text())
        body = r.json()
        self.assertEqual(body["suggestion"]["code"], codes[0])
        self.assertEqual(body["timeline"][0]["action"], "submitted")
        self.assertNotIn("13800000000", r.text())
        missing = m.get("/api/suggestions/S2026-99999")
        self.assertEqual(missing.status, 404)
        self.assertEqual(missing.json()["error"]["code"], "NOT_FOUND")
        self.assertEqual(m.get("/api/no-such-thing").json()["error"]["code"], "NOT_FOUND")

    def test_actions_from_localhost_change_the_broker(self):
        s, api = self.start()

        # A dead letter: a fake assignment worker refuses the task permanently.
        def refuse(body):
            return [msgpack.packb({"v": 1, "ok": False, "code": "INVALID_ARGUMENT",
                                   "message": "refused by the test"}, use_bin_type=True)]
        fake = EchoWorker(s.endpoint, service="assignment", handler=refuse,
                          heartbeat_interval=0.2).start()
        s.wait_service("assignment")
        code = self.submit(api, 1, "dl")[0]

        def dead():
            return api.ok("duban.dlq", action="list", service="assignment", limit=50)["entries"]
        self.wait_for(lambda: len(dead()) == 1, SETTLE, "%s to be dead-lettered" % code)
        fake.stop()
        task_id = dead()[0]["task_id"]
        m = Monitor(s)

        listed = m.get("/api/dlq?service=assignment").json()["entries"]
        self.assertEqual([e["task_id"] for e in listed], [task_id])
        self.assertIn("refused by the test", listed[0]["reason"])
        sampled = m.get("/api/dlq").json()["entries"]  # the page's view, from the last round
        self.assertEqual([e["task_id"] for e in sampled], [task_id])

        # Pause, then resume: the broker's own duban.queues says so, and so does the overview.
        def paused():
            return [x for x in api.ok("duban.queues")["services"]
                    if x["name"] == "assignment"][0]["paused"]
        r = m.post("/api/services/assignment/pause", {"actor": "test"})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json()["paused"], True)
        self.assertTrue(paused())
        o = m.overview_after(now_ms() - 1)
        self.assertTrue([x for x in o["services"] if x["name"] == "assignment"][0]["paused"])
        r = m.post("/api/services/assignment/resume", {"actor": "test"})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json()["paused"], False)
        self.assertFalse(paused())

        # Replay moves the dead letter back to its queue.
        before = [x for x in api.ok("duban.queues")["services"] if x["name"] == "assignment"][0]
        self.assertEqual((before["queued"], before["dead"]), (0, 1), before)
        r = m.post("/api/dlq/replay", {"service": "assignment", "task_id": task_id})
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(r.json()["replayed"], 1)
        self.assertEqual(dead(), [])
        after = [x for x in api.ok("duban.queues")["services"] if x["name"] == "assignment"][0]
        self.assertEqual((after["queued"], after["dead"]), (1, 0), after)

        # Refusals are JSON errors with the right status.
        again = m.post("/api/dlq/replay", {"service": "assignment", "task_id": task_id})
        self.assertEqual(again.status, 404, again.text())
        self.assertEqual(again.json()["error"]["code"], "NOT_FOUND")
        bad = m.post("/api/dlq/replay", {"service": "assignment"})
        self.assertEqual(bad.status, 400)
        form = m.post("/api/services/assignment/pause", b"actor=x",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(form.status, 415, form.text())
        other = m.post("/api/services/assignment/pause", {},
                       headers={"Origin": "http://evil.example"})
        self.assertEqual(other.status, 403, other.text())
        self.assertEqual(other.json()["error"]["code"], "PERMISSION_DENIED")
        self.assertFalse(paused(), "a refused action changed the broker")

    def test_actions_from_another_address_are_forbidden(self):
        # The monitor trusts all of 127.0.0.0/8 (monitor/access.cc), so an alias such as
        # 127.0.0.2 is no "other address". The test runs again in a network namespace of its own
        # (unshare --net), whose lo also carries NETNS_PEER: every server still binds 127.0.0.1
        # of that namespace, and the client connects from NETNS_PEER, a peer the monitor must
        # not trust. It never depends on the machine's own interfaces, and never skips.
        if os.environ.get("DUBAN_IN_NETNS") != NETNS_PEER:
            self.run_in_own_network_namespace()
            return
        s, api = self.start()
        self.submit(api, 1, "fw")
        m = Monitor(s)  # 127.0.0.1 of the namespace
        self.assertEqual(http("GET", m.base + "/api/overview", source=NETNS_PEER).status, 200,
                         "viewing is open to every peer")

        def paused():
            return [x for x in api.ok("duban.queues")["services"]
                    if x["name"] == "assignment"][0]["paused"]
        r = http("POST", m.base + "/api/services/assignment/pause", body={},
                 headers={"Content-Type": "application/json"}, source=NETNS_PEER)
        self.assertEqual(r.status, 403, r.text())
        self.assertEqual(r.json()["error"]["code"], "PERMISSION_DENIED")
        self.assertIn(NETNS_PEER, r.json()["error"]["message"])
        self.assertFalse(paused(), "a refused action changed the broker")
        # The same request from 127.0.0.1 acts: the peer address, nothing else, was refused.
        r = http("POST", m.base + "/api/services/assignment/pause", body={"actor": "test"},
                 headers={"Content-Type": "application/json", "X-CSRF-Token": m.csrf()},
                 source="127.0.0.1")
        self.assertEqual(r.status, 200, r.text())
        self.assertTrue(paused())
        self.assertEqual(m.post("/api/services/assignment/resume", {"actor": "test"}).status, 200)
        self.assertFalse(paused())

    def run_in_own_network_namespace(self):
        here = os.path.dirname(os.path.abspath(__file__))
        setup = ("ip link set lo up && ip addr add %s/32 dev lo && exec \"$@\"" % NETNS_PEER)
        cmd = ["unshare", "--net", "--", "sh", "-c", setup, "sh", sys.executable,
               os.path.join(here, "run_scenarios.py"), self.id()]
        env = dict(os.environ, DUBAN_IN_NETNS=NETNS_PEER)
        try:
            r = subprocess.run(cmd, cwd=here, env=env, capture_output=True, timeout=150)
        except FileNotFoundError as e:
            self.fail("cannot make a network namespace (%s): util-linux's unshare and iproute2's "
                      "ip are needed, and root (or CAP_SYS_ADMIN)" % e)
        out = (r.stdout + r.stderr).decode("utf-8", "replace")
        self.assertEqual(r.returncode, 0, "the scenario in its own network namespace failed "
                         "(unshare needs root or CAP_SYS_ADMIN):\n" + out)
        self.assertIn("Ran 1 test", out)

    # ---- access: DNS rebinding, CSRF, remote use --------------------------------------------

    def paused(self, api, service="assignment"):
        return [x for x in api.ok("duban.queues")["services"] if x["name"] == service][0]["paused"]

    def refused_count(self, m, reason, headers=None):
        families = parse_exposition(m.get("/metrics", headers=headers or {}).text())
        return value_of(families, "duban_monitor_refused_requests_total", reason=reason)

    def test_dns_rebinding_requests_are_refused(self):
        # A page of evil.example whose name the attacker re-points at 127.0.0.1 runs in the
        # staff's browser as evil.example: its requests reach the monitor with the Host header
        # evil.example:PORT. Reading the figures (GET) leaks them, so every request is refused.
        s, api = self.start()
        self.submit(api, 1, "rb")
        m = Monitor(s)
        evil = {"Host": "evil.example:%d" % m.port}
        for path in ("/", "/app.js", "/api/overview", "/api/session", "/api/dlq",
                     "/api/suggestions/S2026-00001", "/metrics", "/api/no-such-thing"):
            r = m.get(path, headers=evil)
            self.assertEqual(r.status, 421, "%s: %s" % (path, r.text()))
            self.assertEqual(r.headers.get("Content-Type", "").split(";")[0], "text/plain")
            self.assertIn("does not answer to Host 'evil.example:%d'" % m.port, r.text())
            self.assertNotIn("csrf", r.text())
            self.assertNotIn("assignment", r.text())
        # An action with everything else right (even a token read from the real origin).
        r = m.post("/api/services/assignment/pause", {"actor": "evil"},
                   headers=dict(evil, Origin="http://evil.example:%d" % m.port))
        self.assertEqual(r.status, 421, r.text())
        r = m.post("/api/services/assignment/pause", {"actor": "evil"}, headers=evil)
        self.assertEqual(r.status, 421, r.text())
        self.assertFalse(self.paused(api), "a rebinding request changed the broker")
        # The monitor's own names answer, with or without the case a person types.
        for host in ("127.0.0.1:%d", "localhost:%d", "LOCALHOST:%d", "[::1]:%d"):
            r = m.get("/api/overview", headers={"Host": host % m.port})
            self.assertEqual(r.status, 200, "%s: %s" % (host, r.text()))
        for host in ("127.0.0.1:%d" % (m.port + 1), "127.0.0.1", "localhost.:%d" % m.port,
                     "127.0.0.1.evil.example:%d" % m.port):
            self.assertEqual(m.get("/api/overview", headers={"Host": host}).status, 421, host)
        # Counted for /metrics, and logged.
        self.assertGreaterEqual(self.refused_count(m, "host"), 14)
        self.assertIn("refused (host)", m.proc.log_text())

    def test_actions_need_the_csrf_token_and_a_same_origin_fetch(self):
        s, api = self.start()
        self.submit(api, 1, "cs")
        m = Monitor(s)
        session = m.get("/api/session").json()
        self.assertEqual(session["sign_in"], False)
        self.assertRegex(session["csrf"], r"^[0-9a-f]{64}$")
        pause = "/api/services/assignment/pause"

        r = m.post(pause, {"actor": "test"}, headers={"X-CSRF-Token": ""})
        self.assertEqual(r.status, 403, r.text())
        self.assertEqual(r.json()["error"]["code"], "PERMISSION_DENIED")
        self.assertIn("X-CSRF-Token", r.json()["error"]["message"])
        r = m.post(pause, {"actor": "test"}, headers={"X-CSRF-Token": "0" * 64})
        self.assertEqual(r.status, 403, r.text())
        self.assertFalse(self.paused(api), "an action without the token changed the broker")

        for site in ("cross-site", "same-site"):
            r = m.post(pause, {"actor": "test"}, headers={"Sec-Fetch-Site": site})
            self.assertEqual(r.status, 403, r.text())
            self.assertIn("Sec-Fetch-Site", r.json()["error"]["message"])
        self.assertFalse(self.paused(api), "a cross-site action changed the broker")

        # As the page sends it: the token, same-origin, its own Origin.
        page = {"Sec-Fetch-Site": "same-origin", "Origin": "http://127.0.0.1:%d" % m.port}
        r = m.post(pause, {"actor": "test"}, headers=page)
        self.assertEqual(r.status, 200, r.text())
        self.assertTrue(self.paused(api))
        r = m.post("/api/services/assignment/resume", {"actor": "test"}, headers=page)
        self.assertEqual(r.status, 200, r.text())
        self.assertFalse(self.paused(api))
        self.assertEqual(m.csrf(), session["csrf"], "one token for the process without sign-in")
        self.assertGreaterEqual(self.refused_count(m, "csrf"), 2)
        self.assertGreaterEqual(self.refused_count(m, "fetch_site"), 2)
        # No other site may frame the page and have staff click its buttons.
        headers = m.get("/").headers
        self.assertEqual(headers.get("X-Frame-Options"), "DENY")
        self.assertIn("frame-ancestors 'none'", headers.get("Content-Security-Policy", ""))

    def run_monitor(self, *args, timeout=20):
        exe = binary(os.path.join("monitor", "duban-monitor"))
        return subprocess.run([exe] + list(args), capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)

    def test_other_address_without_accounts_refuses_to_start(self):
        port = free_port()
        r = self.run_monitor("--config", config_path(), "--broker", "tcp://127.0.0.1:1",
                             "--http", "0.0.0.0:%d" % port)
        self.assertEqual(r.returncode, 2, r)
        self.assertIn(b"[[monitor.account]]", r.stderr)
        self.assertIn(b"0.0.0.0", r.stderr)
        r = self.run_monitor("--config", config_path(), "--broker", "tcp://127.0.0.1:1",
                             "--http", "127.0.0.1:%d" % port, "--require-login")
        self.assertEqual(r.returncode, 2, r)
        self.assertIn(b"--require-login", r.stderr)
        # A plain password in the config is refused too.
        with tempfile.TemporaryDirectory(prefix="duban-monitor-") as folder:
            bad = os.path.join(folder, "plain.toml")
            with open(bad, "w") as f:
                f.write('[[monitor.account]]\nname = "wang"\npassword_hash = "secret"\n')
            r = self.run_monitor("--config", bad, "--http", "0.0.0.0:%d" % port)
        self.assertEqual(r.returncode, 2, r)
        self.assertIn(b"--hash-password", r.stderr)

    def test_sign_in_on_another_address(self):
        s, api = self.start()
        self.submit(api, 1, "si")
        # 0.0.0.0: sign-in required; the account's hash comes from duban-monitor --hash-password.
        mon = SignedInMonitor(s, name="wang", password="correct horse")
        self.assertRegex(mon.password_hash, r"^\$argon2id\$v=19\$m=65536,t=2,p=1\$\S+$")
        with open(mon.config) as f:
            self.assertNotIn("correct horse", f.read())
        proc, port = mon.proc, str(mon.port)
        self.assertIn("staff sign-in required, accounts: 1", proc.log_text())
        req = mon.request

        # Without a session: the API 401, the page to /login; not even the figures.
        r = req("GET", "/api/overview")
        self.assertEqual(r.status, 401, r.text())
        self.assertEqual(r.json()["error"]["code"], "UNAUTHENTICATED")
        self.assertEqual(req("GET", "/api/session").status, 401)
        self.assertEqual(req("GET", "/metrics").status, 401)
        self.assertEqual(req("GET", "/app.js").status, 401)
        r = req("GET", "/")
        self.assertEqual((r.status, r.headers.get("Location")), (303, "/login"), r.text())
        self.assertEqual(req("GET", "/style.css").status, 200)
        self.assertIn(b'action="/login"', req("GET", "/login").body)
        r = req("POST", "/api/services/assignment/pause", {},
                {"Content-Type": "application/json"})
        self.assertEqual(r.status, 401, r.text())
        # Listening on 0.0.0.0, the loopback names are not its names; the rebinding name neither.
        self.assertEqual(req("GET", "/login", headers={"Host": "127.0.0.1:" + port}).status, 421)
        self.assertEqual(req("GET", "/login", headers={"Host": "evil.example:" + port}).status, 421)

        # Wrong passwords (JSON and the form) are refused; a cross-site form is not even tried.
        login = "/login"
        json_h = {"Content-Type": "application/json"}
        r = req("POST", login, {"name": "wang", "password": "wrong"}, json_h)
        self.assertEqual(r.status, 401, r.text())
        self.assertEqual(r.json()["error"]["code"], "UNAUTHENTICATED")
        self.assertNotIn("Set-Cookie", r.headers)
        form_h = {"Content-Type": "application/x-www-form-urlencoded"}
        r = req("POST", login, b"name=wang&password=wrong", form_h)
        self.assertEqual(r.status, 401, r.text())
        self.assertIn("wrong name or password", r.text())
        r = req("POST", login, b"name=wang&password=correct+horse",
                dict(form_h, **{"Sec-Fetch-Site": "cross-site"}))
        self.assertEqual(r.status, 403, r.text())
        self.assertNotIn("Set-Cookie", r.headers)

        # The right password: a session cookie no script can read and no other site sends.
        r = req("POST", login, {"name": "wang", "password": "correct horse"}, json_h)
        self.assertEqual(r.status, 200, r.text())
        cookie = r.headers.get("Set-Cookie", "")
        attrs = [a.strip() for a in cookie.split(";")]
        self.assertRegex(attrs[0], r"^duban_session=[0-9a-f]{64}$")
        for attr in ("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"):
            self.assertIn(attr, attrs, cookie)
        session = {"Cookie": attrs[0]}
        csrf = r.json()["csrf"]
        self.assertEqual(r.json()["name"], "wang")

        # Then the API works, and the staff member may act from anywhere with the session's token.
        self.wait_until(lambda: req("GET", "/api/overview", headers=session).status == 200,
                        SETTLE, "/api/overview to answer 200 with the session")
        me = req("GET", "/api/session", headers=session).json()
        self.assertEqual((me["sign_in"], me["name"], me["csrf"]), (True, "wang", csrf))
        self.assertEqual(req("GET", "/", headers=session).status, 200)
        self.assertEqual(req("GET", "/login", headers=session).status, 303)
        pause = "/api/services/assignment/pause"
        action = dict(session, **{"Content-Type": "application/json"})
        r = req("POST", pause, {"actor": "x"}, action)
        self.assertEqual(r.status, 403, r.text())  # no token
        r = req("POST", pause, {"actor": "x"}, dict(action, **{"X-CSRF-Token": "0" * 64}))
        self.assertEqual(r.status, 403, r.text())
        self.assertFalse(self.paused(api))
        with_token = dict(action, **{"X-CSRF-Token": csrf, "Sec-Fetch-Site": "same-origin",
                                     "Origin": "http://dashboard.test:" + port})
        r = req("POST", pause, {"actor": "x"}, with_token)
        self.assertEqual(r.status, 200, r.text())
        self.assertTrue(self.paused(api))
        self.assertIn("paused assignment by wang", proc.log_text())
        self.assertEqual(req("POST", "/api/services/assignment/resume", {}, with_token).status, 200)
        self.assertFalse(self.paused(api))

        # The form signs in too, with a redirect to the dashboard.
        r = req("POST", login, b"name=wang&password=correct+horse", form_h)
        self.assertEqual((r.status, r.headers.get("Location")), (303, "/"), r.text())
        self.assertIn("HttpOnly", r.headers.get("Set-Cookie", ""))

        # Every refusal so far counted by reason on /metrics (which needs the session too).
        families = parse_exposition(req("GET", "/metrics", headers=session).text())
        for reason, least in (("not_signed_in", 6), ("sign_in_failed", 2), ("host", 2),
                              ("fetch_site", 1), ("csrf", 2)):
            self.assertGreaterEqual(value_of(families, "duban_monitor_refused_requests_total",
                                             reason=reason), least, reason)

        # Signing out ends the session.
        r = req("POST", "/logout", {}, with_token)
        self.assertEqual(r.status, 200, r.text())
        self.assertIn("Max-Age=0", r.headers.get("Set-Cookie", ""))
        self.assertEqual(req("GET", "/api/overview", headers=session).status, 401)

        # Six wrong passwords in a row: the sixth is 429, and so is then the right one.
        statuses = [req("POST", login, {"name": "wang", "password": "guess%d" % i}, json_h).status
                    for i in range(6)]
        self.assertEqual(statuses, [401] * 5 + [429], statuses)
        r = req("POST", login, {"name": "wang", "password": "correct horse"}, json_h)
        self.assertEqual(r.status, 429, r.text())
        self.assertEqual(r.json()["error"]["code"], "RESOURCE_EXHAUSTED")
        self.assertGreater(int(r.headers.get("Retry-After", "0")), 0, r.headers)
        self.assertIn("try again in", r.json()["error"]["message"])

        self.assertIn("refused (sign_in_throttled)", proc.log_text())

    def test_metrics_are_valid_prometheus_text(self):
        s, api = self.start()
        self.submit(api, 3, "mx")
        m = Monitor(s)
        m.overview_after(now_ms())
        r = m.get("/metrics")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.headers.get("Content-Type", "").startswith(
            "text/plain; version=0.0.4"), r.headers)
        families = parse_exposition(r.text())
        for name in ("duban_queue_depth", "duban_inflight_tasks", "duban_dead_letters",
                     "duban_workers_live", "duban_dispatched_total", "duban_acked_total",
                     "duban_retried_total", "duban_dead_lettered_total", "duban_timers_pending",
                     "duban_timer_lateness_seconds", "duban_redis_roundtrip_seconds",
                     "duban_broker_up"):
            self.assertIn(name, families, "missing family " + name)
        self.assertEqual(families["duban_timer_lateness_seconds"]["type"], "histogram")
        self.assertEqual(families["duban_redis_roundtrip_seconds"]["type"], "histogram")
        self.assertEqual(families["duban_queue_depth"]["type"], "gauge")
        self.assertEqual(families["duban_dispatched_total"]["type"], "counter")
        self.assertEqual(value_of(families, "duban_broker_up"), 1)
        self.assertEqual(value_of(families, "duban_queue_depth", service="assignment"), 3)
        # The broker talks to Redis for every request: its round trips were measured.
        self.assertGreater(value_of(families, "duban_redis_roundtrip_seconds_count"), 0)
        # The parser itself refuses what the format forbids.
        with self.assertRaises(FormatError):
            parse_exposition("# HELP x_total x\n# TYPE x_total counter\nx_total{a=\"b} 1\n")
        with self.assertRaises(FormatError):
            parse_exposition("# HELP h h\n# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                             "h_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")
        with self.assertRaises(FormatError):
            parse_exposition("y 1\n")

    def test_broker_down_answers_503_and_the_monitor_keeps_running(self):
        s, api = self.start()
        m = Monitor(s)
        s.broker.stop()

        def unavailable():
            r = m.get("/api/overview")
            return r.status == 503
        self.wait_for(unavailable, SETTLE, "/api/overview to answer 503")
        r = m.get("/api/overview")
        self.assertEqual(r.headers.get("Content-Type", "").split(";")[0], "application/json")
        body = r.json()
        self.assertEqual(body["error"]["code"], "UNAVAILABLE", body)
        self.assertIn(s.endpoint, body["error"]["message"])
        self.assertFalse(body["broker"]["up"])
        self.assertEqual(m.get("/api/overdue").status, 503)
        families = parse_exposition(m.get("/metrics").text())
        self.assertEqual(value_of(families, "duban_broker_up"), 0)
        self.assertNotIn("duban_queue_depth", families)  # nothing stale
        self.assertEqual(m.get("/").status, 200)  # the page still loads and shows the banner
        self.assertTrue(m.proc.alive())

        s.start_broker()
        self.wait_for(lambda: m.get("/api/overview").status == 200, SETTLE,
                      "/api/overview to answer 200 after the broker came back")
        self.assertTrue(m.proc.alive())

    def test_dubanctl_workers_and_top(self):
        s, api = self.start()
        self.submit(api, 2, "ct")
        s.echo_worker(service="echo", heartbeat_interval=0.2)
        s.wait_service("echo")
        rc, out = s.ctl("workers")
        self.assertEqual(rc, 0, out)
        ids = sorted(w["id"] for w in api.ok("duban.workers")["workers"])
        self.assertEqual(sorted(w["id"] for w in out["workers"]), ids)
        self.assertEqual(out["workers"][0]["service"], "echo")
        rc, text = s.ctl("workers", json=False)
        self.assertEqual(rc, 0, text)
        self.assertIn("echo", text)
        self.assertIn("idle", text)

        # Not a terminal: one frame, then exit 0.
        rc, frame = s.ctl("top", json=False, timeout=20)
        self.assertEqual(rc, 0, frame)
        self.assertNotIn("\x1b", frame, "control codes in a non-terminal frame")
        row = [line for line in frame.splitlines() if line.startswith("assignment")]
        self.assertEqual(len(row), 1, frame)
        self.assertEqual(row[0].split()[1], "2", frame)  # QUEUED
        self.assertIn("dispatched", frame)
        self.assertIn("timers pending", frame)

        # Broker gone: top says so and exits 3 (no terminal to keep retrying in).
        s.broker.stop()
        exe = binary(os.path.join("dubanctl", "dubanctl"))
        r = subprocess.run([exe, "--broker", s.endpoint, "--timeout", "500", "top"],
                           capture_output=True, timeout=20, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 3, r)
        self.assertIn(b"broker not answering", r.stdout)

    def test_dubanctl_top_on_a_terminal_redraws_in_place_and_q_quits(self):
        s, api = self.start()
        self.submit(api, 1, "tty")
        exe = binary(os.path.join("dubanctl", "dubanctl"))
        pid, fd = pty.fork()
        if pid == 0:  # the child: dubanctl on the pseudo-terminal
            try:
                os.execv(exe, [exe, "--broker", s.endpoint, "top", "--interval-ms", "300"])
            finally:
                os._exit(127)
        out = b""

        def read_for(seconds):
            nonlocal out
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 0.1)
                if ready:
                    try:
                        out += os.read(fd, 65536)
                    except OSError:  # the child closed the terminal
                        return
        try:
            read_for(2.0)
            os.write(fd, b"q")
            deadline = time.monotonic() + 10
            status = None
            while time.monotonic() < deadline:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                read_for(0.1)
            else:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                self.fail("dubanctl top did not quit on q; output: %r" % out[-2000:])
        finally:
            os.close(fd)
        self.assertTrue(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status)
        self.assertIn(b"\x1b[?1049h", out)           # alternate screen on ...
        self.assertTrue(out.rstrip().endswith(b"\x1b[?1049l"), out[-200:])  # ... and off at the end
        self.assertGreaterEqual(out.count(b"\x1b[H"), 3, "fewer redraws than expected")
        self.assertIn(b"assignment", out)


if __name__ == "__main__":
    unittest.main()
