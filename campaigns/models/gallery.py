"""Opening-ceremony photo galleries.

Each photo carries a caption, a credit and alt text. Alt text may be left
empty while a draft is saved (editors often upload first and describe later)
but Wagtail's publish validation refuses to publish, submit or schedule the
gallery until every photo has it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Collection, Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.forms import CeremonyGalleryPageForm
from lifelong_site.models import BasePage, SiteImage
from lifelong_site.navigation import breadcrumbs
from lifelong_site.page_declarations import PageDeclarations

# Renditions the gallery grid and the lightbox use; fetched in bulk.
THUMBNAIL_FILTERS = ("fill-320x213|format-webp", "fill-640x427|format-webp")
LARGE_FILTERS = (
    "max-1600x1200|format-webp",
    "max-800x600|format-webp",
    "max-1600x1200|format-jpeg",
)
GALLERY_FILTERS = THUMBNAIL_FILTERS + LARGE_FILTERS
# Photos above the fold load eagerly; the rest lazily.
EAGER_PHOTOS = 6


class CeremonyGalleryPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("导语"), blank=True)
    video_url = models.URLField(
        _("视频链接"),
        blank=True,
        help_text=_("可选：开幕式视频的网址（优酷、腾讯视频、央视频等）。"),
    )
    video_caption = models.CharField(_("视频说明"), max_length=200, blank=True)

    parent_page_types = ["campaigns.CampaignWeekPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    base_form_class = CeremonyGalleryPageForm

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("add_photos_from"),
        InlinePanel("photos", label=_("照片"), heading=_("照片")),
        MultiFieldPanel([FieldPanel("video_url"), FieldPanel("video_caption")], heading=_("视频")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("photos", [index.SearchField("caption")]),
    ]
    translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("video_caption"),
        TranslatableField("photos"),
        SynchronizedField("video_url"),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="gallery")

    class Meta:
        verbose_name = _("开幕式图集")
        verbose_name_plural = _("开幕式图集")

    def publish(self, revision, *args, **kwargs):
        # The admin form refuses to publish without alt text; this also covers
        # every other way a revision goes live (workflow approval, the
        # scheduler, code), so no photo without alt text is ever public.
        missing = [
            photo.number
            for photo in revision.as_object().photos.all()
            if not photo.alt_text.strip()
        ]
        if missing:
            raise ValidationError(
                _("第 %(numbers)s 张照片缺少替代文本，图集不能发布。")
                % {"numbers": "、".join(map(str, missing))}
            )
        return super().publish(revision, *args, **kwargs)

    # --- Photos -----------------------------------------------------------------
    def photo_list(self) -> list[GalleryPhoto]:
        """The photos in order with every rendition the templates use, in a
        fixed number of queries however many photos there are."""
        if getattr(self, "_photo_list", None) is None:
            self._photo_list = list(
                self.photos.all()
                .select_related("image")
                .prefetch_related(
                    Prefetch(
                        "image", queryset=SiteImage.objects.prefetch_renditions(*GALLERY_FILTERS)
                    )
                )
                .order_by("sort_order", "pk")
            )
            for number, photo in enumerate(self._photo_list, start=1):
                photo.number = number
        return self._photo_list

    def add_photos_from_collection(self, collection: Collection) -> int:
        """Append the collection's images that are not in the gallery yet; the
        caption starts as the image title and the credit as the image's."""
        present = {photo.image_id for photo in self.photos.all()}
        images: QuerySet[SiteImage] = SiteImage.objects.filter(collection=collection).order_by(
            "title", "pk"
        )
        added = 0
        next_order = len(self.photos.all())
        for image in images:
            if image.pk in present:
                continue
            self.photos.add(
                GalleryPhoto(
                    image=image,
                    caption=image.title,
                    credit=image.credit,
                    sort_order=next_order + added,
                )
            )
            added += 1
        return added

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["photos"] = self.photo_list()
        context["eager_photos"] = EAGER_PHOTOS
        context["week"] = self.get_parent().specific_deferred
        return context

    def get_cached_paths(self) -> list[str]:
        # The reverse proxy keeps each photo's page too: purge them with the
        # grid when the gallery is published (lifelong_site.caching.frontend).
        return ["/"] + [f"photo/{number}/" for number in range(1, self.photos.count() + 1)]

    @path("")
    def grid(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("photo/<int:number>/")
    def photo(self, request: HttpRequest, number: int) -> HttpResponse:
        """One photo, large, with previous/next links: the gallery without
        JavaScript, and a URL to share a single picture."""
        photos = self.photo_list()
        if not 1 <= number <= len(photos):
            raise Http404(_("图集中没有这张照片。"))
        pager = Paginator(photos, 1).page(number)
        return self.render(
            request,
            template="campaigns/gallery_photo.html",
            context_overrides={
                "photo": photos[number - 1],
                "previous_photo": photos[number - 2] if pager.has_previous() else None,
                "next_photo": photos[number] if pager.has_next() else None,
                "photo_count": len(photos),
            },
        )


class GalleryPhoto(TranslatableMixin, Orderable):
    page = ParentalKey(CeremonyGalleryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        SiteImage, verbose_name=_("图片"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("替代文本"),
        max_length=250,
        help_text=_(
            "为看不到图片的读者描述画面内容，例如“开幕式现场，老年学员表演太极拳”。发布前必填。"
        ),
    )
    caption = models.CharField(_("图片说明"), max_length=300, blank=True)
    credit = models.CharField(_("摄影/来源"), max_length=120, blank=True)

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldRowPanel([FieldPanel("caption"), FieldPanel("credit")]),
    ]
    # Words a reader sees are translated; the image itself is shared.
    translatable_fields = [
        TranslatableField("alt_text"),
        TranslatableField("caption"),
        TranslatableField("credit"),
        SynchronizedField("image"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("照片")
        verbose_name_plural = _("照片")

    @property
    def number(self) -> int:
        return getattr(self, "_number", (self.sort_order or 0) + 1)

    @number.setter
    def number(self, value: int) -> None:
        self._number = value
