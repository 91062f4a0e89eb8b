"""Ceremony galleries: alt text required to publish, many photos at once,
a page per photo for readers without JavaScript, responsive renditions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from campaigns.models import CeremonyGalleryPage
from campaigns.models.gallery import EAGER_PHOTOS
from tests.factories.campaigns import CeremonyGalleryPageFactory, SiteImageFactory, add_photos
from tests.factories.site import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gallery(campaign_tree) -> CeremonyGalleryPage:
    return CeremonyGalleryPageFactory(parent=campaign_tree.week)


def edit_post(
    gallery: CeremonyGalleryPage, photos: list[dict], action: str | None, **extra
) -> dict:
    data = {
        "title": gallery.title,
        "slug": gallery.slug,
        "intro": "",
        "add_photos_from": "",
        "photos": inline_formset(photos),
        "video_url": "",
        "video_caption": "",
        **extra,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def photo_row(image, alt_text: str) -> dict:
    return {"image": str(image.pk), "alt_text": alt_text, "caption": "开幕式", "credit": "张三"}


def test_publishing_is_refused_while_a_photo_lacks_alt_text(client, gallery):
    client.force_login(SuperuserFactory(username="gallery-editor"))
    gallery.unpublish()
    images = [SiteImageFactory(), SiteImageFactory()]
    url = reverse("wagtailadmin_pages:edit", args=[gallery.pk])
    rows = [photo_row(images[0], "舞台全景"), photo_row(images[1], "")]
    response = client.post(url, edit_post(gallery, rows, "action-publish"))
    assert response.status_code == 200  # the form again, with the error on the photo
    assert response.context["form"].formsets["photos"].forms[1].errors["alt_text"]
    gallery.refresh_from_db()
    assert not gallery.live

    # A draft may be saved without it: nothing is lost while the editor writes.
    response = client.post(url, edit_post(gallery, rows, None))
    assert response.status_code == 302
    gallery.refresh_from_db()
    draft_revision = gallery.get_latest_revision()
    assert [photo.alt_text for photo in draft_revision.as_object().photos.all()] == ["舞台全景", ""]

    # Nor can that draft go live another way (workflow, scheduler, code).
    with pytest.raises(ValidationError, match="第 2 张照片缺少替代文本"):
        draft_revision.publish()
    gallery.refresh_from_db()
    assert not gallery.live


def test_a_gallery_with_alt_text_on_every_photo_publishes(client, gallery):
    client.force_login(SuperuserFactory(username="gallery-editor"))
    gallery.unpublish()
    images = [SiteImageFactory(), SiteImageFactory()]
    url = reverse("wagtailadmin_pages:edit", args=[gallery.pk])
    rows = [photo_row(images[0], "舞台全景"), photo_row(images[1], "嘉宾合影")]
    response = client.post(url, edit_post(gallery, rows, "action-publish"))
    assert response.status_code == 302
    gallery.refresh_from_db()
    assert gallery.live
    assert [photo.alt_text for photo in gallery.photos.all()] == ["舞台全景", "嘉宾合影"]


def test_a_whole_collection_is_added_at_once(client, gallery):
    client.force_login(SuperuserFactory(username="gallery-editor"))
    ceremony = Collection.get_first_root_node().add_child(name="2024开幕式")
    existing = SiteImageFactory(collection=ceremony, title="A 已在图集中")
    for title in ("B 主席台", "C 颁奖", "D 表演"):
        SiteImageFactory(collection=ceremony, title=title)
    SiteImageFactory(title="其他集合的图片")
    url = reverse("wagtailadmin_pages:edit", args=[gallery.pk])
    response = client.post(
        url,
        edit_post(
            gallery, [photo_row(existing, "已有照片")], None, add_photos_from=str(ceremony.pk)
        ),
    )
    assert response.status_code == 302
    gallery.refresh_from_db()
    draft = gallery.get_latest_revision_as_object()
    assert [photo.image.title for photo in draft.photos.all()] == [
        "A 已在图集中",
        "B 主席台",
        "C 颁奖",
        "D 表演",
    ]
    # The new photos wait for their alt text; their caption starts as the title.
    assert [photo.alt_text for photo in draft.photos.all()] == ["已有照片", "", "", ""]
    assert draft.photos.all()[1].caption == "B 主席台"


def test_the_grid_links_every_photo_to_its_own_page(client, gallery):
    add_photos(gallery, EAGER_PHOTOS + 2)
    html = client.get(gallery.url).content.decode()
    for number in range(1, EAGER_PHOTOS + 3):
        assert f'href="{gallery.url}photo/{number}/"' in html
    assert "image/webp" in html or ".webp" in html
    assert "srcset=" in html
    assert html.count('loading="lazy"') >= 2
    assert 'alt="开幕式现场"' in html


def test_a_photo_page_steps_to_its_neighbours(client, gallery):
    add_photos(gallery, 3)
    response = client.get(f"{gallery.url}photo/2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{gallery.url}photo/1/" in html and f"{gallery.url}photo/3/" in html
    assert "照片说明1" in html and "摄影：张三" in html
    assert client.get(f"{gallery.url}photo/4/").status_code == 404
    assert client.get(f"{gallery.url}photo/0/").status_code == 404


def test_gallery_queries_do_not_grow_with_the_number_of_photos(client, gallery):
    def count() -> int:
        client.get(gallery.url)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            assert client.get(gallery.url).status_code == 200
        return len(queries)

    add_photos(gallery, 3)
    few = count()
    add_photos(gallery, 20)
    assert count() == few
