"""Reference data loaded by a data migration (and re-applied by load_demo and
test fixtures): every provincial-level division plus the Xinjiang Production
and Construction Corps, and the bodies that issue the week's documents.

The loaders take the model classes as arguments so the migration can pass its
historical models."""

from __future__ import annotations

from typing import Any

# (code, slug, name_zh, short_name_zh, name_en, kind)
REGIONS: list[tuple[str, str, str, str, str, str]] = [
    ("110000", "beijing", "北京市", "北京", "Beijing", "municipality"),
    ("120000", "tianjin", "天津市", "天津", "Tianjin", "municipality"),
    ("130000", "hebei", "河北省", "河北", "Hebei", "province"),
    ("140000", "shanxi", "山西省", "山西", "Shanxi", "province"),
    ("150000", "inner-mongolia", "内蒙古自治区", "内蒙古", "Inner Mongolia", "autonomous_region"),
    ("210000", "liaoning", "辽宁省", "辽宁", "Liaoning", "province"),
    ("220000", "jilin", "吉林省", "吉林", "Jilin", "province"),
    ("230000", "heilongjiang", "黑龙江省", "黑龙江", "Heilongjiang", "province"),
    ("310000", "shanghai", "上海市", "上海", "Shanghai", "municipality"),
    ("320000", "jiangsu", "江苏省", "江苏", "Jiangsu", "province"),
    ("330000", "zhejiang", "浙江省", "浙江", "Zhejiang", "province"),
    ("340000", "anhui", "安徽省", "安徽", "Anhui", "province"),
    ("350000", "fujian", "福建省", "福建", "Fujian", "province"),
    ("360000", "jiangxi", "江西省", "江西", "Jiangxi", "province"),
    ("370000", "shandong", "山东省", "山东", "Shandong", "province"),
    ("410000", "henan", "河南省", "河南", "Henan", "province"),
    ("420000", "hubei", "湖北省", "湖北", "Hubei", "province"),
    ("430000", "hunan", "湖南省", "湖南", "Hunan", "province"),
    ("440000", "guangdong", "广东省", "广东", "Guangdong", "province"),
    (
        "450000",
        "guangxi",
        "广西壮族自治区",
        "广西",
        "Guangxi Zhuang Autonomous Region",
        "autonomous_region",
    ),
    ("460000", "hainan", "海南省", "海南", "Hainan", "province"),
    ("500000", "chongqing", "重庆市", "重庆", "Chongqing", "municipality"),
    ("510000", "sichuan", "四川省", "四川", "Sichuan", "province"),
    ("520000", "guizhou", "贵州省", "贵州", "Guizhou", "province"),
    ("530000", "yunnan", "云南省", "云南", "Yunnan", "province"),
    ("540000", "xizang", "西藏自治区", "西藏", "Xizang Autonomous Region", "autonomous_region"),
    ("610000", "shaanxi", "陕西省", "陕西", "Shaanxi", "province"),
    ("620000", "gansu", "甘肃省", "甘肃", "Gansu", "province"),
    ("630000", "qinghai", "青海省", "青海", "Qinghai", "province"),
    (
        "640000",
        "ningxia",
        "宁夏回族自治区",
        "宁夏",
        "Ningxia Hui Autonomous Region",
        "autonomous_region",
    ),
    (
        "650000",
        "xinjiang",
        "新疆维吾尔自治区",
        "新疆",
        "Xinjiang Uygur Autonomous Region",
        "autonomous_region",
    ),
    (
        "660000",
        "xpcc",
        "新疆生产建设兵团",
        "新疆兵团",
        "Xinjiang Production and Construction Corps",
        "corps",
    ),
    ("710000", "taiwan", "台湾省", "台湾", "Taiwan", "province"),
    ("810000", "hong-kong", "香港特别行政区", "香港", "Hong Kong SAR", "sar"),
    ("820000", "macao", "澳门特别行政区", "澳门", "Macao SAR", "sar"),
]

# (slug, name_zh, short_name_zh, name_en, abbreviations, website)
ORGANISATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "moe",
        "中华人民共和国教育部",
        "教育部",
        "Ministry of Education of the People's Republic of China",
        "教",
        "http://www.moe.gov.cn/",
    ),
    (
        "moe-general-office",
        "教育部办公厅",
        "教育部办公厅",
        "General Office of the Ministry of Education",
        "教职成厅 教办 教职成",
        "",
    ),
    (
        "moe-vocational-adult",
        "教育部职业教育与成人教育司",
        "职成司",
        "Department of Vocational and Adult Education, Ministry of Education",
        "教职成司",
        "",
    ),
    (
        "publicity-department-office",
        "中共中央宣传部办公厅",
        "中宣部办公厅",
        "General Office of the Publicity Department of the CPC Central Committee",
        "中宣办",
        "",
    ),
    (
        "civil-affairs-office",
        "民政部办公厅",
        "民政部办公厅",
        "General Office of the Ministry of Civil Affairs",
        "民办",
        "",
    ),
    (
        "culture-tourism-office",
        "文化和旅游部办公厅",
        "文化和旅游部办公厅",
        "General Office of the Ministry of Culture and Tourism",
        "办公共",
        "",
    ),
    (
        "acftu-office",
        "中华全国总工会办公厅",
        "全总办公厅",
        "General Office of the All-China Federation of Trade Unions",
        "总工办",
        "",
    ),
    (
        "acftu",
        "中华全国总工会",
        "全国总工会",
        "All-China Federation of Trade Unions",
        "总工",
        "https://www.acftu.org/",
    ),
    ("caea", "中国成人教育协会", "中国成协", "China Adult Education Association", "中成协", ""),
    (
        "unesco-china",
        "联合国教科文组织中国全国委员会",
        "中国联合国教科文组织全委会",
        "National Commission of the People's Republic of China for UNESCO",
        "",
        "",
    ),
    (
        "ouchn",
        "国家开放大学",
        "国家开大",
        "The Open University of China",
        "国开",
        "https://www.ouchn.edu.cn/",
    ),
    (
        "liaoning-education",
        "辽宁省教育厅",
        "辽宁省教育厅",
        "Department of Education of Liaoning Province",
        "辽教",
        "",
    ),
    (
        "shenyang-government",
        "沈阳市人民政府",
        "沈阳市政府",
        "Shenyang Municipal People's Government",
        "沈政",
        "",
    ),
    (
        "dalian-education",
        "大连市教育局",
        "大连市教育局",
        "Dalian Municipal Education Bureau",
        "大教",
        "",
    ),
]


def load_regions(region_model: Any) -> int:
    """Create or update every region; returns how many rows were created."""
    created_count = 0
    for position, (code, slug, name_zh, short_zh, name_en, kind) in enumerate(REGIONS):
        _region, created = region_model.objects.update_or_create(
            code=code,
            defaults={
                "slug": slug,
                "name_zh": name_zh,
                "short_name_zh": short_zh,
                "name_en": name_en,
                "kind": kind,
                "sort_order": position,
            },
        )
        created_count += created
    return created_count


def load_organisations(organisation_model: Any) -> int:
    created_count = 0
    for slug, name_zh, short_zh, name_en, abbreviations, website in ORGANISATIONS:
        _organisation, created = organisation_model.objects.update_or_create(
            slug=slug,
            defaults={
                "name_zh": name_zh,
                "short_name_zh": short_zh,
                "name_en": name_en,
                "abbreviation": abbreviations,
                "website": website,
            },
        )
        created_count += created
    return created_count


def ensure_reference_data() -> None:
    """Load the regions and organisations again with the current models: the
    data migration made them, but a database emptied by `flush` (a test's, or
    one the demo is loaded into) has lost them. Cheap and idempotent."""
    from lifelong_site.models import Organisation, Region

    load_regions(Region)
    load_organisations(Organisation)
