"""An integrator's backend in Python (standard library only), in the loop of a liveness check.

It signs users up: it mints each user's liveness session on the session server's backend API
(the user id is its own, never the browser's), hands the page that session, and opens the
account only on a signed webhook it verified and a result it read back itself. Then it purges
the images. Run it next to the session server:

    LIVENESS_URL=http://127.0.0.1:8080 LIVENESS_BACKEND_KEY=... LIVENESS_WEBHOOK_SECRET=... \\
        python3 backend.py 8090

and start the session server with `--webhook-url http://127.0.0.1:8090/hooks/liveness`.

Routes:
- POST /signup/{user}/liveness: the session for the page (`<advance-liveness>`'s `session`).
- POST /hooks/liveness: the session server's webhooks.
- GET /signup/{user}: the sign-up as this backend sees it.
"""

import hashlib
import hmac
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIVENESS_URL = os.environ["LIVENESS_URL"].rstrip("/")
BACKEND_KEY = os.environ["LIVENESS_BACKEND_KEY"]
WEBHOOK_SECRET = os.environ["LIVENESS_WEBHOOK_SECRET"].encode()

# This backend's own state: sign-ups by user, event ids already handled.
lock = threading.Lock()
signups = {}
handled_events = set()


def verify_webhook(secret: bytes, header: str, body: bytes, now: int | None = None) -> bool:
    """`body` is the raw request body; `header` the Advance-Liveness-Signature value."""
    now = int(time.time()) if now is None else now
    fields = [part.strip().partition("=") for part in header.split(",")]
    times = [value for key, _, value in fields if key == "t"]
    signatures = [value for key, _, value in fields if key == "v1"]
    if len(times) != 1 or not times[0].isdigit() or not signatures:
        return False
    t = int(times[0])
    if abs(now - t) > 300:
        return False
    expected = hmac.new(secret, f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, signature) for signature in signatures)


def backend_api(method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
    """One call to the session server's backend API: (status, JSON answer or None)."""
    request = urllib.request.Request(
        f"{LIVENESS_URL}/api/liveness/backend/sessions{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {BACKEND_KEY}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def on_event(event: dict) -> None:
    """A verified event: decide from this backend's own read, then purge the images."""
    session = event["data"]
    user = session.get("userId")
    with lock:
        if event["id"] in handled_events or user not in signups:
            return
        handled_events.add(event["id"])
    if event["type"] in ("session.passed", "session.failed"):
        status, read = backend_api("GET", f"/{session['signatureId']}")
        if status != 200:
            raise RuntimeError(f"backend read answered {status}: {read}")
        purged, _ = backend_api("DELETE", f"/{session['signatureId']}")
        with lock:
            signups[user].update(
                state="verified" if read["status"] == "passed" else "rejected",
                score=read["score"],
                purged=purged == 204,
            )
    elif event["type"] == "session.expired":
        with lock:
            signups[user].update(state="expired")


class Handler(BaseHTTPRequestHandler):
    def answer(self, status: int, body: dict | None = None) -> None:
        raw = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        parts = self.path.strip("/").split("/")
        if parts == ["hooks", "liveness"]:
            signature = self.headers.get("Advance-Liveness-Signature", "")
            if not verify_webhook(WEBHOOK_SECRET, signature, body):
                return self.answer(400, {"error": "bad signature"})
            on_event(json.loads(body))
            return self.answer(200, {})
        if len(parts) == 3 and parts[0] == "signup" and parts[2] == "liveness":
            user = parts[1]
            status, session = backend_api("POST", "", {"userId": user, "reference": f"signup-{user}"})
            if status != 200:
                return self.answer(502, {"error": f"mint answered {status}"})
            with lock:
                signups[user] = {"state": "checking", "signatureId": session["signatureId"]}
            return self.answer(200, session)
        self.answer(404, {"error": "not found"})

    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        with lock:
            signup = signups.get(parts[1]) if len(parts) == 2 and parts[0] == "signup" else None
        self.answer(200, signup) if signup else self.answer(404, {"error": "not found"})

    def log_message(self, *args) -> None:
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print(f"backend on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()
