"""Harness for Duban's integration scenarios: a real redis-server, the real duban-broker and
duban-worker processes, dubanctl, and an independent 7/MDP client (mdp_peers.MdpClient).

Rules it keeps: every server binds 127.0.0.1 on a free port (never a fixed one); everything it
starts it stops by PID (SIGTERM, then SIGKILL after a bounded wait); every wait is bounded in time.
Logs go under DUBAN_TEST_OUT (or a fresh temporary folder), one folder per test, so a failing
test points at the broker's own log.

Environment: DUBAN_BUILD_DIR (cmake build dir holding broker/duban-broker, workers/duban-worker,
dubanctl/dubanctl) and DUBAN_SOURCE_DIR (for config/duban.toml). A missing binary or config makes
the test FAIL (AssertionError from setUp), never skip: a suite that silently skips proves nothing.
"""

import json as jsonlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import msgpack

from mdp_peers import EchoWorker, MdpClient, MdpProtocolError, MdpTimeout  # noqa: F401 (re-export)

REDIS_START_TIMEOUT = 10.0   # seconds until `redis-cli ping` must answer PONG
STOP_TIMEOUT = 10.0          # seconds between SIGTERM and SIGKILL
READY_TIMEOUT = 15.0         # seconds for the broker / workers to answer mmi.service


class MissingBinary(AssertionError):
    """A required binary or file is missing: the test fails with this message."""


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0 and release it)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def _safe_name(name):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[-120:] or "test"


def out_dir(name):
    """A fresh folder for one test's logs: $DUBAN_TEST_OUT/<name>-XXXX or /tmp/duban-it-...."""
    base = os.environ.get("DUBAN_TEST_OUT")
    if base:
        os.makedirs(base, exist_ok=True)
        return tempfile.mkdtemp(prefix=_safe_name(name) + "-", dir=base)
    return tempfile.mkdtemp(prefix="duban-it-" + _safe_name(name) + "-")


def _tail(path, max_bytes=4000):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - max_bytes))
            return f.read().decode("utf-8", "replace")
    except OSError as e:
        return "(no log: %s)" % e


# What AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer print when they find
# something (scripts/test --sanitize builds every program with them; the programs' output goes to
# the logs of the test folder).
SANITIZER_REPORT = re.compile(
    r"ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer"
    r"|\.(cc|h|cpp|hpp):\d+:\d+: runtime error: ")


def sanitizer_reports(folder):
    """One line per log file under `folder` that holds a sanitizer report (with the report's
    first lines), [] when none does."""
    found = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith(".log"):
                continue
            path = os.path.join(root, name)
            try:
                with open(path, "rb") as f:
                    text = f.read().decode("utf-8", "replace")
            except OSError:
                continue
            m = SANITIZER_REPORT.search(text)
            if m:
                start = text.rfind("\n", 0, m.start()) + 1
                found.append("sanitizer report in %s:\n%s" % (path, text[start:start + 3000]))
    return found


def _stop_pid_how(popen, timeout=STOP_TIMEOUT):
    """SIGTERM the process by its PID, wait up to `timeout`, then SIGKILL.
    Returns (exit code, whether SIGKILL was needed)."""
    if popen.poll() is not None:
        return popen.returncode, False
    try:
        os.kill(popen.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        return popen.wait(timeout), False
    except subprocess.TimeoutExpired:
        try:
            os.kill(popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return popen.wait(timeout), True


def _stop_pid(popen, timeout=STOP_TIMEOUT):
    """SIGTERM the process by its PID, wait up to `timeout`, then SIGKILL. Returns exit code."""
    return _stop_pid_how(popen, timeout)[0]


class Proc:
    """One child program; stdout and stderr go to <folder>/<name>.log."""

    def __init__(self, name, args, folder, env=None):
        self.name = name
        self.args = [str(a) for a in args]
        self.folder = folder
        self.log_path = os.path.join(folder, _safe_name(name) + ".log")
        self._env = env
        self.popen = None
        # What went wrong with this program's runs so far (a crash, a non-zero exit on SIGTERM,
        # a hang that needed SIGKILL): System.close() fails the test with these. A run the test
        # ended itself (kill9(), or stop(expect_clean=False)) is not a problem.
        self.problems = []
        self._ended = False  # the current run was ended (or seen ended) by stop() / kill9()
        self.start()

    def _note_unexpected_exit(self, when):
        """Records a problem when the current run exited although nobody stopped it."""
        if self.popen is not None and not self._ended and self.popen.poll() is not None:
            self.problems.append("%s (pid %d) exited on its own with %s %s"
                                 % (self.name, self.popen.pid, self.popen.returncode, when))
            self._ended = True

    def start(self):
        self._note_unexpected_exit("before it was started again")
        self._ended = False
        log = open(self.log_path, "ab")
        try:
            log.write(("\n=== start %s: %s\n" % (time.strftime("%H:%M:%S"),
                                                  " ".join(self.args))).encode())
            log.flush()
            self.popen = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=log,
                                          stderr=subprocess.STDOUT, env=self._env,
                                          start_new_session=True)
        finally:
            log.close()
        return self

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def returncode(self):
        return None if self.popen is None else self.popen.poll()

    def stop(self, timeout=STOP_TIMEOUT, expect_clean=True):
        """SIGTERM, wait up to `timeout`, then SIGKILL. Returns the exit code. With expect_clean
        (the default) the program must have been running and must exit 0 on SIGTERM within
        `timeout`; anything else is recorded in `problems` (see System.close)."""
        if self.popen is None:
            return None
        if self._ended:
            return self.popen.returncode
        if expect_clean:
            self._note_unexpected_exit("before it was stopped")
            if self._ended:
                return self.popen.returncode
        self._ended = True
        rc, killed = _stop_pid_how(self.popen, timeout)
        if expect_clean and killed:
            self.problems.append("%s (pid %d) did not exit within %.0f s of SIGTERM: SIGKILLed"
                                 % (self.name, self.popen.pid, timeout))
        elif expect_clean and rc != 0:
            self.problems.append("%s (pid %d) exited with %s on SIGTERM, not 0"
                                 % (self.name, self.popen.pid, rc))
        return rc

    def kill9(self):
        """SIGKILL on purpose (a fault scenario): the exit is expected, whatever it is."""
        if self.popen is None:
            return None
        self._note_unexpected_exit("before it was killed")
        self._ended = True
        if self.popen.poll() is None:
            try:
                os.kill(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return self.popen.wait(STOP_TIMEOUT)

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, max_bytes=4000):
        return _tail(self.log_path, max_bytes)

    def describe(self):
        """For failure messages: state, exit code and the end of the log."""
        rc = self.returncode()
        state = "running" if rc is None else "exited with %s" % rc
        return "%s (pid %s) %s; log %s:\n%s" % (self.name, self.pid, state, self.log_path,
                                                self.log_tail())


class Redis:
    """A private redis-server with AOF (appendfsync always) in a fresh folder on a free port."""

    def __init__(self, folder=None):
        self.dir = tempfile.mkdtemp(prefix="duban-redis-", dir=folder)
        self.log_path = os.path.join(self.dir, "redis.log")
        self.port = None
        self.popen = None
        self.problems = []   # as Proc.problems: a crash, or a non-zero exit on SIGTERM
        self._ended = False  # the current run was ended by stop() / kill()
        last = None
        for _ in range(3):  # a free port can be taken between free_port() and bind: retry
            self.port = free_port()
            try:
                self._spawn()
                return
            except AssertionError as e:
                last = e
                self._reap()
        raise last

    @property
    def url(self):
        return "redis://127.0.0.1:%d/0" % self.port

    def _spawn(self):
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", self.dir, "--appendonly", "yes", "--appendfsync", "always",
                "--save", "", "--daemonize", "no"]
        log = open(self.log_path, "ab")
        try:
            self.popen = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                          stderr=subprocess.STDOUT, start_new_session=True)
        except FileNotFoundError:
            raise MissingBinary("redis-server not found on PATH")
        finally:
            log.close()
        self._ended = False
        self._wait_ping()

    def _wait_ping(self):
        deadline = time.monotonic() + REDIS_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise AssertionError("redis-server exited with %s; log:\n%s"
                                     % (self.popen.returncode, _tail(self.log_path)))
            if self.ping():
                return
            time.sleep(0.05)
        raise AssertionError("redis-server on port %d did not answer PING within %.0f s; log:\n%s"
                             % (self.port, REDIS_START_TIMEOUT, _tail(self.log_path)))

    def ping(self):
        try:
            r = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), "ping"],
                               capture_output=True, timeout=2)
        except (subprocess.TimeoutExpired, FileNotFoundError):
            return False
        return r.stdout.strip() == b"PONG"

    def cli(self, *args, timeout=10):
        """Runs redis-cli against this server; returns its stdout as text (raises on failure)."""
        r = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", str(self.port)]
                           + [str(a) for a in args], capture_output=True, timeout=timeout)
        if r.returncode != 0:
            raise AssertionError("redis-cli %s failed: %s" % (args, r.stderr.decode()))
        return r.stdout.decode("utf-8", "replace")

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def _reap(self):
        if self.popen is not None:
            self._ended = True
            _stop_pid(self.popen)

    def _note_unexpected_exit(self, when):
        if self.popen is not None and not self._ended and self.popen.poll() is not None:
            self.problems.append("redis-server (pid %d) exited on its own with %s %s"
                                 % (self.popen.pid, self.popen.returncode, when))
            self._ended = True

    def stop(self):
        """SIGTERM (Redis flushes the AOF and exits), then wait; SIGKILL if it hangs. Exiting
        other than 0 on SIGTERM, or having exited on its own before, is recorded in `problems`."""
        if self.popen is None or self._ended:
            return None if self.popen is None else self.popen.returncode
        self._note_unexpected_exit("before it was stopped")
        if self._ended:
            return self.popen.returncode
        self._ended = True
        rc, killed = _stop_pid_how(self.popen)
        if killed or rc != 0:
            self.problems.append("redis-server (pid %d) %s" % (
                self.popen.pid, "needed SIGKILL after SIGTERM" if killed
                else "exited with %s on SIGTERM, not 0" % rc))
        return rc

    def kill(self):
        """SIGKILL on purpose (a fault scenario): no AOF rewrite, no goodbye."""
        if self.popen is not None:
            self._note_unexpected_exit("before it was killed")
            self._ended = True
        if self.popen is not None and self.popen.poll() is None:
            try:
                os.kill(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.popen.wait(STOP_TIMEOUT)

    def restart(self):
        """Stops it if running, then starts it again on the same port and folder (AOF survives)."""
        self._note_unexpected_exit("before it was started again")
        if self.alive():
            self.stop()
        last = None
        for _ in range(20):  # the port may linger a moment after the old process exits
            try:
                self._spawn()
                return
            except AssertionError as e:
                last = e
                self._reap()
                time.sleep(0.25)
        raise last

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


def build_dir():
    d = os.environ.get("DUBAN_BUILD_DIR")
    if not d:
        raise MissingBinary("DUBAN_BUILD_DIR is not set (the cmake build folder holding "
                            "broker/duban-broker, workers/duban-worker, dubanctl/dubanctl)")
    return d


def source_dir():
    d = os.environ.get("DUBAN_SOURCE_DIR")
    if d:
        return d
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def binary(rel):
    """Absolute path of a built program, or MissingBinary (the test FAILS) naming what to build."""
    path = os.path.join(build_dir(), rel)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise MissingBinary("required binary %s is missing or not executable: build it first "
                            "(cmake --build %s)" % (path, build_dir()))
    return path


def config_path():
    path = os.path.join(source_dir(), "config", "duban.toml")
    if not os.path.isfile(path):
        raise MissingBinary("config file %s is missing (DUBAN_SOURCE_DIR=%s)"
                            % (path, source_dir()))
    return path


class KeySet:
    """CurveZMQ keys made with `dubanctl keys new` under FOLDER/keys: the broker's, one per name
    with its roles, and the registry holding them (the broker's --keys)."""

    def __init__(self, folder, entries):
        self.dir = os.path.join(folder, "keys")
        os.makedirs(self.dir, exist_ok=True)
        self.ctl = binary(os.path.join("dubanctl", "dubanctl"))
        self.registry = os.path.join(self.dir, "registry.toml")
        self._new("broker", [])
        text = ""
        for name, roles in entries.items():
            text += self._new(name, roles)
        with open(self.registry, "w") as f:
            f.write(text)

    def _new(self, name, roles):
        cmd = [self.ctl, "keys", "new", name, "--dir", self.dir]
        for r in roles:
            cmd += ["--role", r]
        r = subprocess.run(cmd, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise AssertionError("%s: %s" % (" ".join(cmd), r.stderr.decode()))
        return r.stdout.decode()

    def path(self, name, secret=True):
        return os.path.join(self.dir, name + (".key" if secret else ".pub"))

    def z85(self, name):
        """(public, secret) of a key file; secret is None for a .pub."""
        fields = {}
        path = self.path(name) if os.path.exists(self.path(name)) else self.path(name, False)
        with open(path) as f:
            for line in f:
                m = re.match(r'\s*(\w+)\s*=\s*"([^"]*)"', line)
                if m:
                    fields[m.group(1)] = m.group(2)
        return fields["public"], fields.get("secret")

    def curve(self, name):
        """(public, secret, the broker's public) for a Python peer as `name`."""
        public, secret = self.z85(name)
        return public, secret, self.z85("broker")[0]

    def broker_args(self):
        return ["--keys", self.registry, "--key", self.path("broker")]

    def client_args(self, name):
        return ["--key", self.path(name), "--server-key", self.path("broker", secret=False)]


class System:
    """Redis + duban-broker + N duban-workers, each on 127.0.0.1 and a free port.

    workers: a list of role names (one process each), e.g. ["assignment", "reminder"]; the service
    a role serves has the role's name. The constructor returns once the broker answers MMI and
    every role answers mmi.service "200". close() stops everything by PID, workers first.

    keys: a function folder -> KeySet: the broker then runs with keys (CurveZMQ); each worker
    connects with the key named worker-<role>, and the harness's own clients and dubanctl with
    the key named `as_key` (staff) unless a call names another.
    """

    def __init__(self, name="system", workers=(), broker_args=(), worker_args=(),
                 log_level="info", config=None, keys=None, as_key="staff", redis_user=None):
        self.folder = out_dir(name)
        self.redis_user = redis_user  # the broker connects as this least-privilege ACL user
        self.keys = keys(self.folder) if keys else None
        self.as_key = as_key
        self.procs = []
        self.workers = []
        self.redis = None
        self.broker = None
        self._clients = []
        self.log_level = log_level
        self.broker_args = list(broker_args)
        self.worker_args = list(worker_args)
        # Resolve everything first so a missing binary fails before anything starts.
        self.broker_bin = binary(os.path.join("broker", "duban-broker"))
        self.worker_bin = binary(os.path.join("workers", "duban-worker")) if workers else None
        self.config = config or config_path()  # config: another duban.toml, e.g. with meetings
        try:
            self.redis = Redis(folder=self.folder)
            self.broker_url = self.redis.url
            if redis_user:
                self.broker_url = self.make_redis_user(redis_user)
            self.broker_port = free_port()
            self.endpoint = "tcp://127.0.0.1:%d" % self.broker_port
            self.start_broker()
            for role in workers:
                self.start_worker(role)
            for role in sorted(set(workers)):
                self.wait_service(role)
        except BaseException:
            self.close()
            raise

    def make_redis_user(self, user, prefix="duban"):
        """Creates the broker's least-privilege ACL user with scripts/lib.sh's rules (the ones
        scripts/run uses); returns the broker's Redis URL with its credentials."""
        password = os.urandom(12).hex()
        cmd = 'source scripts/lib.sh; redis_acl_user "$0" "$1" "$2" "$3"'
        r = subprocess.run(["bash", "-c", cmd, str(self.redis.port), user, password, prefix],
                           cwd=source_dir(), capture_output=True, timeout=30)
        if r.returncode != 0:
            raise AssertionError("ACL SETUSER failed: %s" % r.stderr.decode())
        return "redis://%s:%s@127.0.0.1:%d/0" % (user, password, self.redis.port)

    # ---- processes -------------------------------------------------------------------------
    def start_broker(self, wait=True):
        """Starts (or restarts, on the same port) the broker; waits until it answers MMI."""
        args = [self.broker_bin, "--config", self.config, "--bind", self.endpoint,
                "--redis", self.broker_url, "--log-level", self.log_level] + self.broker_args
        if self.keys:
            args += self.keys.broker_args()
        if self.broker is None:
            self.broker = Proc("broker", args, self.folder)
            self.procs.append(self.broker)
        else:
            self.broker.args = [str(a) for a in args]
            self.broker.start()
        if wait:
            self.wait_broker()
        return self.broker

    def start_worker(self, role, extra=()):
        if self.worker_bin is None:
            self.worker_bin = binary(os.path.join("workers", "duban-worker"))
        n = sum(1 for w in self.workers if w.name.startswith("worker-" + role + "-"))
        args = [self.worker_bin, "--config", self.config, "--role", role,
                "--connect", self.endpoint] + self.worker_args + list(extra)
        if self.keys and "--key" not in extra:
            args += self.keys.client_args("worker-" + role)
        p = Proc("worker-%s-%d" % (role, n), args, self.folder)
        self.procs.append(p)
        self.workers.append(p)
        return p

    def echo_worker(self, service="echo", **kw):
        """An independent Python 7/MDP worker (mdp_peers.EchoWorker) registered with this broker,
        stopped by close()."""
        w = EchoWorker(self.endpoint, service=service, **kw).start()
        self._clients.append(w)
        return w

    def curve(self, name=None):
        """The CurveZMQ triple of key `name` (default as_key) for a Python peer; None without keys."""
        return self.keys.curve(name or self.as_key) if self.keys else None

    def client(self, timeout=5.0, as_key=None):
        """An independent Python 7/MDP client connected to this broker, closed by close()."""
        c = MdpClient(self.endpoint, timeout=timeout, curve=self.curve(as_key))
        self._clients.append(c)
        return c

    # ---- readiness -------------------------------------------------------------------------
    def _check_broker_alive(self):
        if not self.broker.alive():
            raise AssertionError("broker died: " + self.broker.describe())

    def wait_broker(self, timeout=READY_TIMEOUT):
        """Waits until the broker answers an mmi.service request (any status)."""
        deadline = time.monotonic() + timeout
        with MdpClient(self.endpoint, timeout=0.2, curve=self.curve()) as c:
            c.send("mmi.service", "mmi.service")
            while time.monotonic() < deadline:
                self._check_broker_alive()
                try:
                    c.recv(timeout=0.2)
                    return
                except MdpTimeout:
                    continue
        raise AssertionError("broker did not answer mmi.service within %.0f s: %s"
                             % (timeout, self.broker.describe()))

    def wait_service(self, service, timeout=READY_TIMEOUT, want=b"200"):
        """Polls mmi.service until it answers `want` for `service` (bounded in time)."""
        deadline = time.monotonic() + timeout
        last = None
        c = MdpClient(self.endpoint, timeout=1.0, curve=self.curve())
        try:
            while time.monotonic() < deadline:
                self._check_broker_alive()
                for w in self.workers:
                    if not w.alive():
                        raise AssertionError("worker died: " + w.describe())
                try:
                    last = c.mmi_service(service, timeout=1.0)
                except MdpTimeout:
                    # A late reply would confuse the next poll: start over on a fresh socket.
                    c.close()
                    c = MdpClient(self.endpoint, timeout=1.0, curve=self.curve())
                    continue
                if last == want:
                    return
                time.sleep(0.05)
        finally:
            c.close()
        raise AssertionError("mmi.service %r answered %r, not %r, within %.0f s"
                             % (service, last, want, timeout))

    # ---- dubanctl --------------------------------------------------------------------------
    def ctl_stderr(self, *args, timeout=30, as_key=None):
        """Runs `dubanctl --broker EP ARGS` (no --json); returns (exit code, what it printed on
        stderr): the error lines people read."""
        exe = binary(os.path.join("dubanctl", "dubanctl"))
        key = self.keys.client_args(as_key or self.as_key) if self.keys else []
        cmd = [exe, "--broker", self.endpoint] + key + [str(a) for a in args]
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        return r.returncode, r.stderr.decode("utf-8", "replace")

    def ctl(self, *args, json=True, timeout=30, as_key=None):
        """Runs `dubanctl --broker EP [--json] ARGS`; returns (exit code, parsed JSON or text).
        With json=True and output that is not JSON, the text is returned as is. With keys it
        runs as key `as_key` (default the System's)."""
        exe = binary(os.path.join("dubanctl", "dubanctl"))
        key = self.keys.client_args(as_key or self.as_key) if self.keys else []
        cmd = [exe, "--broker", self.endpoint] + key + (["--json"] if json else []) + \
            [str(a) for a in args]
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        out = r.stdout.decode("utf-8", "replace")
        with open(os.path.join(self.folder, "dubanctl.log"), "a") as f:
            f.write("$ %s\n[rc=%d]\n%s\n%s\n" % (" ".join(cmd), r.returncode, out,
                                                 r.stderr.decode("utf-8", "replace")))
        if json:
            try:
                return r.returncode, jsonlib.loads(out)
            except ValueError:
                return r.returncode, out
        return r.returncode, out

    def check_stuck(self, timeout=60):
        """Runs `dubanctl check` (duban.check): (exit code, its table as text). Exit 0 when no
        open suggestion lacks a pending task or timer, 1 when one does."""
        return self.ctl("check", json=False, timeout=timeout)

    # ---- teardown --------------------------------------------------------------------------
    def describe(self):
        parts = ["test folder: " + self.folder]
        for p in self.procs:
            parts.append(p.describe())
        return "\n".join(parts)

    def close(self):
        """Stops everything by PID (clients, workers, the broker, Redis). Returns the problems
        seen in every process's runs (a crash, a non-zero exit on SIGTERM, a hang): a scenario
        that passes while a process crashed, or crashed at shutdown, must not pass. A sanitizer
        report in any log of the test folder (scripts/test --sanitize) is a problem too."""
        if getattr(self, "_closed", False):
            return self._problems
        self._closed = True
        for c in reversed(self._clients):
            try:
                if isinstance(c, EchoWorker):
                    c.stop()
                else:
                    c.close()
            except Exception:
                pass
        self._clients = []
        problems = []
        for p in reversed(self.procs):  # workers, then the broker
            try:
                p.stop()
            except Exception as e:
                problems.append("stopping %s: %r" % (p.name, e))
            problems.extend(p.problems)
        if self.redis is not None:
            try:
                self.redis.stop()
            except Exception as e:
                problems.append("stopping redis-server: %r" % e)
            problems.extend(self.redis.problems)
        problems += sanitizer_reports(self.folder)
        self._problems = problems
        return problems

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Api:
    """Calls the broker's duban.* services: msgpack {"v":1, ...} in, a decoded map out.
    A timed-out request leaves its late reply on the socket, so the socket is replaced."""

    def __init__(self, endpoint, timeout=10.0, curve=None):
        self.endpoint = endpoint
        self.timeout = timeout
        self.curve = curve  # mdp_peers.use_curve's (public, secret, server) for a broker with keys
        self.client = MdpClient(endpoint, timeout=timeout, curve=curve)

    def call(self, service, /, _timeout=None, **fields):
        body = msgpack.packb(dict(v=1, **fields), use_bin_type=True)
        try:
            reply = self.client.request(service, body, timeout=_timeout)
        except MdpTimeout:
            self.client.close()
            self.client = MdpClient(self.endpoint, timeout=self.timeout, curve=self.curve)
            raise
        if len(reply) != 1:
            raise AssertionError("%s: reply should be one frame, got %d" % (service, len(reply)))
        return msgpack.unpackb(reply[0], raw=False)

    def ok(self, service, /, **fields):
        """The reply map of a call that must succeed."""
        r = self.call(service, **fields)
        if r.get("ok") is not True:
            raise AssertionError("%s %r answered %r" % (service, fields, r))
        return r

    def close(self):
        self.client.close()


class SystemTestCase(unittest.TestCase):
    """A TestCase with helpers: start_system() starts a System cleaned up after the test.

    After every scenario, on every system it started (start_system, or adopt_system for a
    System made some other way, e.g. with a tuned config):
      1. `dubanctl check` must find no stuck suggestion. A broker or Redis that the scenario left
         down is started again first (a fault must not leave work stuck). A scenario that leaves
         stuck suggestions on purpose opts out by name, with the reason, in `stuck_check_opt_outs`.
      2. every process it started must have exited 0 on SIGTERM at shutdown, and none may have
         exited on its own (a crash at shutdown, or mid-scenario, fails the test).
    """

    # {test method name: why its end state may hold stuck suggestions}. Names are checked: a name
    # that is no test of the class fails, so a renamed test cannot silently keep an opt-out.
    stuck_check_opt_outs = {}

    def start_system(self, **kw):
        return self.adopt_system(System(name=self.id(), **kw))

    def adopt_system(self, s):
        """Registers the end-of-scenario checks and the shutdown of a started System."""
        self.addCleanup(self._discard_logs_if_passed, s.folder)  # runs after close (LIFO)
        self.addCleanup(self._close_and_check_exits, s)
        self.addCleanup(self._check_stuck_at_end, s)  # cleanups run last-in first: before close
        return s

    def _stuck_check_opted_out(self):
        opt = type(self).stuck_check_opt_outs
        for name, reason in opt.items():
            if not callable(getattr(type(self), name, None)) or not name.startswith("test"):
                self.fail("stuck_check_opt_outs names %r, which is no test of %s"
                          % (name, type(self).__name__))
            if not str(reason).strip():
                self.fail("stuck_check_opt_outs[%r] gives no reason" % name)
        return self._testMethodName in opt

    def _check_stuck_at_end(self, system):
        """After a passing scenario: `dubanctl check` must find no open suggestion that nothing
        waits on (nothing may be stuck silently, after a fault least of all). A broker or Redis
        the scenario left down is started again for the check."""
        if not self._passed_so_far() or self._stuck_check_opted_out():
            return
        if system.redis is None or system.broker is None:
            self.fail("the system has no Redis or no broker to check")
        if not system.redis.alive():
            sys.stderr.write("(Redis was down at the end: restarted for dubanctl check) ")
            system.redis.restart()
        if not system.broker.alive():
            sys.stderr.write("(the broker was down at the end: restarted for dubanctl check) ")
            system.start_broker()
        self.assert_nothing_stuck(system)

    def _close_and_check_exits(self, system):
        problems = system.close()
        if problems and self._passed_so_far():
            self.fail("processes misbehaved (logs in %s):\n  %s"
                      % (system.folder, "\n  ".join(problems)))

    def _discard_logs_if_passed(self, folder):
        """Without DUBAN_TEST_OUT the logs live in /tmp: keep them only for a failed test."""
        if os.environ.get("DUBAN_TEST_OUT") or os.environ.get("DUBAN_KEEP_LOGS"):
            return
        if self._passed_so_far():
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print("logs kept in %s" % folder, file=sys.stderr)

    def _passed_so_far(self):
        """False when the result already holds a failure or error of this test (or a subtest)."""
        result = getattr(getattr(self, "_outcome", None), "result", None)
        if result is None:
            return False
        for test, _ in list(getattr(result, "failures", [])) + list(getattr(result, "errors", [])):
            if test is self or getattr(test, "test_case", None) is self:
                return False
        return True

    def assert_nothing_stuck(self, system):
        """Fails the test with `dubanctl check`'s table when an open suggestion of `system` has
        neither a pending task nor a pending timer (a lost task, or a dead letter)."""
        rc, out = system.check_stuck()
        if rc != 0:
            self.fail("dubanctl check exited %d: stuck suggestions (details in %s/dubanctl.log):\n%s"
                      % (rc, system.folder, out))

    def assertAlive(self, proc, what=""):
        if not proc.alive():
            self.fail("%s%s is not running: %s" % (what + ": " if what else "", proc.name,
                                                   proc.describe()))

    def wait_until(self, predicate, timeout, what, interval=0.05):
        """Polls predicate() until true (bounded); fails naming `what`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(interval)
        if predicate():
            return
        self.fail("timed out after %.1f s waiting for %s" % (timeout, what))
