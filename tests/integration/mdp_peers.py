"""Independent ZeroMQ RFC 7/MDP v0.1 peers (a client and an echo worker), written from the RFC
text (https://rfc.zeromq.org/spec/7/) and RFC 8/MMI, not from Duban's C++ code, so that the
integration tests check the broker against the protocol rather than against itself.

Frames, as seen by a DEALER peer (the broker's ROUTER adds/strips the routing id):

  client -> broker   ["", "MDPC01", service, body...]
  broker -> client   ["", "MDPC01", service, body...]
  worker -> broker   ["", "MDPW01", 0x01 READY, service]
                     ["", "MDPW01", 0x03 REPLY, client_address, "", body...]
                     ["", "MDPW01", 0x04 HEARTBEAT]
                     ["", "MDPW01", 0x05 DISCONNECT]
  broker -> worker   ["", "MDPW01", 0x02 REQUEST, client_address, "", body...]
                     ["", "MDPW01", 0x04 HEARTBEAT]
                     ["", "MDPW01", 0x05 DISCONNECT]

Heartbeating (RFC 7): both sides send HEARTBEAT every interval when otherwise silent; any command
received counts as a heartbeat; a peer that hears nothing for `liveness` intervals treats the
other as disconnected. A worker that loses the broker, or receives DISCONNECT, opens a new
connection and sends READY again.

Thread rules: an MdpClient belongs to the thread that made it. An EchoWorker owns its socket on
its own thread; the public counters are read under its lock.
"""

import threading
import time

import zmq

C_CLIENT = b"MDPC01"
W_WORKER = b"MDPW01"

READY = b"\x01"
REQUEST = b"\x02"
REPLY = b"\x03"
HEARTBEAT = b"\x04"
DISCONNECT = b"\x05"

COMMAND_NAMES = {
    READY: "READY",
    REQUEST: "REQUEST",
    REPLY: "REPLY",
    HEARTBEAT: "HEARTBEAT",
    DISCONNECT: "DISCONNECT",
}


def _b(x):
    """Bytes from bytes or str (str is encoded as UTF-8)."""
    if isinstance(x, bytes):
        return x
    if isinstance(x, str):
        return x.encode("utf-8")
    raise TypeError("frame must be bytes or str, got %r" % type(x))


def _short(frames, limit=8):
    """A readable rendering of frames for failure messages (long frames cut)."""
    out = []
    for f in frames[:limit]:
        out.append(repr(f[:40] + (b"..." if len(f) > 40 else b"")))
    if len(frames) > limit:
        out.append("... (%d frames)" % len(frames))
    return "[" + ", ".join(out) + "]"


class MdpProtocolError(AssertionError):
    """The broker sent something that is not 7/MDP v0.1 (an AssertionError so a test FAILS)."""


class MdpTimeout(AssertionError):
    """No reply within the time allowed (an AssertionError so a test FAILS, not errors)."""


def use_curve(sock, curve):
    """CurveZMQ on a client socket: curve = (public, secret, server_public), Z85 bytes or str;
    None leaves the socket as it is (a broker without keys)."""
    if curve is None:
        return
    public, secret, server = (_b(k) for k in curve)
    sock.setsockopt(zmq.CURVE_SERVERKEY, server)
    sock.setsockopt(zmq.CURVE_PUBLICKEY, public)
    sock.setsockopt(zmq.CURVE_SECRETKEY, secret)


class MdpClient:
    """A 7/MDP v0.1 client over one DEALER socket.

    request(service, *body) sends one request and waits for its reply; send()/recv() let a test
    put many requests in flight. Replies are checked for the MDPC01 header; anything else raises
    MdpProtocolError with the frames seen.
    """

    def __init__(self, endpoint, timeout=5.0, context=None, identity=None, curve=None):
        self.endpoint = endpoint
        self.timeout = timeout
        self._own_ctx = context is None
        self.ctx = context or zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        if identity is not None:
            self.sock.setsockopt(zmq.IDENTITY, _b(identity))
        use_curve(self.sock, curve)
        self.sock.connect(endpoint)

    def send(self, service, *body):
        frames = [b"", C_CLIENT, _b(service)] + [_b(f) for f in body]
        self.sock.send_multipart(frames)

    def recv(self, timeout=None):
        """Returns (service, [body frames]) of the next reply; MdpTimeout if none in time."""
        t = self.timeout if timeout is None else timeout
        if not self.sock.poll(int(t * 1000), zmq.POLLIN):
            raise MdpTimeout("no reply from broker %s within %.1f s" % (self.endpoint, t))
        frames = self.sock.recv_multipart()
        if len(frames) < 3 or frames[0] != b"" or frames[1] != C_CLIENT:
            raise MdpProtocolError("reply is not [\"\", MDPC01, service, body...]: %s"
                                   % _short(frames))
        return frames[2], frames[3:]

    def request(self, service, *body, timeout=None):
        """Sends one request and returns the reply body frames. The reply's service frame must
        equal the request's (RFC 7: the broker answers with the service name)."""
        self.send(service, *body)
        got_service, reply = self.recv(timeout)
        if got_service != _b(service):
            raise MdpProtocolError("reply names service %r, request was to %r (body %s)"
                                   % (got_service, _b(service), _short(reply)))
        return reply

    def mmi_service(self, name, timeout=None):
        """RFC 8/MMI: b"200" when `name` has workers, b"404" when not."""
        reply = self.request("mmi.service", name, timeout=timeout)
        if len(reply) != 1:
            raise MdpProtocolError("mmi.service reply should be one frame, got %s"
                                   % _short(reply))
        return reply[0]

    def close(self):
        if self.sock.closed:
            return
        self.sock.close(0)
        if self._own_ctx:
            self.ctx.term()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def echo_handler(body):
    return list(body)


class EchoWorker:
    """A 7/MDP v0.1 worker on its own thread. By default it echoes every request body.

    handler(body_frames) -> reply frames can be replaced (it runs on the worker thread).
    delay (seconds) holds each request before answering. Counters and a log of anomalies (frames
    from the broker that are not 7/MDP) are kept for the tests to assert on.
    """

    def __init__(self, endpoint, service=b"echo", heartbeat_interval=1.0,
                 broker_heartbeat_interval=2.5, liveness=3, handler=echo_handler, delay=0.0,
                 context=None, curve=None):
        self.endpoint = endpoint
        self.curve = curve
        self.service = _b(service)
        self.heartbeat_interval = heartbeat_interval
        # We hear nothing from the broker for liveness * its interval: it is gone (RFC 7).
        self.broker_timeout = liveness * broker_heartbeat_interval
        self.handler = handler
        self.delay = delay
        self._own_ctx = context is None
        self.ctx = context or zmq.Context()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = None
        self.requests = []         # (client_address, body) in order received
        self.replies_sent = 0
        self.heartbeats_received = 0
        self.disconnects_received = 0
        self.connections = 0       # READY sent (1 + reconnects)
        self.anomalies = []        # frames from the broker that are not 7/MDP v0.1
        self.error = None          # an exception that ended the thread

    # ---- public ----------------------------------------------------------------------------
    def start(self):
        self._thread = threading.Thread(target=self._run, name="mdp-echo-worker", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout=5.0):
        """Sends DISCONNECT (RFC 7: a worker leaving says so) and ends the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._own_ctx:
            self.ctx.term()

    def snapshot(self):
        with self._lock:
            return {
                "requests": len(self.requests),
                "replies_sent": self.replies_sent,
                "heartbeats_received": self.heartbeats_received,
                "disconnects_received": self.disconnects_received,
                "connections": self.connections,
                "anomalies": list(self.anomalies),
                "error": self.error,
            }

    def received(self):
        with self._lock:
            return list(self.requests)

    # ---- worker thread ---------------------------------------------------------------------
    def _connect(self):
        sock = self.ctx.socket(zmq.DEALER)
        sock.setsockopt(zmq.LINGER, 0)
        use_curve(sock, self.curve)
        sock.connect(self.endpoint)
        sock.send_multipart([b"", W_WORKER, READY, self.service])
        with self._lock:
            self.connections += 1
        return sock

    def _send(self, sock, command, *rest):
        sock.send_multipart([b"", W_WORKER, command] + list(rest))

    def _run(self):
        sock = None
        try:
            sock = self._connect()
            last_heard = time.monotonic()
            next_heartbeat = time.monotonic() + self.heartbeat_interval
            while not self._stop.is_set():
                wait = max(0.0, min(next_heartbeat - time.monotonic(), 0.1))
                if sock.poll(int(wait * 1000), zmq.POLLIN):
                    frames = sock.recv_multipart()
                    last_heard = time.monotonic()
                    reconnect = self._on_message(sock, frames)
                    if reconnect:
                        sock.close(0)
                        sock = self._connect()
                        last_heard = time.monotonic()
                        next_heartbeat = time.monotonic() + self.heartbeat_interval
                        continue
                now = time.monotonic()
                if now - last_heard > self.broker_timeout:
                    # Broker silent for `liveness` intervals: reconnect (RFC 7).
                    sock.close(0)
                    sock = self._connect()
                    last_heard = time.monotonic()
                    next_heartbeat = last_heard + self.heartbeat_interval
                    continue
                if now >= next_heartbeat:
                    self._send(sock, HEARTBEAT)
                    next_heartbeat = now + self.heartbeat_interval
            try:
                self._send(sock, DISCONNECT)
            except zmq.ZMQError:
                pass
        except Exception as e:  # kept for the test to report
            with self._lock:
                self.error = repr(e)
        finally:
            if sock is not None:
                sock.close(0)

    def _anomaly(self, why, frames):
        with self._lock:
            self.anomalies.append("%s: %s" % (why, _short(frames)))

    def _on_message(self, sock, frames):
        """Handles one message from the broker; returns True when the worker must reconnect."""
        if len(frames) < 3 or frames[0] != b"" or frames[1] != W_WORKER:
            self._anomaly("not [\"\", MDPW01, command, ...]", frames)
            return False
        command = frames[2]
        if command == REQUEST:
            # ["", MDPW01, 0x02, client_address, "", body...]
            if len(frames) < 5 or frames[4] != b"":
                self._anomaly("REQUEST without [client_address, \"\"]", frames)
                return False
            client, body = frames[3], frames[5:]
            with self._lock:
                self.requests.append((client, body))
            if self.delay:
                time.sleep(self.delay)
            reply = [_b(f) for f in self.handler(body)]
            self._send(sock, REPLY, client, b"", *reply)
            with self._lock:
                self.replies_sent += 1
            return False
        if command == HEARTBEAT:
            if len(frames) != 3:
                self._anomaly("HEARTBEAT with extra frames", frames)
            with self._lock:
                self.heartbeats_received += 1
            return False
        if command == DISCONNECT:
            with self._lock:
                self.disconnects_received += 1
            return True
        self._anomaly("unknown or illegal command to a worker", frames)
        return False
