"""Two hosts: two gunicorn instances in production mode, each in a folder of its own (no
shared disk) with a task worker of its own, sharing PostgreSQL, Redis and the S3 bucket."""

import io
import itertools
import json
import threading
import uuid

import pytest
from PIL import Image

from tests.factories import contact_form_data
from tests.s3 import Bucket, fetch

from .servers import (
    MESSAGE_ID,
    Browser,
    SMTPSink,
    manage,
    restore_demo_content,
    sent,
    set_clinic_phone,
    site_environment,
    wait_until,
)

pytestmark = pytest.mark.servers

SUBMISSIONS = 200
CLIENTS = 4
LIMIT = 5
EDITOR, PASSWORD = "two-host-editor", "a long and unguessable passphrase"
# The editor's second factor: a recovery code per sign-in (an app's code works once in its
# 30 seconds, and the hosts sign in within the same ones).
RECOVERY_CODES = 20
RECOVERY_CODE_NUMBERS = itertools.count()
ALS = "/conditions/amyotrophic-lateral-sclerosis/"
CREATE_EDITOR = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
user, _ = get_user_model().objects.get_or_create(username="{EDITOR}", defaults={{"is_staff": True}})
user.set_password("{PASSWORD}")
user.save()
user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
TOTPDevice.objects.get_or_create(user=user, name="Phone", defaults={{"confirmed": True}})
codes, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
codes.token_set.all().delete()
for n in range({RECOVERY_CODES}):
    codes.token_set.create(token=f"twohost{{n}}")
"""


def sign_in(browser, admin="/admin/"):
    status, _, html = browser.get(f"{admin}login/")
    assert status == 200
    token = Browser.TOKEN.search(html).group(1)
    fields = {"csrfmiddlewaretoken": token, "username": EDITOR, "password": PASSWORD}
    status, _, _ = browser.post_form(f"{admin}login/?next={admin}", fields)
    assert status == 302, "the editor could not sign in"
    status, _, html = browser.get(f"{admin}second-factor/")
    assert status == 200
    code = f"twohost{next(RECOVERY_CODE_NUMBERS)}"
    fields = {"csrfmiddlewaretoken": Browser.TOKEN.search(html).group(1), "code": code}
    status, _, _ = browser.post_form(f"{admin}second-factor/", fields)
    assert status == 302, "the editor's code was refused"


def upload_image(browser, base_url):
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(picture, "PNG")
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="upload"; filename="scan.png"\r\n'
        "Content-Type: image/png\r\n\r\n".encode()
        + picture.getvalue()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, _, answer = browser.request(
        "POST",
        "/ckeditor/upload/",
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": base_url,
            "Sec-Fetch-Site": "same-origin",
        },
    )
    assert status == 200, answer
    return json.loads(answer)["url"], picture.getvalue()


def submit(site, client_ip, email):
    browser = Browser(site.url, headers={"X-Client-IP": client_ip})
    return browser.send_contact_form(
        contact_form_data(csrfmiddlewaretoken=browser.csrf_token(), email=email)
    )


def test_two_hosts_share_the_database_the_cache_and_the_bucket_and_no_disk(
    postgres, redis_server, s3_endpoint, start_site, start_worker, tmp_path
):
    bucket = Bucket.create(s3_endpoint)
    sink = SMTPSink()
    shared = {
        "DATABASE_URL": postgres.url("clinic"),
        "REDIS_URL": redis_server.url(),
        **bucket.environment(),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": sink.port,
        "DJANGO_CLIENT_IP_HEADER": "X-Client-IP",
        "INQUIRY_RATE_LIMIT": LIMIT,
        # A task "running" for 2 s has lost its worker here (10 min in production).
        "DJANGO_TASK_LOST_AFTER_SECONDS": 2,
    }
    env = site_environment(**shared)
    restore_demo_content(env)
    set_clinic_phone("303-555-0100", env=env)
    manage("shell", "-c", CREATE_EDITOR, env=env)
    folders = {name: tmp_path / f"host-{name}" for name in "ab"}
    for folder in folders.values():
        folder.mkdir()
    a, b = (start_site(cwd=folders[name], **shared) for name in "ab")
    workers = {name: start_worker(cwd=folders[name], **shared) for name in "ab"}
    try:
        # An image uploaded through the editor on A is in the bucket: B's editor sees it,
        # and a browser fetches it from the public URL B gives, with no credentials.
        editor_a, editor_b = Browser(a.url), Browser(b.url)
        sign_in(editor_a)
        sign_in(editor_b)
        url, picture = upload_image(editor_a, a.url)
        assert url.startswith(f"{s3_endpoint}/{bucket.name}/")
        assert url in editor_b.get("/ckeditor/browse/")[2]
        status, _, body = fetch(url)
        assert (status, body) == (200, picture)
        assert not any(folder.joinpath("media").exists() for folder in folders.values())

        # An article unpublished on A is 404 on B at the next request (B had it cached).
        assert Browser(b.url).get(ALS)[0] == 200
        assert Browser(b.url).get(ALS)[0] == 200
        status, _, html = editor_a.get("/admin/articles/article/?q=amyotrophic")
        article_id = html.split('name="_selected_action" value="')[1].split('"')[0]
        status, _, _ = editor_a.post_form(
            "/admin/articles/article/",
            {
                "csrfmiddlewaretoken": Browser.TOKEN.search(html).group(1),
                "action": "unpublish",
                "_selected_action": article_id,
                "index": "0",
            },
        )
        assert status == 302
        assert Browser(b.url).get(ALS)[0] == 404

        # A phone number changed on A shows on B at once.
        assert '<a href="tel:3035550100">303-555-0100</a>' in Browser(b.url).get("/")[2]
        set_clinic_phone("303-555-0188", env=env)
        assert '<a href="tel:3035550188">303-555-0188</a>' in Browser(b.url).get("/")[2]

        # The rate limit counts one client's requests on both hosts together.
        statuses = [
            submit((a, b)[n % 2], "198.51.100.77", f"limit{n}@example.com")
            for n in range(LIMIT + 1)
        ]
        assert statuses == [302] * LIMIT + [429]

        # 200 requests spread over both hosts: 200 rows, each coordinator email sent, while
        # A's task worker is killed mid-run and started again as the requests keep coming.
        thanked = []

        def client(number):
            for n in range(number, SUBMISSIONS, CLIENTS):
                ip = f"203.0.113.{n % 250 + 1}" if n < 250 else f"198.18.0.{n}"
                if submit((a, b)[n % 2], ip, f"two-hosts{n}@example.com") == 302:
                    thanked.append(n)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        wait_until(
            lambda: len(sent(sink, "coordinators")) >= 20, timeout=60, what="the first emails"
        )
        workers["a"].kill()
        killed_after = len(sent(sink, "coordinators"))
        workers["a"] = start_worker(cwd=folders["a"], **shared)
        thanked_at_restart = len(thanked)
        assert killed_after < SUBMISSIONS  # killed with emails still to send...
        assert thanked_at_restart < SUBMISSIONS  # ...and started again as requests kept coming
        for thread in threads:
            thread.join(timeout=180)
        assert sorted(thanked) == list(range(SUBMISSIONS))

        rows = int(
            postgres.sql(
                "SELECT count(*) FROM inquiries_inquiry WHERE email LIKE 'two-hosts%'",
                database="clinic",
            )
        )
        assert rows == SUBMISSIONS

        def all_notified():
            manage("enqueue_periodic_tasks", "frequent", env=env)  # cron's entry point
            pending = postgres.sql(
                "SELECT count(*) FROM inquiries_inquiry WHERE notified_at IS NULL",
                database="clinic",
            )
            return pending == "0"

        wait_until(all_notified, timeout=120, interval=1, what="every coordinator email")
        ids = postgres.sql(
            "SELECT id FROM inquiries_inquiry WHERE email LIKE 'two-hosts%'", database="clinic"
        ).split()
        coordinator_emails = [
            m
            for m in sink.messages
            if (found := MESSAGE_ID.search(m)) and found[2] == "coordinators"
        ]
        message_ids = {MESSAGE_ID.search(m)[0] for m in coordinator_emails}
        notified = {int(MESSAGE_ID.search(m)[1]) for m in coordinator_emails}
        assert {int(i) for i in ids} <= notified
        # Exactly one email a request, as mail clients count them (by Message-ID); at most the
        # one the mail server took as the worker died went out twice.
        assert len(message_ids) == len(notified) == SUBMISSIONS + LIMIT
        assert len(coordinator_emails) - len(message_ids) <= 1
        print(
            f"worker A killed after {killed_after} coordinator emails and started again "
            f"after {thanked_at_restart} of {SUBMISSIONS} requests; "
            f"{len(coordinator_emails)} delivered for {len(message_ids)} requests"
        )
    finally:
        restore_demo_content(env)
        sink.stop()
