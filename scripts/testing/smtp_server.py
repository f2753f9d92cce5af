"""A real SMTP server for the test suite: aiosmtpd with STARTTLS (self-signed cert) and
AUTH PLAIN/LOGIN, saving each accepted message as a file in a spool directory.

usage: smtp_server.py HOST PORT SPOOL_DIR CERT KEY USER PASSWORD
"""
import asyncio
import os
import ssl
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class SpoolHandler:
    def __init__(self, spool):
        self.spool = spool

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time():.6f}-{uuid.uuid4().hex}.eml"
        tmp = os.path.join(self.spool, "." + name)
        with open(tmp, "wb") as f:
            f.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            f.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(f"X-Authenticated-As: {getattr(session, 'auth_data', None) and session.auth_data.login.decode()}\r\n".encode())
            f.write(f"X-TLS: {'yes' if session.ssl else 'no'}\r\n".encode())
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.spool, name))
        return "250 Message accepted for delivery"


def main():
    host, port, spool, cert, key, user, password = sys.argv[1:8]
    os.makedirs(spool, exist_ok=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        # auth_data lets the spool header name the authenticated user.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    controller = Controller(
        SpoolHandler(spool), hostname=host, port=int(port), tls_context=context, require_starttls=True,
        authenticator=authenticator, auth_required=True, auth_require_tls=True,
    )
    controller.start()
    print(f"smtp listening on {host}:{port}", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
