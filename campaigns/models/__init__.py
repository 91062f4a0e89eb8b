from .gallery import CeremonyGalleryPage, GalleryPhoto
from .profiles import (
    BrandProjectIndexPage,
    BrandProjectPage,
    LearningStarIndexPage,
    LearningStarPage,
    ProjectCategory,
    StarCategory,
)
from .regional import RegionalSectionPage
from .weeks import (
    CampaignIndexPage,
    CampaignWeekPage,
    FigureKind,
    HeadlineFigure,
    ScheduleRow,
    WeekOrganiser,
)

__all__ = [
    "BrandProjectIndexPage",
    "BrandProjectPage",
    "CampaignIndexPage",
    "CampaignWeekPage",
    "CeremonyGalleryPage",
    "FigureKind",
    "GalleryPhoto",
    "HeadlineFigure",
    "LearningStarIndexPage",
    "LearningStarPage",
    "ProjectCategory",
    "RegionalSectionPage",
    "ScheduleRow",
    "StarCategory",
    "WeekOrganiser",
]
