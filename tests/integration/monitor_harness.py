"""Helpers for the duban-monitor tests (test_monitor.py, test_dashboard_browser.py): start the
monitor beside a harness.System on a free port (or, with a staff account, on 0.0.0.0:
SignedInMonitor), talk HTTP to it, call the broker's duban.* services directly (to compare the
monitor's figures with the broker's own), and run headless Chromium (once: run_chromium; or
driven over the DevTools protocol: Browser).

Rules it keeps, like harness.py: 127.0.0.1 and free ports only; every wait bounded; whatever it
starts it stops by PID (the monitor through the System's process list, Chromium by its own
process group, which this module created).
"""

import http.client as httpclient
import json
import os
import select
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import msgpack

from harness import (Api, EchoWorker, MdpClient, MdpTimeout, Proc, binary, config_path,  # noqa: F401
                     free_port)

MONITOR_READY_TIMEOUT = 15.0  # seconds until /api/overview must answer 200
HTTP_TIMEOUT = 10.0           # per HTTP request
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_TIMEOUT = 90.0       # one headless run (dump or screenshot)


def draft(i, tag="m", category="教育", keywords=("幼儿园",)):
    return {"title": "%s-%d 关于增加社区托育服务的建议" % (tag, i),
            "content": "第%d条测试建议的正文。" % i, "category": category,
            "keywords": list(keywords), "deputy": {"id": "D%04d" % i, "name": "测试代表",
                                                    "contact": "13800000000"},
            "co_signers": [], "session": "2026"}


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def text(self):
        return self.body.decode("utf-8")


def http(method, url, body=None, headers=None, timeout=HTTP_TIMEOUT, source=None):
    """One HTTP request; returns a Response for any status (errors included). `source`: the
    local address to connect from (the peer address the server sees), e.g. "10.200.0.1"."""
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    if source is not None:
        u = urllib.parse.urlsplit(url)
        conn = httpclient.HTTPConnection(u.hostname, u.port, timeout=timeout,
                                          source_address=(source, 0))
        try:
            conn.request(method, u.path + ("?" + u.query if u.query else ""), body=data,
                         headers=dict(headers or {}))
            r = conn.getresponse()
            return Response(r.status, dict(r.getheaders()), r.read())
        finally:
            conn.close()
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Response(r.status, dict(r.headers), r.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, dict(e.headers), e.read())


def start_monitor(owner, system, name, args_for_port):
    """Starts duban-monitor for `owner` (a Monitor or SignedInMonitor: sets its port and proc) with
    the arguments args_for_port(port) gives, in the system's process list; tried on up to three
    free ports, since one can be taken between free_port() and bind."""
    last = None
    for attempt in range(3):
        owner.port = free_port()
        owner.proc = Proc("%s-%d" % (name, attempt), args_for_port(owner.port), system.folder)
        system.procs.append(owner.proc)
        try:
            owner.wait_ready()
            return
        except AssertionError as e:
            last = e
            owner.proc.stop(expect_clean=False)  # it failed to start: any exit
    raise last


def wait_answers(proc, path, timeout, fetch):
    """Waits (bounded) until fetch() answers 200; fails at once if the monitor `proc` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not proc.alive():
            raise AssertionError("duban-monitor exited: " + proc.describe())
        try:
            if fetch().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("duban-monitor did not answer %s with 200 within %.0f s: %s"
                         % (path, timeout, proc.describe()))


class Monitor:
    """duban-monitor for `system` on 127.0.0.1 and a free port (or `host`). Registered in the
    system's process list, so system.close() stops it by PID."""

    def __init__(self, system, interval_ms=300, host="127.0.0.1", extra=()):
        self.system = system
        self.host = host
        self.bin = binary(os.path.join("monitor", "duban-monitor"))
        self.proc = None
        start_monitor(self, system, "monitor", lambda port: [
            self.bin, "--config", config_path(), "--broker", system.endpoint,
            "--http", "%s:%d" % (host, port), "--sample-interval-ms", interval_ms,
            "--timeout", 1000] + list(extra))

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def wait_ready(self, timeout=MONITOR_READY_TIMEOUT):
        wait_answers(self.proc, "/api/overview", timeout,
                     lambda: http("GET", self.base + "/api/overview", timeout=2))

    def get(self, path, **kw):
        return http("GET", self.base + path, **kw)

    def csrf(self):
        """The monitor's CSRF token (GET /api/session), which every action must carry."""
        r = self.get("/api/session")
        if r.status != 200:
            raise AssertionError("GET /api/session answered %d: %s" % (r.status, r.text()))
        return r.json()["csrf"]

    def post(self, path, body=None, headers=None):
        """A POST as the dashboard's page sends it: JSON with the X-CSRF-Token header (`headers`
        may replace either, or add others)."""
        h = {"Content-Type": "application/json", "X-CSRF-Token": self.csrf()}
        h.update(headers or {})
        return http("POST", self.base + path, body=body if body is not None else {}, headers=h)

    def overview_after(self, t_ms, timeout=10.0):
        """The first /api/overview sampled after wall time t_ms (bounded wait)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = self.get("/api/overview")
            if last.status == 200 and last.json()["broker"]["sampled_at_ms"] > t_ms:
                return last.json()
            time.sleep(0.05)
        raise AssertionError("no overview sampled after %d within %.0f s; last: %s %s"
                             % (t_ms, timeout, last.status if last else None,
                                last.text() if last else ""))


def hash_password(password):
    """`duban-monitor --hash-password`: the argon2id hash of `password`, read from stdin."""
    r = subprocess.run([binary(os.path.join("monitor", "duban-monitor")), "--hash-password"],
                       input=(password + "\n").encode(), capture_output=True, timeout=30)
    if r.returncode != 0:
        raise AssertionError("duban-monitor --hash-password failed: %r" % (r,))
    return r.stdout.decode().strip()


class SignedInMonitor:
    """duban-monitor for `system` on 0.0.0.0 and a free port (an address other machines reach, so
    staff must sign in), with one account `name`/`password` in a config file of its own, and
    answering to the Host `allowed_host`:PORT. Every request still connects to 127.0.0.1 (with
    that Host header: `get`, `request`); a browser reaches it by mapping the name to 127.0.0.1.
    Registered in the system's process list, like Monitor."""

    def __init__(self, system, name="wang", password="correct horse",
                 allowed_host="dashboard.test", interval_ms=300):
        self.password_hash = hash_password(password)
        self.config = os.path.join(system.folder, "monitor-accounts.toml")
        with open(self.config, "w") as f:
            f.write('[monitor]\n[[monitor.account]]\nname = "%s"\npassword_hash = %s\n'
                    % (name, json.dumps(self.password_hash)))
        exe = binary(os.path.join("monitor", "duban-monitor"))
        self.allowed_host = allowed_host
        start_monitor(self, system, "monitor-signed-in", lambda port: [
            exe, "--config", self.config, "--broker", system.endpoint,
            "--http", "0.0.0.0:%d" % port, "--allowed-host", allowed_host,
            "--sample-interval-ms", interval_ms, "--timeout", 1000])

    @property
    def host(self):
        return "%s:%d" % (self.allowed_host, self.port)

    @property
    def url(self):
        """The dashboard's address as staff type it (a browser must map the name to 127.0.0.1)."""
        return "http://%s/" % self.host

    def request(self, method, path, body=None, headers=None):
        """One request to 127.0.0.1:PORT with the Host header naming the monitor (no redirects
        followed)."""
        h = {"Host": self.host}
        h.update(headers or {})
        return http(method, "http://127.0.0.1:%d%s" % (self.port, path), body=body, headers=h,
                    source="127.0.0.1")

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def wait_ready(self, timeout=MONITOR_READY_TIMEOUT):
        wait_answers(self.proc, "/login", timeout, lambda: self.get("/login"))


def now_ms():
    return int(time.time() * 1000)


def run_chromium(url, extra_args, folder, timeout=CHROMIUM_TIMEOUT):
    """Runs headless Chromium once with a fresh profile; returns (exit code, stdout, stderr).
    Chromium and its helpers run in a process group of their own, killed by its id if the run
    outlives `timeout`."""
    if not os.access(CHROMIUM, os.X_OK):
        raise AssertionError("%s is missing: scripts/test installs Debian's chromium package"
                             % CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=folder)
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile] + list(extra_args) + [url]
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate(timeout=10)
        raise AssertionError("chromium did not finish within %.0f s: %s" % (timeout, args))
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)  # helpers left behind by the browser, if any
        except ProcessLookupError:
            pass
    with open(os.path.join(folder, "chromium.log"), "ab") as f:
        f.write(("$ %s\n[rc=%s]\n" % (" ".join(args), p.returncode)).encode() + err + b"\n")
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
    NUL-separated JSON on the browser's fds 3 and 4; no websocket library needed), to click the
    page's buttons and fill its forms as staff do. `host_rules` maps names to 127.0.0.1
    (--host-resolver-rules), so a test can play a DNS name without touching any resolver.
    Chromium and its helpers run in a process group of their own, killed by its id in close()."""

    def __init__(self, folder, host_rules=None, timeout=CHROMIUM_TIMEOUT):
        if not os.access(CHROMIUM, os.X_OK):
            raise AssertionError("%s is missing: scripts/test installs Debian's chromium package"
                                 % CHROMIUM)
        self.timeout = timeout
        child_in, self.to_browser = os.pipe()
        self.from_browser, child_out = os.pipe()
        profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=folder)
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-pipe"]
        if host_rules:
            args.append("--host-resolver-rules=" + host_rules)
        args.append("about:blank")

        def pipes_on_3_and_4():  # in the child, before exec
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)
        self.log = open(os.path.join(folder, "chromium.log"), "ab")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=self.log, start_new_session=True,
                                     preexec_fn=pipes_on_3_and_4, pass_fds=(3, 4))
        os.close(child_in)
        os.close(child_out)
        self.buf = b""
        self.last_id = 0
        self.session = None

    def send(self, method, params=None, to_page=True):
        """One DevTools command; its result, or AssertionError for an error or no answer."""
        self.last_id += 1
        msg = {"id": self.last_id, "method": method, "params": params or {}}
        if to_page and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" in self.buf:
                raw, self.buf = self.buf.split(b"\0", 1)
                m = json.loads(raw)
                if m.get("id") == self.last_id:
                    if "error" in m:
                        raise AssertionError("%s: %s" % (method, m["error"]))
                    return m["result"]
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("chromium did not answer %s within %.0f s"
                                     % (method, self.timeout))
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                data = os.read(self.from_browser, 1 << 20)
                if not data:
                    raise AssertionError("chromium closed its DevTools pipe")
                self.buf += data

    def open(self, url):
        """A new tab on `url`; later commands go to it."""
        target = self.send("Target.createTarget", {"url": "about:blank"}, to_page=False)
        attached = self.send("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, to_page=False)
        self.session = attached["sessionId"]
        self.send("Page.navigate", {"url": url})

    def eval(self, expression):
        """The value of a JavaScript expression in the tab (promises awaited)."""
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise AssertionError("%s threw: %s" % (expression, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait_for(self, expression, timeout=20.0, what=None):
        """Polls `expression` until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.eval(expression)
            except AssertionError as e:  # a navigation in progress
                last = e
            if last and not isinstance(last, AssertionError):
                return last
            time.sleep(0.1)
        raise AssertionError("%s: not true within %.0f s (last: %r)"
                             % (what or expression, timeout, last))

    def close(self):
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        for fd in (self.to_browser, self.from_browser):
            os.close(fd)
        self.log.close()


# ---- a system whose every figure is a distinct non-zero number --------------------------------

# What busy_fixture leaves: each figure the dashboard shows has its own value, none 0, so a
# swapped or hard-coded mapping cannot pass.
BUSY = {"dead": 2,          # assignment dead letters (refused permanently)
        "overdue": 3,       # ASSIGNED with a deadline in the past (their reminder tasks queue)
        "timers": 4,        # pending timers of one suggestion (service "tick", due in 2099)
        "paused_queued": 5,  # submitted while assignment is paused
        "inflight": 1}      # an opaque request leased to a worker that never answers
BUSY_QUEUED = BUSY["paused_queued"] + BUSY["overdue"]  # assignment + reminder ("schedule" tasks)

# A 7/MDP worker that takes one REQUEST and holds it, heartbeating, until it is stopped.
HOLDING_WORKER = r'''
import signal, sys, time
import zmq
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a clean exit on SIGTERM, as harness wants
s = zmq.Context().socket(zmq.DEALER)
s.setsockopt(zmq.LINGER, 0)
s.connect(sys.argv[1])
s.send_multipart([b"", b"MDPW01", b"\x01", sys.argv[2].encode()])
next_hb = time.monotonic()
while True:
    if s.poll(20, zmq.POLLIN):
        f = s.recv_multipart()
        if len(f) >= 3 and f[2] == b"\x02":
            print("REQUEST", flush=True)
    if time.monotonic() >= next_hb:
        s.send_multipart([b"", b"MDPW01", b"\x04"])
        next_hb = time.monotonic() + 0.1
'''


def busy_fixture(test, system, api, timeout=20.0):
    """Drives `system` (no role workers) to the BUSY figures; returns the codes by kind. A fake
    assignment worker refuses the dl- drafts, assigns the od- drafts with a deadline in 2020 and
    sets four timers on the tm- draft; then assignment is paused and more drafts wait; a
    HOLDING_WORKER holds an opaque request of the service "hold"."""
    def handler(body):
        task = msgpack.unpackb(body[0], raw=False)
        sug = task["suggestion"]
        title = sug["draft"]["title"]
        if title.startswith("dl-"):
            out = {"v": 1, "ok": False, "code": "INVALID_ARGUMENT", "message": "refused (busy)"}
        elif title.startswith("od-"):
            out = {"v": 1, "ok": True, "expect_version": sug["version"], "to_state": "ASSIGNED",
                   "units": [{"unit": "jyj", "role": "lead", "state": "ISSUED"}],
                   "deadline": {"date": "2020-01-31", "rule": "test: long past",
                                "due_ms": 1580486399000},
                   "action": "assigned", "note": "overdue on purpose"}
        else:
            out = {"v": 1, "ok": True, "expect_version": -1, "to_state": "", "action": "timers_set",
                   "note": "test timers",
                   "timers": [{"name": "t%d" % i, "service": "tick", "kind": "tick",
                               "due_ms": 4070908800000 + i, "priority_ms": 0, "payload": "x"}
                              for i in range(BUSY["timers"])]}
        return [msgpack.packb(out, use_bin_type=True)]

    fake = EchoWorker(system.endpoint, service="assignment", handler=handler,
                      heartbeat_interval=0.2).start()
    system.wait_service("assignment")
    codes = {}
    for tag, n in (("dl", BUSY["dead"]), ("od", BUSY["overdue"]), ("tm", 1)):
        codes[tag] = [api.ok("duban.submit", request_id="busy-%s-%d" % (tag, i),
                             draft=draft(i, tag))["code"] for i in range(n)]

    def settled():
        q = {sv["name"]: sv for sv in api.ok("duban.queues")["services"]}
        a = q.get("assignment", {})
        return (a.get("dead") == BUSY["dead"] and a.get("queued") == 0
                and a.get("inflight") == 0
                and api.ok("duban.queues")["timers"] == BUSY["timers"]
                and api.ok("duban.list", state="ASSIGNED", limit=1)["total"] == BUSY["overdue"])
    test.wait_until(settled, timeout, "the fake assignment worker to answer every draft")
    fake.stop()
    api.ok("duban.pause", service="assignment", paused=True, actor="test")
    codes["q"] = [api.ok("duban.submit", request_id="busy-q-%d" % i, draft=draft(i, "q"))["code"]
                  for i in range(BUSY["paused_queued"])]

    script = os.path.join(system.folder, "holding_worker.py")
    with open(script, "w") as f:
        f.write(HOLDING_WORKER)
    holder = Proc("holding-worker", ["/usr/bin/python3", script, system.endpoint, "hold"],
                  system.folder)
    system.procs.append(holder)
    system.wait_service("hold")
    client = system.client()
    client.send("hold", b"held request")
    test.wait_until(lambda: "REQUEST" in holder.log_text(), timeout,
                    "the holding worker to lease the request")
    return codes
