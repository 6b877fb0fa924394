"""Every caller known (issue "Every caller known, every action authorised and attributed"), through
the real broker with CurveZMQ on, Redis, the assignment, reminder and escalation workers (each with
its own key) and dubanctl:

- keys: an unknown key and a wrong server key are refused at the handshake; a key past its
  expiry too; a key added to the registry works after SIGHUP, and a key removed stops at once;
- roles from the table of services, enforced by the broker: a unit's key cannot read, sign or
  reply for another unit's suggestion, and reads its own without the deputy's contact; a
  deputy's key cannot read or evaluate another's suggestion; a worker:reminder key cannot READY
  for assignment; a REPLY from a key that holds no lease is refused and counted;
- attribution: the actor on the timeline is the key's identity, whatever --actor says;
- duban.status works without a key on the public endpoint, and nothing else does there;
- without keys the broker refuses to bind anything but loopback.
"""

import os
import signal
import subprocess
import time
import unittest
import uuid

import zmq

from harness import Api, KeySet, MdpTimeout, SystemTestCase, binary, config_path, free_port
from handling import SETTLE_TIMEOUT, HandlingCalls, draft, education_rule
from mdp_peers import HEARTBEAT, REPLY, REQUEST, W_WORKER, use_curve

LEAD, CO = education_rule()
OTHER_UNIT = "mzj" if LEAD != "mzj" else "jyj"
DEPUTY = "D9101"  # handling.draft's lead deputy

ENTRIES = {
    "wang": ["staff"],
    "ops": ["admin", "monitor"],
    "lead-clerk": ["unit:" + LEAD],
    "other-clerk": ["unit:" + OTHER_UNIT],
    "deputy": ["deputy:" + DEPUTY],
    "other-deputy": ["deputy:D9999"],
    "worker-assignment": ["worker:assignment"],
    "worker-reminder": ["worker:reminder"],
    "worker-escalation": ["worker:escalation"],
    "web": ["delegate"],
}


def make_keys(folder):
    return KeySet(folder, ENTRIES)


class IdentityTest(HandlingCalls, SystemTestCase):
    def setUp(self):
        self.public_endpoint = "tcp://127.0.0.1:%d" % free_port()
        self.sys = self.start_system(workers=["assignment", "reminder", "escalation"], keys=make_keys, as_key="wang",
                                     broker_args=["--public-bind", self.public_endpoint])
        self.api = self.api_as("wang")

    def api_as(self, name):
        a = Api(self.sys.endpoint, curve=self.sys.curve(name))
        self.addCleanup(a.close)
        return a

    def counter(self, name):
        return self.api.ok("duban.stats")["counters"].get(name, 0)

    def assert_no_answer(self, api):
        """The handshake is refused: no request of this connection is ever answered."""
        try:
            with self.assertRaises(MdpTimeout):
                api.call("duban.stats")
        finally:
            api.close()

    def refused_as(self, name, service, code_expected, **fields):
        """`refused` (nothing changes) for a call made with key `name`."""
        return self.refused(service, code_expected, _api=self.api_as(name), **fields)

    # ---- keys --------------------------------------------------------------------------------
    def test_unknown_key_and_wrong_server_key_are_refused_at_the_handshake(self):
        stranger = KeySet(os.path.join(self.sys.folder, "elsewhere"), {"stranger": ["staff"]})
        before = self.counter("broker.keys_refused")
        cmd = [binary(os.path.join("dubanctl", "dubanctl")), "--broker", self.sys.endpoint,
               "--timeout", "2000", "--key", stranger.path("stranger"),
               "--server-key", self.sys.keys.path("broker", secret=False), "stats"]
        r = subprocess.run(cmd, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(b"refused this key at the handshake", r.stderr)
        self.assertGreater(self.counter("broker.keys_refused"), before)

        # The right key, but the server key of another broker: the client refuses the broker.
        cmd = [binary(os.path.join("dubanctl", "dubanctl")), "--broker", self.sys.endpoint,
               "--timeout", "2000"] + ["--key", self.sys.keys.path("wang"),
                                        "--server-key", stranger.path("broker", secret=False),
                                        "stats"]
        r = subprocess.run(cmd, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn(b"handshake", r.stderr)

        # A client without CURVE gets nothing from the keyed endpoint.
        self.assert_no_answer(Api(self.sys.endpoint, timeout=1.0))

    def test_expired_key_is_refused_and_registry_reloads_on_sighup(self):
        keys = self.sys.keys
        late = KeySet(os.path.join(self.sys.folder, "late"), {"late": ["staff"], "gone": ["staff"]})
        public_late = late.z85("late")[0]
        public_gone = late.z85("gone")[0]
        with open(keys.registry, "a") as f:
            f.write('[[key]]\nname = "late"\npublic = "%s"\nroles = ["staff"]\n' % public_late)
            f.write('[[key]]\nname = "gone"\npublic = "%s"\nroles = ["staff"]\n'
                    'expires = "2020-01-01"\n' % public_gone)
        late_curve = (public_late, late.z85("late")[1], keys.z85("broker")[0])
        gone_curve = (public_gone, late.z85("gone")[1], keys.z85("broker")[0])
        # Before SIGHUP the new key is unknown.
        self.assert_no_answer(Api(self.sys.endpoint, timeout=1.0, curve=late_curve))
        os.kill(self.sys.broker.pid, signal.SIGHUP)
        self.wait_until(lambda: "key registry read again" in self.sys.broker.log_text(),
                        SETTLE_TIMEOUT, "the broker to read its key registry again")
        a = Api(self.sys.endpoint, timeout=5.0, curve=late_curve)
        self.addCleanup(a.close)
        self.assertTrue(a.ok("duban.stats")["counters"])
        self.assert_no_answer(Api(self.sys.endpoint, timeout=1.0, curve=gone_curve))
        # Removed from the registry: the open connection is refused at its next request.
        with open(keys.registry) as f:
            text = f.read()
        with open(keys.registry, "w") as f:
            f.write(text.split('[[key]]\nname = "late"')[0])
        os.kill(self.sys.broker.pid, signal.SIGHUP)
        self.wait_until(lambda: self.sys.broker.log_text().count("key registry read again") >= 2,
                        SETTLE_TIMEOUT, "the broker to read its key registry again")
        r = a.call("duban.stats")
        self.assertEqual((r["ok"], r["code"]), (False, "PERMISSION_DENIED"), r)
        # A registry that does not load keeps the keys in force.
        with open(keys.registry, "a") as f:
            f.write("[[key]]\nname = 'broken'\n")
        os.kill(self.sys.broker.pid, signal.SIGHUP)
        self.wait_until(lambda: "key registry NOT reloaded" in self.sys.broker.log_text(),
                        SETTLE_TIMEOUT, "the broker to refuse the broken registry")
        self.assertTrue(self.api.ok("duban.stats")["counters"])

    # ---- roles -------------------------------------------------------------------------------
    def test_a_unit_acts_and_reads_only_as_itself(self):
        code = self.submit_routed("关于增加城区公办幼儿园学位供给的建议")
        denied = self.counter("broker.permission_denied") + self.counter(
            "api.errors.PERMISSION_DENIED")
        # Another unit: cannot read it, sign for the lead, or reply as the lead.
        self.refused_as("other-clerk", "duban.get", "PERMISSION_DENIED", code=code)
        self.refused_as("other-clerk", "duban.sign", "PERMISSION_DENIED", code=code, unit=LEAD,
                        actor="x")
        self.refused_as("other-clerk", "duban.reply", "PERMISSION_DENIED", code=code, unit=LEAD,
                        actor="x", result_class="A", text="已办", signer="某局长", commitments=[])
        self.refused_as("other-clerk", "duban.list", "PERMISSION_DENIED", unit=LEAD)
        self.refused_as("other-clerk", "duban.inbox", "PERMISSION_DENIED", recipient="unit:" + LEAD)
        # A unit cannot call staff services at all.
        self.refused_as("lead-clerk", "duban.assign", "PERMISSION_DENIED", code=code,
                        lead_unit=OTHER_UNIT, co_units=[], actor="x", note="")
        self.refused_as("lead-clerk", "duban.stats", "PERMISSION_DENIED")
        after = self.counter("broker.permission_denied") + self.counter(
            "api.errors.PERMISSION_DENIED")
        self.assertGreaterEqual(after - denied, 7)

        # The lead unit reads its own without the deputy's contact, and signs through dubanctl.
        own = self.api_as("lead-clerk").ok("duban.get", code=code)["suggestion"]
        self.assertEqual(own["code"], code)
        self.assertFalse(own["draft"]["deputy"].get("contact"), own["draft"]["deputy"])
        self.assertTrue(self.get(code)["suggestion"]["draft"]["deputy"]["contact"],
                        "staff see the contact")
        listed = self.api_as("lead-clerk").ok("duban.list")
        self.assertIn(code, [i["code"] for i in listed["items"]])
        rc, out = self.sys.ctl("sign", code, "--unit", LEAD, "--actor", "冒名者", as_key="lead-clerk")
        self.assertEqual(rc, 0, out)

    def test_a_deputy_reads_and_evaluates_only_its_own(self):
        code = self.submit_routed("关于优化社区幼儿园布局的建议")
        self.refused_as("other-deputy", "duban.get", "PERMISSION_DENIED", code=code)
        self.refused_as("other-deputy", "duban.evaluate", "PERMISSION_DENIED", code=code,
                        deputy=DEPUTY, actor="", satisfaction="satisfied", reasons="")
        mine = self.api_as("deputy").ok("duban.get", code=code)["suggestion"]
        self.assertEqual(mine["draft"]["deputy"]["contact"], "13800009101",
                         "a deputy sees its own contact")
        # A deputy submits as itself only.
        other = draft("关于另一个代表的建议", "内容", "教育", ["幼儿园"], deputy_id="D9999")
        self.refused_as("deputy", "duban.submit", "PERMISSION_DENIED",
                        request_id=uuid.uuid4().hex, draft=other)
        ok = self.api_as("deputy").ok("duban.submit", request_id=uuid.uuid4().hex,
                                      draft=draft("关于代表本人的建议", "内容", "教育", ["幼儿园"]))
        self.assertTrue(ok["code"])
        # A request id staff used already: refused, without naming staff's suggestion.
        rid = uuid.uuid4().hex
        staff_code = self.api.ok("duban.submit", request_id=rid,
                                 draft=draft("关于工作人员代交的建议", "内容", "教育", ["幼儿园"]))["code"]
        r = self.api_as("deputy").call("duban.submit", request_id=rid,
                                       draft=draft("关于另一条建议", "内容", "教育", ["幼儿园"]))
        self.assertEqual((r["ok"], r["code"]), (False, "FAILED_PRECONDITION"), r)
        self.assertNotIn(staff_code, r["message"])

    def test_a_worker_key_serves_only_its_role(self):
        denied = self.counter("broker.permission_denied")
        # duban-worker --role assignment with the reminder worker's key: refused at READY.
        w = self.sys.start_worker("assignment", extra=self.sys.keys.client_args("worker-reminder"))
        self.wait_until(lambda: "may not serve 'assignment'" in self.sys.broker.log_text(),
                        SETTLE_TIMEOUT, "the broker to refuse the READY")
        self.assertGreater(self.counter("broker.permission_denied"), denied)
        workers = self.api.ok("duban.workers")["workers"]
        self.assertEqual(sum(1 for x in workers if x["service"] == "assignment"), 1, workers)
        # Each worker is shown with the key it connected with, not only its routing id.
        self.assertEqual({x["service"]: x.get("key") for x in workers},
                         {s: "worker-" + s for s in ("assignment", "reminder", "escalation")},
                         workers)
        w.stop()
        self.sys.workers.remove(w)
        self.sys.procs.remove(w)

        # A REPLY from a key that may hold no lease of the service: refused before any look-up.
        before = self.counter("broker.permission_denied")
        ctx = zmq.Context()
        s = ctx.socket(zmq.DEALER)
        try:
            s.setsockopt(zmq.LINGER, 0)
            use_curve(s, self.sys.curve("wang"))
            s.connect(self.sys.endpoint)
            s.send_multipart([b"", W_WORKER, REPLY, b"t|assignment|T1|fence", b"", b"forged"])
            self.wait_until(lambda: self.counter("broker.permission_denied") > before,
                            SETTLE_TIMEOUT, "the forged REPLY to be refused and counted")
        finally:
            s.close(0)
            ctx.term()
        self.assertIn("reply for task T1 of 'assignment' refused", self.sys.broker.log_text())

    def test_a_peer_taking_a_dead_workers_routing_id_gets_nothing(self):
        # The assignment worker dies; a unit's key connects under its routing id and heartbeats.
        workers = self.api.ok("duban.workers")["workers"]
        victim = [w for w in workers if w["service"] == "assignment"][0]
        proc = [w for w in self.sys.workers if w.name.startswith("worker-assignment")][0]
        proc.kill9()
        before = self.counter("broker.permission_denied")
        ctx = zmq.Context()
        s = ctx.socket(zmq.DEALER)
        try:
            s.setsockopt(zmq.LINGER, 0)
            s.setsockopt(zmq.IDENTITY, bytes.fromhex(victim["id"]))
            use_curve(s, self.sys.curve("lead-clerk"))
            s.connect(self.sys.endpoint)
            self.wait_until(lambda: (s.send_multipart([b"", W_WORKER, HEARTBEAT]) or True)
                            and self.counter("broker.permission_denied") > before,
                            SETTLE_TIMEOUT, "the broker to drop the worker the peer posed as")
            self.assertIn("came with another key", self.sys.broker.log_text())
            # A new suggestion's assignment task is not handed to the impostor.
            r = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                            draft=draft("关于测试冒名的建议", "内容", "教育", ["幼儿园"]))
            self.assertFalse(s.poll(1500, zmq.POLLIN) and
                             REQUEST in s.recv_multipart()[:3], "the impostor got a REQUEST")
        finally:
            s.close(0)
            ctx.term()
        self.sys.workers.remove(proc)
        self.sys.procs.remove(proc)
        self.sys.start_worker("assignment")
        self.wait_state(r["code"], "ASSIGNED")

    def test_a_rotated_key_stops_the_old_keys_connections(self):
        keys = self.sys.keys
        old = self.api_as("other-clerk")
        self.assertTrue(old.ok("duban.list")["items"] is not None)
        fresh = KeySet(os.path.join(self.sys.folder, "rotated"), {"other-clerk": ["staff"]})
        with open(keys.registry) as f:
            text = f.read()
        text = text.replace(keys.z85("other-clerk")[0], fresh.z85("other-clerk")[0])
        with open(keys.registry, "w") as f:
            f.write(text)
        os.kill(self.sys.broker.pid, signal.SIGHUP)
        self.wait_until(lambda: "key registry read again" in self.sys.broker.log_text(),
                        SETTLE_TIMEOUT, "the broker to read its key registry again")
        r = old.call("duban.list")
        self.assertEqual((r["ok"], r["code"]), (False, "PERMISSION_DENIED"), r)
        r = old.call("duban.stats")
        self.assertEqual((r["ok"], r["code"]), (False, "PERMISSION_DENIED"), r)

    # ---- attribution -------------------------------------------------------------------------
    def test_the_actor_on_the_timeline_is_the_key(self):
        # No rule routes this one: staff assign it by hand.
        r = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                        draft=draft("关于一件无规则可依事项的建议", "内容", "其他", ["无关"]))
        code = r["code"]
        self.wait_state(code, "IN_REVIEW")
        self.ctl_ok("assign", code, "--lead", LEAD, "--actor", "someone-else")
        rc, out = self.sys.ctl("sign", code, "--unit", LEAD, "--actor", "冒名者", as_key="lead-clerk")
        self.assertEqual(rc, 0, out)
        actors = {e["action"]: e["actor"] for e in self.get(code)["timeline"]}
        self.assertEqual(actors.get("submitted"), "staff:wang", actors)
        self.assertEqual(actors.get("assigned"), "staff:wang", actors)
        self.assertIn("unit:%s/lead-clerk" % LEAD, actors.values())
        self.assertFalse(any("冒名者" in a or "someone-else" in a for a in actors.values()), actors)

    def test_a_delegate_acts_for_the_person_it_vouches_for_and_is_recorded_as_both(self):
        code = self.submit_routed("关于校园周边停车治理的建议")
        on_behalf = "unit:%s/张三" % LEAD
        rc, out = self.sys.ctl("--on-behalf", on_behalf, "sign", code, "--unit", LEAD,
                               "--actor", "x", as_key="web")
        self.assertEqual(rc, 0, out)
        actors = {e["action"]: e["actor"] for e in self.get(code)["timeline"]}
        self.assertEqual(actors.get("signed"), "unit:%s/web(as %s)" % (LEAD, on_behalf), actors)
        # Vouching for another unit does not make it this unit's clerk.
        rc, out = self.sys.ctl("--on-behalf", "unit:%s/李四" % OTHER_UNIT, "start", code,
                               "--unit", LEAD, "--actor", "x", as_key="web", json=False)
        self.assertEqual(rc, 1, out)
        # Only a delegate may vouch, and not for admin; alone, the delegate key may do nothing.
        rc, out = self.sys.ctl("--on-behalf", on_behalf, "start", code, "--unit", LEAD,
                               "--actor", "x", as_key="wang", json=False)
        self.assertEqual(rc, 1, out)
        rc, out = self.sys.ctl("--on-behalf", "admin/王", "stats", as_key="web", json=False)
        self.assertEqual(rc, 1, out)
        rc, out = self.sys.ctl("show", code, as_key="web", json=False)
        self.assertEqual(rc, 1, out)
        self.assertEqual(self.units(code)[LEAD][1], "SIGNED")

    # ---- the public endpoint -----------------------------------------------------------------
    def test_status_works_without_a_key_on_the_public_endpoint(self):
        code = self.submit_routed("关于学校周边交通安全的建议")
        anonymous = Api(self.public_endpoint, timeout=5.0)
        self.addCleanup(anonymous.close)
        st = anonymous.ok("duban.status", code=code)
        self.assertEqual(st["code"], code)
        self.assertNotIn("13800009101", str(st))
        for service, fields in (("duban.get", {"code": code}), ("duban.stats", {}),
                                ("duban.list", {})):
            r = anonymous.call(service, **fields)
            self.assertEqual((r["ok"], r["code"]), (False, "PERMISSION_DENIED"), (service, r))
        # A message larger than any duban.status request is refused with its reason (and one
        # 16 times larger would be cut off by libzmq with its connection); the broker serves on.
        big = Api(self.public_endpoint, timeout=5.0)
        self.addCleanup(big.close)
        r = big.call("duban.status", code="S" * 8000)
        self.assertEqual((r["ok"], r["code"]), (False, "RESOURCE_EXHAUSTED"), r)
        self.assertEqual(anonymous.ok("duban.status", code=code)["code"], code)


class BindWithoutKeysTest(unittest.TestCase):
    def test_the_broker_refuses_to_bind_all_interfaces_without_keys(self):
        exe = binary(os.path.join("broker", "duban-broker"))
        for endpoint in ("tcp://0.0.0.0:%d" % free_port(), "tcp://*:%d" % free_port()):
            r = subprocess.run([exe, "--config", config_path(), "--bind", endpoint,
                                "--redis", "redis://127.0.0.1:1/0"],
                               capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(b"without keys", r.stderr)


if __name__ == "__main__":
    unittest.main()
