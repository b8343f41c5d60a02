"""Test support: run Debian's Apache (never the system service) on 127.0.0.1, serving a built site under the path
of its IRIs with the site's own .htaccess, and a w3id.org-style redirect folder beside it."""

from __future__ import annotations

import contextlib
import http.client
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mcglossary.sparql.endpoint import stop_process

APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")
# mod_rewrite and mod_headers do the work; mod_mime gives the types, mod_dir the index, mod_alias the path.
NEEDED = ("mpm_event", "authz_core", "mime", "dir", "alias", "rewrite", "headers")
SITE_PATH = "/microcredential-glossary/"
W3ID_PATH = "/w3id/microcredential-glossary/"
MIRROR_PATH = "/a/mirror/"  # another copy of the site, at another path (its .htaccess adapted by the caller)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def apache_available() -> bool:
    return Path(APACHE).is_file() and all((MODULES / f"mod_{m}.so").is_file() for m in NEEDED)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def httpd_conf(work: Path, site: Path, w3id: Path, port: int) -> str:
    """A minimal, self-contained httpd.conf: only the modules we need, everything under `work`."""
    user = ""
    if os.geteuid() == 0:  # Apache refuses to serve as root; the files are made readable to www-data
        name = "www-data" if _user_exists("www-data") else "nobody"
        user = f"User {name}\nGroup #{pwd.getpwnam(name).pw_gid}\n"
    modules = "\n".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in NEEDED)
    return f"""ServerRoot {work}
DefaultRuntimeDir {work}
PidFile {work}/httpd.pid
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{modules}
{user}ErrorLog {work}/error.log
LogLevel warn
TypesConfig /etc/mime.types
DocumentRoot {work}/empty
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {work}/empty>
    Require all granted
</Directory>
Alias {SITE_PATH} {site}/
<Directory {site}>
    AllowOverride All
    Require all granted
</Directory>
Alias {W3ID_PATH} {w3id}/
<Directory {w3id}>
    AllowOverride All
    Require all granted
</Directory>
Alias {MIRROR_PATH} {work}/mirror/
<Directory {work}/mirror>
    AllowOverride All
    Require all granted
</Directory>
"""


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@contextlib.contextmanager
def apache(site: Path, w3id_htaccess: str, mirror: Path | None = None) -> Iterator[int]:
    """Serve a copy of `site` at http://127.0.0.1:<port>/microcredential-glossary/ (and of `mirror` at MIRROR_PATH);
    yields the port."""
    work = Path(tempfile.mkdtemp(prefix="mcg-apache-"))
    try:
        os.chmod(work, 0o755)  # readable by the user Apache switches to
        shutil.copytree(site, work / "site")
        (work / "w3id").mkdir()
        (work / "w3id" / ".htaccess").write_text(w3id_htaccess, encoding="utf-8")
        (work / "empty").mkdir()
        if mirror is not None:
            shutil.copytree(mirror, work / "mirror")
        else:
            (work / "mirror").mkdir()
        port = free_port()
        conf = work / "httpd.conf"
        conf.write_text(httpd_conf(work, work / "site", work / "w3id", port), encoding="utf-8")
        readable(work)
        with running([APACHE, "-X", "-f", str(conf)], [APACHE, "-t", "-f", str(conf)], port, work, "apache2"):
            yield port
    finally:
        shutil.rmtree(work, ignore_errors=True)


def readable(work: Path) -> None:
    """Every file under `work` readable by the user a server switches to when started as root."""
    for path in work.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


@contextlib.contextmanager
def running(command: list[str], check: list[str], port: int, work: Path, name: str) -> Iterator[None]:
    """Check the server's configuration with `check`, run `command` until it listens on `port`, stop it after."""
    result = subprocess.run(check, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, work / "error.log", name)
        yield
    finally:
        stop_process(process)


def wait_for_port(port: int, process: subprocess.Popen, log: Path, name: str) -> None:
    """Until the server `process` listens on `port` (its log in the error when it exits first)."""
    for _ in range(200):
        if process.poll() is not None:
            text = log.read_text() if log.exists() else ""
            raise RuntimeError(f"{name} exited with {process.returncode}: {process.stdout.read()!r} {text}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not start listening")


def get(port: int, path: str, accept: str | None) -> Response:
    """One GET to 127.0.0.1, redirects not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {} if accept is None else {"Accept": accept}
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        merged: dict[str, str] = {}
        for name, value in answer.getheaders():  # repeated headers (Vary) are one list
            merged[name.lower()] = f"{merged[name.lower()]}, {value}" if name.lower() in merged else value
        return Response(answer.status, merged, answer.read())
    finally:
        connection.close()
