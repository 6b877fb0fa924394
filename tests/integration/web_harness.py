"""Helpers for the duban-web tests (test_web.py): accounts made with `duban-web account add`
(the password on stdin), the web process beside a harness.System on a free port, and a small
HTTP client that keeps its cookies, follows nothing by itself (so a test sees each 303), and
reads the CSRF token out of the page it got, as a browser's form would send it.

Rules it keeps, like harness.py: 127.0.0.1 and free ports only; every wait bounded; the web
process is in the system's process list, so system.close() stops it by PID (and it must exit 0
on SIGTERM).
"""

import http.client as httpclient
import json
import os
import re
import subprocess
import time
import urllib.parse

from handling import education_rule
from harness import Api, KeySet, Proc, binary, config_path, free_port

WEB_READY_TIMEOUT = 15.0  # seconds until /healthz must answer 200
HTTP_TIMEOUT = 15.0       # per HTTP request (a board reads every task of the unit)
CSRF_FIELD = re.compile(r'<input type="hidden" name="csrf" value="([0-9a-f]{64})">')


LEAD, _CO = education_rule()
CO = _CO[0]
OTHER = "mzj" if LEAD != "mzj" and CO != "mzj" else "gaj"
DEPUTY = "D9101"  # handling.draft's lead deputy
PASSWORD = "correct horse battery"

KEYS = {
    "wang": ["staff"],
    "web": ["delegate"],
    "worker-assignment": ["worker:assignment"],
    "worker-reminder": ["worker:reminder"],
}

ACCOUNTS = [  # name, role, display
    ("zhang", "unit:" + LEAD, "张三"),
    ("qian", "unit:" + CO, "钱六"),
    ("other", "unit:" + OTHER, "孙七"),
    ("deputy", "deputy:" + DEPUTY, "测试代表"),
]


class WebSystem:
    """Mixin for a SystemTestCase (with handling.HandlingCalls): setUp starts the system with
    keys (staff `wang`, duban-web's delegate key `web`, one key per worker role), makes ACCOUNTS
    (and the class's EXTRA_ACCOUNTS) with `duban-web account add` and starts duban-web. Sets
    self.sys, self.api, self.accounts (the file) and self.web. A class may set WEB_WORKERS (the
    roles to run), WEB_PUBLIC (the broker's public endpoint, self.public_endpoint, and
    duban-web's --public-broker on it) and WEB_ARGS (more flags of duban-web)."""

    WEB_WORKERS = ("assignment", "reminder")
    WEB_PUBLIC = False
    EXTRA_ACCOUNTS = ()
    WEB_ARGS = ()  # more duban-web flags

    def setUp(self):
        keys = dict(KEYS)
        for role in self.WEB_WORKERS:
            keys["worker-" + role] = ["worker:" + role]
        broker_args, web_args = [], []
        if self.WEB_PUBLIC:
            self.public_endpoint = "tcp://127.0.0.1:%d" % free_port()
            broker_args = ["--public-bind", self.public_endpoint]
            web_args = ["--public-broker", self.public_endpoint]
        self.sys = self.start_system(workers=list(self.WEB_WORKERS),
                                     keys=lambda folder: KeySet(folder, keys), as_key="wang",
                                     broker_args=broker_args)
        self.api = Api(self.sys.endpoint, curve=self.sys.curve("wang"))
        self.addCleanup(self.api.close)
        self.accounts = os.path.join(self.sys.folder, "web", "accounts.json")
        for name, role, display in list(ACCOUNTS) + list(self.EXTRA_ACCOUNTS):
            rc, out, err = add_account(self.accounts, name, role, display, PASSWORD)
            self.assertEqual(rc, 0, "account add %s: %s%s" % (name, out, err))
        self.assertEqual(os.stat(self.accounts).st_mode & 0o777, 0o600)
        with open(self.accounts, encoding="utf-8") as f:
            self.assertNotIn(PASSWORD, f.read(), "never the password in the file")
        self.web = Web(self.sys, self.accounts, extra=web_args + list(self.WEB_ARGS))

    def signed_in(self, name):
        """A Browser signed in as the account `name` (with PASSWORD)."""
        b = Browser(self.web)
        r = b.login(name, PASSWORD)
        self.assertEqual(r.status, 303, "sign-in of %s: %d\n%s" % (name, r.status, r.text[:2000]))
        return b


def web_binary():
    return binary(os.path.join("web", "duban-web"))


def add_account(path, name, role, display, password):
    """`duban-web account add` with the password on stdin; returns (exit code, stdout, stderr)."""
    r = subprocess.run([web_binary(), "account", "--help"], capture_output=True, timeout=30)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([web_binary(), "--accounts", path, "account", "add", name, "--role", role,
                        "--display", display], input=(password + "\n").encode("utf-8"),
                       capture_output=True, timeout=60)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def account_command(path, *args, stdin=""):
    r = subprocess.run([web_binary(), "--accounts", path, "account"] + list(args),
                       input=stdin.encode("utf-8"), capture_output=True, timeout=60)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value), names lower-cased
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k == name.lower():
                return v
        return None

    def all(self, name):
        return [v for k, v in self.headers if k == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def csrf(self):
        m = CSRF_FIELD.search(self.text)
        if not m:
            raise AssertionError("no CSRF field in the page (status %d):\n%s"
                                 % (self.status, self.text[:2000]))
        return m.group(1)


class Web:
    """duban-web for `system` on 127.0.0.1 and a free port, acting with the key `key_name` of
    the system's KeySet (a delegate)."""

    def __init__(self, system, accounts_path, key_name="web", extra=()):
        self.system = system
        self.accounts = accounts_path
        self.proc = None
        last = None
        for attempt in range(3):  # a free port can be taken between free_port() and bind
            self.port = free_port()
            args = [web_binary(), "--listen", "127.0.0.1:%d" % self.port, "--broker",
                    system.endpoint, "--accounts", accounts_path, "--config", config_path(),
                    "--timeout", "5000"] + system.keys.client_args(key_name) + list(extra)
            self.proc = Proc("web-%d" % attempt, args, system.folder)
            system.procs.append(self.proc)
            try:
                self.wait_ready()
                return
            except AssertionError as e:
                last = e
                self.proc.stop(expect_clean=False)
        raise last

    @property
    def host(self):
        return "127.0.0.1:%d" % self.port

    def wait_ready(self, timeout=WEB_READY_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.proc.alive():
                raise AssertionError("duban-web exited: " + self.proc.describe())
            try:
                if Browser(self).get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError("duban-web did not answer /healthz within %.0f s: %s"
                             % (timeout, self.proc.describe()))

    def refused(self):
        """The refusal counts /healthz reports, by reason."""
        return json.loads(Browser(self).get("/healthz").text)["refused"]


class Browser:
    """What a browser does for this test: cookies kept per name, forms posted with the page's
    Origin and Sec-Fetch-Site: same-origin (override with headers=)."""

    def __init__(self, web):
        self.web = web
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        h = {"Host": self.web.host}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        conn = httpclient.HTTPConnection("127.0.0.1", self.web.port, timeout=HTTP_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            resp = Response(r.status, [(k.lower(), v) for k, v in r.getheaders()], r.read())
        finally:
            conn.close()
        for c in resp.all("set-cookie"):
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, headers=None):
        h = {"Content-Type": "application/x-www-form-urlencoded",
             "Origin": "http://" + self.web.host, "Sec-Fetch-Site": "same-origin"}
        h.update(headers or {})
        return self.request("POST", path, urllib.parse.urlencode(fields).encode("utf-8"), h)

    def login(self, name, password):
        return self.post("/login", {"name": name, "password": password})

    def follow(self, r):
        """GET the Location of a 303."""
        assert r.status == 303, "expected a 303, got %d:\n%s" % (r.status, r.text[:2000])
        return self.get(r.header("location"))

    def act(self, code, action, fields=None):
        """Posts the form of `action` from the suggestion's page, with the page's CSRF token."""
        page = self.get("/s/" + code)
        assert page.status == 200, "GET /s/%s: %d\n%s" % (code, page.status, page.text[:2000])
        assert 'action="/s/%s/%s"' % (code, action) in page.text, \
            "the page of %s offers no %s form:\n%s" % (code, action, page.text)
        return self.post("/s/%s/%s" % (code, action), dict(fields or {}, csrf=page.csrf()))
