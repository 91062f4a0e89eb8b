from .weeks import CampaignIndexPage, CampaignWeekPage

__all__ = ["CampaignIndexPage", "CampaignWeekPage"]
