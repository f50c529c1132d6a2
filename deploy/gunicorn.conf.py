"""Gunicorn's settings for the clinic site, behind nginx (deploy/nginx/clinic.conf).

deploy/systemd/clinic-web.service runs it from the checkout (/srv/clinic):

    .venv/bin/gunicorn --config deploy/gunicorn.conf.py

What to adapt goes in the environment (the units read /etc/clinic/env), not in this file:

- GUNICORN_BIND: where to listen when systemd does not hand over a socket (comma-separated,
  e.g. ``unix:/run/clinic-web.sock`` or ``127.0.0.1:8000``, the default). Under
  clinic-web.socket, systemd holds the socket and passes it in; this is then ignored.
- GUNICORN_WORKERS: processes (default: one per CPU core this process may use, at least 2,
  so that one restarting or stuck does not stop the site). About 90 MB each.
- GUNICORN_THREADS: threads per process (default 4, gunicorn's gthread worker): a request
  spends most of its time waiting on PostgreSQL, Redis or the mail server, and threads
  overlap those waits (the README's benchmark ran 2 workers of 4 threads).
- GUNICORN_TIMEOUT: seconds a worker may stay silent before it is killed (default 30).
  Nothing the site does in a request takes this long (Crossref and PubMed are asked with a
  5 s timeout); nginx waits longer (proxy_read_timeout 60 s), so a stuck request ends as
  gunicorn's 500 page rather than nginx's 504.
- GUNICORN_ACCESS_LOG: ``-`` to log each request to the journal. Off by default: nginx
  already logs every request (without its query string). The format below leaves the query
  string out too: a search (``?q=``) can hold what a patient typed about their health.

The client's address and scheme reach Django from nginx's X-Real-IP and X-Forwarded-Proto
(DJANGO_CLIENT_IP_HEADER=X-Real-IP, SECURE_PROXY_SSL_HEADER in clinic/settings.py), so
gunicorn's own forwarded-header handling is left at its defaults: it trusts them only from
loopback or a Unix socket, where only nginx connects.
"""

import os

wsgi_app = "clinic.wsgi:application"

bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
    if address.strip()
]

worker_class = "gthread"
# The cores this process may run on (a container's or a CPU affinity's limit), else all.
cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = int(os.environ.get("GUNICORN_WORKERS") or max(2, cores or 1))
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
# A restart (systemctl reload: SIGHUP) or stop lets requests in flight finish this long;
# the unit's TimeoutStopSec is longer.
graceful_timeout = 30

# The workers' heartbeat files in memory, not on a disk that can stall them (gunicorn's
# FAQ: "blocking os.fchmod"). gunicorn makes each with mkstemp: a random name, mode 0600.
SHARED_MEMORY = "/dev/shm"  # noqa: S108
if os.path.isdir(SHARED_MEMORY):
    worker_tmp_dir = SHARED_MEMORY

# gunicornc's control socket, in the unit's own runtime directory (systemd sets
# RUNTIME_DIRECTORY): the default, under $HOME, is read-only under the unit's hardening.
# Without one (run by hand, CI) there is no control socket.
runtime_directory = os.environ.get("RUNTIME_DIRECTORY")
if runtime_directory:
    control_socket = os.path.join(runtime_directory.split(":")[0], "gunicorn.ctl")
else:
    control_socket_disable = True

# Errors (and Django's own log, on stderr) to the journal.
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# The client's address as nginx saw it, the path without its query string, the status,
# the bytes sent and the time taken (ms); no referrer (it holds query strings too).
access_log_format = '%({x-real-ip}i)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'

proc_name = "clinic-web"
