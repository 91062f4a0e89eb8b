"""Which province an article is about, from the names it uses: provinces in
Chinese (full and short) and English, and the cities that hosted weeks or
are provincial capitals, mapped to their province."""

from __future__ import annotations

import re
from functools import lru_cache

from lifelong_site.models import Region

# City → region slug. Capitals, sub-provincial cities and past host cities.
CITIES: dict[str, str] = {
    "沈阳": "liaoning",
    "大连": "liaoning",
    "Shenyang": "liaoning",
    "Dalian": "liaoning",
    "长春": "jilin",
    "Changchun": "jilin",
    "哈尔滨": "heilongjiang",
    "Harbin": "heilongjiang",
    "石家庄": "hebei",
    "Shijiazhuang": "hebei",
    "太原": "shanxi",
    "Taiyuan": "shanxi",
    "呼和浩特": "inner-mongolia",
    "Hohhot": "inner-mongolia",
    "南京": "jiangsu",
    "苏州": "jiangsu",
    "Nanjing": "jiangsu",
    "Suzhou": "jiangsu",
    "杭州": "zhejiang",
    "宁波": "zhejiang",
    "Hangzhou": "zhejiang",
    "Ningbo": "zhejiang",
    "合肥": "anhui",
    "Hefei": "anhui",
    "福州": "fujian",
    "厦门": "fujian",
    "Fuzhou": "fujian",
    "Xiamen": "fujian",
    "南昌": "jiangxi",
    "Nanchang": "jiangxi",
    "济南": "shandong",
    "青岛": "shandong",
    "Jinan": "shandong",
    "Qingdao": "shandong",
    "郑州": "henan",
    "Zhengzhou": "henan",
    "武汉": "hubei",
    "Wuhan": "hubei",
    "长沙": "hunan",
    "Changsha": "hunan",
    "广州": "guangdong",
    "深圳": "guangdong",
    "Guangzhou": "guangdong",
    "Shenzhen": "guangdong",
    "南宁": "guangxi",
    "Nanning": "guangxi",
    "海口": "hainan",
    "Haikou": "hainan",
    "成都": "sichuan",
    "Chengdu": "sichuan",
    "贵阳": "guizhou",
    "Guiyang": "guizhou",
    "昆明": "yunnan",
    "Kunming": "yunnan",
    "拉萨": "xizang",
    "Lhasa": "xizang",
    "西安": "shaanxi",
    "Xi'an": "shaanxi",
    "兰州": "gansu",
    "Lanzhou": "gansu",
    "西宁": "qinghai",
    "Xining": "qinghai",
    "银川": "ningxia",
    "Yinchuan": "ningxia",
    "乌鲁木齐": "xinjiang",
    "Urumqi": "xinjiang",
    "石河子": "xpcc",
    "Shihezi": "xpcc",
}


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, str], ...]:
    """(name, slug) pairs, longest first so 新疆生产建设兵团 wins over 新疆."""
    pairs: list[tuple[str, str]] = []
    for region in Region.objects.exclude(kind="national"):
        for name in {region.name_zh, region.short_name_zh, region.name_en}:
            if name and len(name) >= 2:
                pairs.append((name, region.slug))
    pairs += list(CITIES.items())
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


def find_region(texts: list[str]) -> Region | None:
    """The first region named in the first text that names one (the title
    first, then the opening of the body)."""
    for text in texts:
        best: tuple[int, str] | None = None
        for name, slug in _names():
            match = (
                re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text)
                if name.isascii()
                else None
            )
            position = match.start() if match else (text.find(name) if not name.isascii() else -1)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, slug)
        if best is not None:
            return Region.objects.filter(slug=best[1]).first()
    return None


def forget_regions() -> None:
    """Reference data can change between imports (and tests)."""
    _names.cache_clear()
