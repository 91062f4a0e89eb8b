"""The unsaved pages of each generated type, Chinese and English.

``BUILDERS[kind](plan, n, context)`` returns the Chinese page and, when the plan
translates page n, its English translation: same translation key, slug,
dates, region, week and tags, English words, the same block ids (as
wagtail-localize keeps them), under the English counterpart of the parent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from django.db import models

from campaigns.models import BrandProjectPage, LearningStarPage, StarCategory
from news.models import (
    ArticleTag,
    NoticeAnnex,
    NoticeContact,
    NoticeIssuer,
    NoticePage,
    PressReleasePage,
)

from .plan import YEARS, Plan, block_id
from .structure import Context, MissingSetup, base_fields
from .text import (
    annex_titles,
    day_in_year,
    notice_text,
    person,
    place,
    project_story,
    release_text,
    schedule_rows,
    star_story,
)
from .tree import NewPage
from .vocabulary import (
    CONTACT_OFFICES,
    ISSUERS,
    JOINT_ISSUERS,
    ORGANISERS,
    PROJECT_KINDS,
    SCENES,
    Pair,
)

ZH, EN = 0, 1
# Later weeks are bigger and better reported: more releases per year.
YEAR_WEIGHTS = [1 + (year - YEARS[0]) * 0.2 for year in YEARS]
INDEX_NUMBER_SERIALS = 9000  # 1000–9999 per year and seed, then a -n suffix


def stream(ids: list[str], paragraphs: list[Pair], language: int) -> list[dict]:
    return [
        {"type": "paragraph", "value": f"<p>{pair[language]}</p>", "id": key}
        for key, pair in zip(ids, paragraphs, strict=True)
    ]


def _locales(context: Context) -> tuple[int, int]:
    return context.zh.pk, context.en.pk


def _child_key(page_key: uuid.UUID, name: str) -> uuid.UUID:
    return uuid.uuid5(page_key, name)


# --- Press releases -------------------------------------------------------------------


def build_release(plan: Plan, n: int, context: Context) -> list[NewPage]:
    rng = plan.rng("release", n)
    year = rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
    day = day_in_year(rng, year)
    published = context.at(day, rng.randint(8, 18), rng.choice((0, 15, 30, 45)))
    where = place(rng, context.regions)
    text = release_text(rng, year, day, where)
    national = text.source[ZH] == "教育部网站"
    department = (
        context.organisations.get("moe-vocational-adult")
        if national or rng.random() < 0.15
        else None
    )
    week = context.weeks[year].zh if rng.random() < 0.7 else None
    image, scene = (
        (rng.choice(context.images), rng.choice(SCENES))
        if context.images and rng.random() < 0.3
        else (None, ("", ""))
    )
    tags = rng.sample(context.tags, rng.randint(0, 3)) if context.tags else []
    region = None if national and rng.random() < 0.5 else where.region.id
    ids = [block_id(rng) for _ in text.paragraphs]
    key = plan.translation_key("release", n)

    def page(language: int, locale_id: int, parent: int) -> NewPage:
        release = PressReleasePage(
            **base_fields(
                PressReleasePage,
                text.title[language],
                plan.slug("release", n),
                locale_id,
                key,
                published,
            ),
            subtitle=text.subtitle[language],
            published_at=published,
            source=text.source[language],
            department_id=department,
            region_id=region,
            lead_image_id=image,
            lead_image_alt=scene[language],
            campaign_week_id=week,
            body=stream(ids, text.paragraphs, language),
        )
        return NewPage(parent, release, {"tagged_items": [ArticleTag(tag_id=tag) for tag in tags]})

    zh, en = _locales(context)
    pages = [page(ZH, zh, context.news[ZH])]
    if plan.has_english("release", n):
        pages.append(page(EN, en, context.news[EN]))
    return pages


# --- Notices ------------------------------------------------------------------------------


def document_numbers(plan: Plan, n: int, prefix: str) -> tuple[int, str, str]:
    """(year, 文号, 索引号) of notice n: the year cycles through 2005–2024 and
    the serial counts the notices of that year, so both are unique per seed;
    the seed is in the index number, which the admin checks for duplicates."""
    year, serial = YEARS[n % len(YEARS)], n // len(YEARS)
    index_number = f"360A07-{plan.seed % 100:02d}-{year}-{1000 + serial % INDEX_NUMBER_SERIALS:04d}"
    if serial >= INDEX_NUMBER_SERIALS:
        index_number += f"-{serial // INDEX_NUMBER_SERIALS}"
    return year, f"{prefix}〔{year}〕{100 + serial}号", index_number


def _annex_html(
    rows: list[tuple[Pair, str]], title: Pair, language: int, ids: list[str]
) -> list[dict]:
    """A schedule annex readable in the page: a note and a table of provinces' weeks."""
    header = (("序号", "省份", "活动周时间"), ("No.", "Province", "Week"))[language]
    table = {
        "data": [list(header)]
        + [
            [str(number), province[language], dates]
            for number, (province, dates) in enumerate(rows, 1)
        ],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_header_choice": "row",
        "table_caption": title[language],
    }
    note = (
        "各地活动周的具体时间以当地发布的安排为准。",
        "The exact dates are those announced by each province.",
    )[language]
    return [
        {"type": "paragraph", "value": f"<p>{note}</p>", "id": ids[0]},
        {"type": "table", "value": table, "id": ids[1]},
    ]


def build_notice(plan: Plan, n: int, context: Context) -> list[NewPage]:
    rng = plan.rng("notice", n)
    issuers = [(slug, prefix) for slug, prefix in ISSUERS if slug in context.organisations] or [
        ("", "教职成厅函")
    ]
    lead, prefix = rng.choice(issuers)
    joint = (
        [
            slug
            for slug in rng.sample(JOINT_ISSUERS, rng.randint(1, 3))
            if slug in context.organisations
        ]
        if rng.random() < 0.25
        else []
    )
    year, document_number, index_number = document_numbers(plan, n, prefix)
    signed = day_in_year(rng, year) - dt.timedelta(days=60)
    published = context.at(signed + dt.timedelta(days=rng.randint(1, 7)), rng.randint(9, 17))
    deadline = signed + dt.timedelta(days=rng.randint(30, 200))
    office = rng.choice(CONTACT_OFFICES)
    text = notice_text(rng, year, signed, deadline, office)
    ids = [block_id(rng) for _ in text.paragraphs]
    key = plan.translation_key("notice", n)
    week = context.weeks[year].zh
    titles = annex_titles(year)
    # (title, document id, block ids, schedule rows): the arrangements annex is
    # a table in the page; the forms are shared files.
    annexes: list[tuple[Pair, int | None, list[str], list]] = []
    for position in sorted(rng.sample(range(len(titles)), rng.randint(1, 3))):
        if position == 0 or len(context.documents) < position:
            rows = schedule_rows(rng, context.regions, year)
            annexes.append((titles[position], None, [block_id(rng), block_id(rng)], rows))
        else:
            annexes.append((titles[position], context.documents[position - 1][0], [], []))
    contact = person(rng)
    phone = f"010-6609{rng.randint(1000, 9999)}"

    def page(language: int, locale_id: int, parent: int) -> NewPage:
        notice = NoticePage(
            **base_fields(
                NoticePage, text.title[language], plan.slug("notice", n), locale_id, key, published
            ),
            published_at=published,
            source="www.moe.gov.cn",
            department_id=context.organisations.get(lead),
            campaign_week_id=week,
            body=stream(ids, text.paragraphs, language),
            document_number=document_number,
            index_number=index_number,
            addressees=text.addressees[language],
            signed_on=signed,
            subject_category="education",
            disclosure="proactive",
            summary=text.summary[language],
        )
        children: dict[str, list[models.Model]] = {
            "issuers": [
                NoticeIssuer(organisation_id=context.organisations[slug], sort_order=position)
                for position, slug in enumerate([lead, *joint])
                if slug in context.organisations
            ],
            "annexes": [
                _annex(key, position, annex, language, locale_id)
                for position, annex in enumerate(annexes)
            ],
            "contacts": [
                NoticeContact(
                    locale_id=locale_id,
                    translation_key=_child_key(key, "contact-0"),
                    sort_order=0,
                    name=contact[language],
                    organisation=office[language],
                    phone=phone,
                )
            ],
        }
        return NewPage(parent, notice, children)

    zh, en = _locales(context)
    pages = [page(ZH, zh, context.notices[ZH])]
    if plan.has_english("notice", n):
        pages.append(page(EN, en, context.notices[EN]))
    return pages


def _annex(
    key: uuid.UUID, position: int, annex: tuple, language: int, locale_id: int
) -> NoticeAnnex:
    title, document, ids, rows = annex
    return NoticeAnnex(
        locale_id=locale_id,
        translation_key=_child_key(key, f"annex-{position}"),
        sort_order=position,
        title=title[language],
        document_id=document,
        html=_annex_html(rows, title, language, ids) if ids else [],
    )


# --- Learning Stars and brand projects ------------------------------------------------------


def _index_id(index_id: int | None, what: str, year: int) -> int:
    """The week's index of profiles, which ensure_weeks makes before any profile."""
    if index_id is None:
        raise MissingSetup(f"The {year} week has no index of {what}.")
    return index_id


def _profile_day(rng, year: int) -> dt.date:
    return dt.date(year, rng.randint(4, 11), rng.randint(1, 28))


def build_star(plan: Plan, n: int, context: Context) -> list[NewPage]:
    rng = plan.rng("star", n)
    year = YEARS[n % len(YEARS)]
    name = person(rng)
    category = rng.choice(StarCategory.values)
    where = place(rng, context.regions)
    quote, story = star_story(rng, name, category, where)
    photo = rng.choice(context.images) if context.images and rng.random() < 0.8 else None
    page = LearningStarPage(
        **base_fields(
            LearningStarPage,
            name[ZH],
            plan.slug("star", n),
            context.zh.pk,
            plan.translation_key("star", n),
            context.at(_profile_day(rng, year)),
        ),
        photo_id=photo,
        region_id=where.region.id,
        year=year,
        category=category,
        quote=quote[ZH],
        story=stream([block_id(rng) for _ in story], story, ZH),
    )
    return [NewPage(_index_id(context.weeks[year].stars, "Learning Stars", year), page)]


def build_project(plan: Plan, n: int, context: Context) -> list[NewPage]:
    rng = plan.rng("project", n)
    year = YEARS[n % len(YEARS)]
    where = place(rng, context.regions)
    ending, ending_en, category = rng.choice(PROJECT_KINDS)
    name = (f"{where.city[ZH]}{ending}", f"{where.city[EN]} {ending_en}")
    organiser_kind = rng.choice(ORGANISERS)
    organiser = (f"{where.city[ZH]}{organiser_kind[ZH]}", f"{where.city[EN]} {organiser_kind[EN]}")
    quote, story = project_story(rng, name, where, organiser)
    slug = plan.slug("project", n)
    page = BrandProjectPage(
        **base_fields(
            BrandProjectPage,
            name[ZH],
            slug,
            context.zh.pk,
            plan.translation_key("project", n),
            context.at(_profile_day(rng, year)),
        ),
        photo_id=rng.choice(context.images) if context.images and rng.random() < 0.6 else None,
        region_id=where.region.id,
        year=year,
        category=category,
        quote=quote[ZH],
        organiser=organiser[ZH],
        website=f"https://www.example.org/projects/{slug}/" if rng.random() < 0.3 else "",
        story=stream([block_id(rng) for _ in story], story, ZH),
    )
    return [NewPage(_index_id(context.weeks[year].projects, "brand projects", year), page)]


BUILDERS: dict[str, Callable[[Plan, int, Context], list[NewPage]]] = {
    "release": build_release,
    "notice": build_notice,
    "star": build_star,
    "project": build_project,
}
MODELS = {
    "release": PressReleasePage,
    "notice": NoticePage,
    "star": LearningStarPage,
    "project": BrandProjectPage,
}
