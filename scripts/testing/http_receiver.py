#!/usr/bin/env python3
"""Local HTTP receivers for the publishing tests (standard library only, loopback only).

  http_receiver.py webhook LOG_FILE RESPONSES_JSON
      Answers each request with the next scripted response ({"status", "headers", "body",
      "delay"}; the last one repeats) and appends the request to LOG_FILE as a JSON line
      before answering.
  http_receiver.py azure ACCOUNT BASE64_KEY [SAS_TOKEN]
      A minimal Azure Blob service kept in memory. Every request is authorized
      independently of dartcast's signer: SharedKey is recomputed from the received request
      following Microsoft's "Authorize with Shared Key" rules; in SAS mode the query must carry
      the token and no Authorization header. 403 AuthenticationFailed on mismatch.

Prints "LISTENING <port>" once ready. Exits when its standard input closes (the test ended).
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, body=b"", headers=None):
        try:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def do_GET(self):
        self.server.app.handle(self)

    do_PUT = do_POST = do_DELETE = do_HEAD = do_GET


class WebhookApp:
    def __init__(self, log_path, responses):
        self.log_path = log_path
        self.responses = responses
        self.count = 0
        self.lock = threading.Lock()

    def handle(self, request):
        body = request.read_body()
        with self.lock:
            response = self.responses[min(self.count, len(self.responses) - 1)]
            self.count += 1
            with open(self.log_path, "a") as log:
                log.write(json.dumps({"method": request.command, "path": request.path,
                                      "headers": {k.lower(): v for k, v in request.headers.items()},
                                      "body": body.decode("utf-8", "replace")}) + "\n")
        time.sleep(response.get("delay", 0))
        request.answer(response["status"], response.get("body", "").encode(), response.get("headers", {}))


class AzureApp:
    STANDARD = ["content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
                "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"]

    def __init__(self, account, key, sas):
        self.account = account
        self.key = base64.b64decode(key)
        self.sas = dict(parse_qsl(sas.lstrip("?"))) if sas else None
        self.containers = {}
        self.lock = threading.Lock()

    def string_to_sign(self, request):
        headers = {k.lower(): v.strip() for k, v in request.headers.items()}
        if headers.get("content-length") == "0":
            headers["content-length"] = ""
        lines = [request.command] + [headers.get(name, "") for name in self.STANDARD]
        ms = sorted((k, v) for k, v in headers.items() if k.startswith("x-ms-"))
        canonical_headers = "".join(f"{k}:{v}\n" for k, v in ms)
        url = urlsplit(request.path)
        resource = f"/{self.account}{url.path}"
        params = {}
        for name, value in parse_qsl(url.query, keep_blank_values=True):
            params.setdefault(name.lower(), []).append(value)
        for name in sorted(params):
            resource += f"\n{name}:{','.join(sorted(params[name]))}"
        return "\n".join(lines) + "\n" + canonical_headers + resource

    def authorized(self, request):
        auth = request.headers.get("Authorization")
        query = dict(parse_qsl(urlsplit(request.path).query))
        if self.sas is not None:
            return auth is None and all(query.get(k) == v for k, v in self.sas.items())
        if not auth or not auth.startswith(f"SharedKey {self.account}:"):
            return False
        expected = base64.b64encode(hmac.new(self.key, self.string_to_sign(request).encode(), hashlib.sha256).digest()).decode()
        return hmac.compare_digest(auth.split(":", 1)[1], expected)

    @staticmethod
    def error(request, status, code, message):
        body = f'<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}\nRequestId:test</Message></Error>'
        request.answer(status, body.encode(), {"x-ms-error-code": code, "Content-Type": "application/xml"})

    def handle(self, request):
        body = request.read_body()
        if "x-ms-version" not in request.headers or "x-ms-date" not in request.headers:
            return self.error(request, 400, "MissingRequiredHeader", "x-ms-version and x-ms-date are required")
        if not self.authorized(request):
            return self.error(request, 403, "AuthenticationFailed", "Server failed to authenticate the request.")
        url = urlsplit(request.path)
        query = dict(parse_qsl(url.query))
        path = url.path.lstrip("/")
        if path.split("/", 1)[0] == self.account:  # emulator-style URL: /account/container/blob
            path = path.split("/", 1)[1] if "/" in path else ""
        parts = path.split("/", 1)
        container = unquote(parts[0])
        blob = unquote(parts[1]) if len(parts) > 1 else None
        with self.lock:
            if blob is None:
                return self.container_request(request, container, query)
            blobs = self.containers.get(container)
            if blobs is None:
                return self.error(request, 404, "ContainerNotFound", "The specified container does not exist.")
            if request.command == "PUT":
                if request.headers.get("x-ms-blob-type") != "BlockBlob":
                    return self.error(request, 400, "MissingRequiredHeader", "x-ms-blob-type is required")
                md5 = request.headers.get("Content-MD5")
                if md5 and base64.b64encode(hashlib.md5(body).digest()).decode() != md5:
                    return self.error(request, 400, "Md5Mismatch", "The MD5 value specified in the request did not match.")
                blobs[blob] = (body, request.headers.get("x-ms-blob-content-type", ""))
                return request.answer(201)
            if blob not in blobs:
                return self.error(request, 404, "BlobNotFound", "The specified blob does not exist.")
            if request.command == "GET":
                data, content_type = blobs[blob]
                wanted = request.headers.get("x-ms-range") or request.headers.get("Range")
                if wanted and wanted.startswith("bytes=") and data:
                    first, _, last = wanted[6:].partition("-")
                    first, last = int(first), min(int(last or len(data) - 1), len(data) - 1)
                    return request.answer(206, data[first:last + 1], {
                        "Content-Type": content_type, "Content-Range": f"bytes {first}-{last}/{len(data)}"})
                return request.answer(200, data, {"Content-Type": content_type})
            if request.command == "DELETE":
                del blobs[blob]
                return request.answer(202)
        return self.error(request, 405, "UnsupportedHttpVerb", "unsupported")

    def container_request(self, request, container, query):
        if request.command == "PUT" and query.get("restype") == "container":
            if container in self.containers:
                return self.error(request, 409, "ContainerAlreadyExists", "The specified container already exists.")
            self.containers[container] = {}
            return request.answer(201)
        if request.command == "GET" and query.get("comp") == "list":
            if container not in self.containers:
                return self.error(request, 404, "ContainerNotFound", "The specified container does not exist.")
            names = sorted(n for n in self.containers[container] if n.startswith(query.get("prefix", "")))
            names = [n for n in names if n > query.get("marker", "")] if query.get("marker") else names
            page = int(query.get("maxresults", "5000"))
            shown, rest = names[:page], names[page:]
            escape = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Blobs>"
            xml += "".join(f"<Blob><Name>{escape(n)}</Name><Properties><BlobType>BlockBlob</BlobType></Properties></Blob>" for n in shown)
            xml += f"</Blobs><NextMarker>{escape(shown[-1]) if rest else ''}</NextMarker></EnumerationResults>"
            return request.answer(200, xml.encode(), {"Content-Type": "application/xml"})
        return self.error(request, 400, "InvalidQueryParameterValue", "unsupported container request")


def main():
    mode = sys.argv[1]
    if mode == "webhook":
        app = WebhookApp(sys.argv[2], json.loads(sys.argv[3]))
    elif mode == "azure":
        app = AzureApp(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        sys.exit(f"unknown mode {mode}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.app = app

    def exit_when_stdin_closes():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
