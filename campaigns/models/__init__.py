from .gallery import CeremonyGalleryPage, GalleryPhoto
from .profiles import (
    BrandProjectIndexPage,
    BrandProjectPage,
    LearningStarIndexPage,
    LearningStarPage,
    ProjectCategory,
    StarCategory,
)
from .weeks import CampaignIndexPage, CampaignWeekPage, FigureKind, HeadlineFigure, ScheduleRow, WeekOrganiser

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
    "ScheduleRow",
    "StarCategory",
    "WeekOrganiser",
]
