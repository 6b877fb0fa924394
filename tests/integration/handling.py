"""Helpers for the integration tests of a suggestion's handling (test_unit_tasks.py,
test_closing_loop.py): drafts the routing rules send to a known unit, local dates, and a mixin of
calls on a running System (self.sys) through an Api (self.api) — get, wait for a state or a notice,
run dubanctl, check a refusal changes nothing."""

import calendar
import datetime
import json
import os
import uuid

from harness import source_dir

UTC_OFFSET = datetime.timedelta(hours=8)  # config/duban.toml: jurisdiction.timezone Asia/Shanghai
SETTLE_TIMEOUT = 20.0                     # seconds for the workers to catch up


def draft(title, content, category, keywords, deputy_id="D9101"):
    return {"title": title, "content": content, "category": category, "keywords": list(keywords),
            "deputy": {"id": deputy_id, "name": "测试代表", "contact": "13800009101"},
            "co_signers": [], "session": "2026"}


def local_today():
    return (datetime.datetime.now(datetime.timezone.utc) + UTC_OFFSET).date()


def add_months_clamped(d, months):
    """d plus `months` calendar months, the day clamped to the last day of the target month."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return datetime.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def education_rule():
    """(lead, [co]) of the 教育 rule in config/units.toml (tomllib is Python 3.11+: a tiny reader)."""
    rules, current = [], None
    with open(os.path.join(source_dir(), "config", "units.toml"), encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if line.startswith("[["):
                current = {} if line == "[[rule]]" else None
                if current is not None:
                    rules.append(current)
            elif "=" in line and current is not None:
                k, v = (x.strip() for x in line.split("=", 1))
                current[k] = json.loads(v)
    for r in rules:
        if r.get("name") == "教育":
            return r["lead"], list(r.get("co", []))
    raise AssertionError("config/units.toml has no 教育 rule")


def local_date_of(ms):
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone(UTC_OFFSET)).date()

class HandlingCalls:
    """Mixin for a SystemTestCase whose setUp sets self.sys (a System) and self.api (an Api)."""

    def get(self, code):
        return self.api.ok("duban.get", code=code)

    def actions(self, code):
        return [e["action"] for e in self.get(code)["timeline"]]

    def state(self, code):
        return self.get(code)["suggestion"]["state"]

    def wait_state(self, code, state):
        self.wait_until(lambda: self.state(code) == state, SETTLE_TIMEOUT,
                        "%s to be %s (timeline: %r)" % (code, state, self.actions(code)))

    def units(self, code):
        return {u["unit"]: (u["role"], u["state"]) for u in self.get(code)["suggestion"]["units"]}

    def submit_routed(self, title):
        """Submits a suggestion the 教育 rule routes; returns its code once it is ASSIGNED."""
        r = self.api.ok("duban.submit", request_id=uuid.uuid4().hex,
                        draft=draft(title, "适龄儿童数量快速增长，建议新建小区配套幼儿园同步交付。",
                                    "教育", ["幼儿园"]))
        code = r["code"]
        last = {}

        def assigned():
            last["r"] = self.get(code)
            return last["r"]["suggestion"]["state"] == "ASSIGNED"

        try:
            self.wait_until(assigned, SETTLE_TIMEOUT, "%s to be ASSIGNED" % code)
        except AssertionError as e:
            raise AssertionError("%s; last: %r\n%s" % (e, last.get("r"), self.sys.describe()))
        return code

    def ctl_ok(self, *args):
        """`dubanctl --json ARGS` that must succeed; returns its JSON."""
        rc, out = self.sys.ctl(*args)
        self.assertEqual(rc, 0, "dubanctl %s failed (rc %d): %r\n%s"
                         % (" ".join(map(str, args)), rc, out, self.sys.describe()))
        self.assertIsInstance(out, dict, "dubanctl --json printed no JSON object: %r" % out)
        return out

    def refused(self, service, code_expected, _api=None, **fields):
        """A duban.* call that must be refused with `code_expected` and change nothing: not the
        suggestion (version, state, units, record), not its timeline, not its timers, not a sent
        notice, not any outbox. The system is let go quiet first (no task queued or in flight),
        so what a worker writes meanwhile is not taken for the refusal's doing. _api: the
        connection to call with (another key's), if not self.api."""
        code = fields.get("code")
        known = self.api.call("duban.get", code=code) if code else {}
        self.wait_quiet()
        before = self.stored_state(code) if known.get("ok") else None
        r = (_api or self.api).call(service, **fields)
        self.assertIs(r.get("ok"), False, "%s %r should be refused: %r" % (service, fields, r))
        self.assertEqual(r.get("code"), code_expected, "%s %r: %r" % (service, fields, r))
        if before is not None:
            after = self.stored_state(code)
            for part in before:
                self.assertEqual(after[part], before[part],
                                 "a refused %s must change nothing: its %s changed"
                                 % (service, part))
        return r

    def wait_quiet(self):
        """Waits until no service has a task queued or in flight (bounded)."""
        def quiet():
            q = self.api.ok("duban.queues")
            return all(sv["queued"] == 0 and sv["inflight"] == 0 for sv in q["services"])
        self.wait_until(quiet, SETTLE_TIMEOUT, "the queues to drain")

    # Per suggestion: its timers (name, due, service, kind), its sent-notice keys; and every
    # outbox's length and digest. One call, so the picture is of one instant.
    _STORED_LUA = """
local p, code = ARGV[1], ARGV[2]
local out = {}
local tm = redis.call('HGETALL', p .. ':tm:{' .. code .. '}')
for i = 1, #tm, 2 do
  out[#out + 1] = 'timer ' .. tm[i] .. ' due ' ..
    tostring(redis.call('ZSCORE', p .. ':timers', code .. '|' .. tm[i])) ..
    ' ' .. redis.sha1hex(tm[i + 1])
end
local sent = redis.call('SMEMBERS', p .. ':sent:{' .. code .. '}')
table.sort(sent)
for _, k in ipairs(sent) do out[#out + 1] = 'sent ' .. k end
local boxes = redis.call('KEYS', p .. ':outbox:*')
table.sort(boxes)
for _, k in ipairs(boxes) do
  out[#out + 1] = k .. ' ' .. redis.call('LLEN', k) .. ' ' ..
    redis.sha1hex(table.concat(redis.call('LRANGE', k, 0, -1), '|'))
end
return out
"""

    def stored_state(self, code):
        """What a refusal must not change: {part: value} (see refused)."""
        got = self.get(code)
        lines = self.sys.redis.cli("EVAL", self._STORED_LUA, 0, "duban", code).splitlines()
        return {"suggestion": got["suggestion"], "timeline": got["timeline"],
                "timers": sorted(x for x in lines if x.startswith("timer ")),
                "sent notices": sorted(x for x in lines if x.startswith("sent ")),
                "outboxes": [x for x in lines if x.startswith("{duban}:outbox:")]}

    def inbox(self, recipient, limit=50):
        return self.api.ok("duban.inbox", recipient=recipient, limit=limit)["notices"]

    def wait_notice(self, recipient, code, kind):
        """The newest notice of `kind` about `code` in `recipient`'s inbox (bounded wait)."""
        found = {}

        def there():
            for n in self.inbox(recipient):
                if n["code"] == code and n["kind"] == kind:
                    found["n"] = n
                    return True
            return False

        self.wait_until(there, SETTLE_TIMEOUT, "a %s notice on %s in %s's inbox: %r"
                        % (kind, code, recipient, self.inbox(recipient)))
        return found["n"]
