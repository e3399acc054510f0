"""A local HTTPS site for the live view's tests: the council's pages on 127.0.0.1 under the
demo catalog's own host name, reached through a CONNECT proxy (Chromium's flags cannot map a
host to a port), with a certificate from a throwaway trustme authority."""

import http.server
import select
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import trustme

COUNCIL = "www.example.org"  # the demo catalog's allowed host
ELSEWHERE = "elsewhere.example.net"  # a host the council never listed

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
</head><body><h1 id="title">{title}</h1>
<p><a id="next" href="/second">The next page</a></p>
<p><a id="away" href="https://{elsewhere}/pay">Pay somewhere else</a></p>
<p><a id="download" href="/form.pdf">Download the form</a></p>
<p><button id="popup" onclick="window.open('/popped')">Open a pop-up</button></p>
<p><button id="popup-away" onclick="window.open('https://{elsewhere}/')">Away</button></p>
<form id="upload"><input id="file" type="file"></form>
</body></html>"""

FRAMED = """<!doctype html><html><head><title>{council}/framed-page</title></head><body>
<iframe id="frame" src="https://{elsewhere}/framed"></iframe></body></html>"""

KEEP = """<!doctype html><html><head><title>Kept</title></head><body><script>
localStorage.setItem("resident", "Ms Example"); document.cookie = "seen=yes; Secure; Path=/";
</script></body></html>"""


class _Pages(http.server.BaseHTTPRequestHandler):
    requests: list[str]  # host and path of each request, in order (a list per site)

    def do_GET(self) -> None:
        self.requests.append(f"{self.headers['Host']}{self.path}")
        if self.path == "/form.pdf":
            self._send(b"%PDF-1.4\n%%EOF\n", "application/pdf", attachment=True)
        elif self.path == "/keep":
            self._send(KEEP.encode(), "text/html", cookie="visit=resident-1; Secure; Path=/")
        elif self.path == "/framed-page":
            self._send(FRAMED.format(council=COUNCIL, elsewhere=ELSEWHERE).encode(), "text/html")
        else:
            title = f"{self.headers['Host']}{self.path}"
            self._send(PAGE.format(title=title, elsewhere=ELSEWHERE).encode(), "text/html")

    def _send(self, body: bytes, kind: str, *, attachment: bool = False, cookie: str = "") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if attachment:
            self.send_header("Content-Disposition", 'attachment; filename="form.pdf"')
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


class _Tunnel(socketserver.BaseRequestHandler):
    """CONNECT host:443 -> the local site, whatever the host (the site answers as it)."""

    site_port = 0

    def handle(self) -> None:
        reader = self.request.makefile("rb")
        reader.readline()
        while reader.readline() not in (b"\r\n", b""):
            pass
        with socket.create_connection(("127.0.0.1", self.site_port)) as upstream:
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _pump(self.request, upstream)


def _pump(one: socket.socket, other: socket.socket) -> None:
    ends = [one, other]
    while True:
        ready, _, _ = select.select(ends, [], [], 10)
        if not ready:
            return
        for end in ready:
            try:
                data = end.recv(65536)
            except OSError:
                return
            if not data:
                return
            (other if end is one else one).sendall(data)


class _Threads(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass(frozen=True)
class LocalSite:
    proxy_port: int
    requests: list[str]  # every page asked for, as host and path
    certificate_pem: bytes  # the site's own certificate, the one the test hook trusts


@contextmanager
def local_site() -> Iterator[LocalSite]:
    authority = trustme.CA()
    issued = authority.issue_cert(COUNCIL, ELSEWHERE)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    issued.configure_cert(context)
    requests: list[str] = []
    pages = type("Pages", (_Pages,), {"requests": requests})
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), pages)
    site.daemon_threads = True
    site.socket = context.wrap_socket(site.socket, server_side=True)
    tunnel_class = type("Tunnel", (_Tunnel,), {"site_port": site.server_address[1]})
    proxy = _Threads(("127.0.0.1", 0), tunnel_class)
    for server in (site, proxy):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield LocalSite(proxy.server_address[1], requests, issued.cert_chain_pems[0].bytes())
    finally:
        for server in (proxy, site):
            server.shutdown()
            server.server_close()
