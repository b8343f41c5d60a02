"""Test support: run Debian's nginx with its njs module (never the system service) on 127.0.0.1, serving a built
site under the path of its IRIs with the configuration the site publishes (publish/nginx.conf's blocks)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from apachekit import SITE_PATH, free_port, readable, running
from mcglossary.publish.conneg import nginx_http_block, nginx_server_block

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NJS = Path("/usr/lib/nginx/modules/ngx_http_js_module.so")


def nginx_available() -> bool:
    return Path(NGINX).is_file() and NJS.is_file()


def nginx_conf(work: Path, site: Path, port: int) -> str:
    """A self-contained nginx.conf: one process in the foreground, everything under `work`."""
    user = "user www-data;\n" if os.geteuid() == 0 else ""
    http = "\n".join(f"    {line}" for line in nginx_http_block(str(site)))
    server = "\n".join(f"        {line}" for line in nginx_server_block(SITE_PATH, str(site)))
    return f"""load_module {NJS};
{user}daemon off;
master_process off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
{http}
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
{server}
    }}
}}
"""


@contextlib.contextmanager
def nginx(site: Path) -> Iterator[int]:
    """Serve a copy of `site` at http://127.0.0.1:<port>/microcredential-glossary/; yields the port."""
    work = Path(tempfile.mkdtemp(prefix="mcg-nginx-"))
    try:
        os.chmod(work, 0o755)  # readable by the user nginx's worker runs as
        shutil.copytree(site, work / "site")
        port = free_port()
        conf = work / "nginx.conf"
        conf.write_text(nginx_conf(work, work / "site", port), encoding="utf-8")
        readable(work)
        command = [NGINX, "-p", str(work), "-c", str(conf)]
        with running(command, [*command, "-t", "-q"], port, work, "nginx"):
            yield port
    finally:
        shutil.rmtree(work, ignore_errors=True)
