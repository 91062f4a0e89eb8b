"""Site furniture found in saved articles, line by line: print and close
links, view counters, share widgets, font-size switches, breadcrumbs, "produced
by" footers and copyright lines. Each pattern says what it removes."""

from __future__ import annotations

import re

_BOILERPLATE = [
    r"^[【\[]?\s*(打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|返回|返回顶部|收藏|纠错|我要纠错)\s*[】\]]?"
    r"(\s*[【\[]?\s*(打印|打印本页|关闭|关闭窗口|返回顶部|收藏|纠错)\s*[】\]]?)*$",  # 【打印】【关闭】
    r"^(print|print this page|close|close window|back to top|top)(\s*[|/]\s*(print|close|close window))*$",
    r"(浏览次数|阅读次数|访问量|点击数|点击量|阅读量|浏览量)\s*[:：]?\s*\d*",  # 浏览次数：123
    r"^(views?|hits|page views|read)\s*[:：]?\s*\d+\s*$",
    r"^(分享到|分享至|share( to| this)?)\s*[:：]?",  # share widgets
    r"^(微信|微博|QQ空间|新浪微博|腾讯微博|豆瓣)(\s+(微信|微博|QQ空间|新浪微博|腾讯微博|豆瓣))*$",
    r"^(字号|字体)\s*[:：]?\s*[【\[]?\s*[大中小]",  # 字号：大 中 小
    r"^(当前位置|您的位置|你的位置|所在位置|您现在的位置)\s*[:：]",  # breadcrumbs
    r"^(search for|搜索)\s*[:：]?$",
    r"^(首页|home)\s*[>›»/]",
    r"^•\s*(首页|home)\s*/?$",
    r"(技术支持|网站建设|网站制作|制作单位|主办单位|承办单位|维护单位|网站管理)\s*[:：]",  # CMS footers
    r"(powered by|produced by|designed by|site by)\b",
    r"(版权所有|copyright|©|\(c\)\s*\d{4})",
    r"(icp备|icp证|公网安备)",
    r"^(上一篇|下一篇|上一条|下一条|previous|next)\s*[:：]",
    r"^(相关链接|相关新闻|相关阅读|related( articles| news| links)?)\s*[:：]?$",
    r"^(扫一扫|扫描二维码|用手机扫描)",
    r"^【?(责任编辑|编辑|校对)\s*[:：].{0,20}】?$",
]
BOILERPLATE_RE = re.compile("|".join(f"(?:{pattern})" for pattern in _BOILERPLATE), re.IGNORECASE)

# Section labels that sit above the title on saved pages (the site's column).
COLUMN_LABELS = {
    "新闻",
    "新闻发布",
    "新闻动态",
    "工作动态",
    "通知公告",
    "通知",
    "公告",
    "政策文件",
    "图片新闻",
    "要闻",
    "press releases",
    "press release",
    "news",
    "notices",
    "notice",
    "latest news",
    "top stories",
    "travel",
}

MAX_BOILERPLATE_LENGTH = 80


def is_boilerplate(line: str) -> bool:
    # Long lines are article text even when they mention e.g. 版权所有.
    return len(line) <= MAX_BOILERPLATE_LENGTH and bool(BOILERPLATE_RE.search(line))


# Parts of a meta line: "发布时间：…  来源：…  浏览次数：…" or "… | …".
PART_SPLIT_RE = re.compile(
    r"\s{2,}|\s+[|｜]\s+|(?<=\S)\s+(?=(?:信息来源|来源|作者|发布时间|浏览次数|点击数|Source|By|Views)\s*[:：])"
)


def strip_boilerplate(line: str) -> str:
    """The line without its furniture: a whole boilerplate line becomes "",
    and a meta line loses only its counter or print links."""
    if is_boilerplate(line):
        parts = [part for part in PART_SPLIT_RE.split(line) if part and part.strip()]
        kept = [part.strip() for part in parts if not is_boilerplate(part.strip())]
        return "  ".join(kept) if len(parts) > 1 else ""
    return line


def is_column_label(line: str) -> bool:
    return line.strip(" •/").lower() in COLUMN_LABELS
