"""News app models: press releases, notices with annexes, their listings."""

from .article import ArticlePage, ArticleTag, ChangeNote, PageViewCount
from .listing import NewsIndexPage, NoticeIndexPage
from .notice import NoticeAnnex, NoticeContact, NoticeIssuer, NoticePage
from .press_release import PressReleasePage, RelatedPage

__all__ = [
    "ArticlePage",
    "ArticleTag",
    "ChangeNote",
    "NewsIndexPage",
    "NoticeAnnex",
    "NoticeContact",
    "NoticeIndexPage",
    "NoticeIssuer",
    "NoticePage",
    "PageViewCount",
    "PressReleasePage",
    "RelatedPage",
]
