"""Demo content of the security features, so `make run` shows them:

- `secure_editor`, a news editor who has turned on two-factor sign-in: after
  the password the admin asks for a code, from an authenticator app set up
  with the key printed by load_demo (a fixed, public demo key: never use it
  for a real account);
- a collection 内部文件 with a sign-in restriction, holding one document
  that no page uses: its public link answers with a sign-in page, and after
  signing in only those who may change the collection's documents (site
  administrators) get the file (lifelong_site.security.document_access).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, CollectionViewRestriction

from demo.report import DemoReport
from demo.site import admin_password

TWO_FACTOR_USERNAME = "secure_editor"
# 20 bytes, as django-otp makes them; public on purpose (demo only).
DEMO_TOTP_KEY_HEX = "4c6966656c6f6e674c6561726e696e6744656d6f"
PRIVATE_COLLECTION = "内部文件（仅登录可见）"
PRIVATE_DOCUMENT = (
    "2024年活动周工作人员名单（内部）",
    "internal-staff-list-2024.txt",
    "2024年全民终身学习活动周工作人员名单（内部资料，不对外公开）\n".encode(),
)


@transaction.atomic
def load(report: DemoReport) -> None:
    ensure_two_factor_editor(report)
    ensure_private_document(report)


def ensure_two_factor_editor(report: DemoReport) -> None:
    from lifelong_site.editorial.roles import NEWS_EDITORS

    user, created = get_user_model().objects.get_or_create(
        username=TWO_FACTOR_USERNAME,
        defaults={"email": f"{TWO_FACTOR_USERNAME}@lifelong-learning.example"},
    )
    password = admin_password()
    if created or not user.check_password(password):
        user.set_password(password)
    user.first_name = "赵编辑"
    user.save()
    group = Group.objects.filter(name=NEWS_EDITORS).first()
    if group is not None:
        user.groups.add(group)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator", defaults={"key": DEMO_TOTP_KEY_HEX}
    )
    device.key, device.confirmed = DEMO_TOTP_KEY_HEX, True
    device.save()
    report.record(f"账号 {TWO_FACTOR_USERNAME}（两步验证）", created)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    report.notes.append(
        f"Two-factor sign-in: {TWO_FACTOR_USERNAME} (same password as admin), then a code from an "
        f"authenticator app set up with the demo key {secret}"
    )


def ensure_private_document(report: DemoReport) -> None:
    from demo.news.documents import demo_document

    root = Collection.get_first_root_node()
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    created = collection is None
    if collection is None:
        collection = root.add_child(name=PRIVATE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    title, filename, content = PRIVATE_DOCUMENT
    document = demo_document(title, filename, content, "zh-hans", report)
    if document.collection_id != collection.pk:
        document.collection = collection
        document.save()
    report.record(f"私有文件集 {PRIVATE_COLLECTION}", created)
    report.notes.append(f"Private document (site administrators only): {document.url}")
