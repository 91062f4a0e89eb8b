"""Words of the generated archive, each as a (Chinese, English) pair.

Provinces come from the Region snippets in the database; the cities,
themes, venues and names below fill the templates in ``bench.archive.text``.
"""

from __future__ import annotations

from lifelong_site.dates import EN_MONTHS

Pair = tuple[str, str]

# Host cities (or districts of the municipalities) by region slug.
CITIES: dict[str, tuple[Pair, ...]] = {
    "beijing": (
        ("海淀区", "Haidian District"),
        ("朝阳区", "Chaoyang District"),
        ("西城区", "Xicheng District"),
    ),
    "tianjin": (("和平区", "Heping District"), ("滨海新区", "Binhai New Area")),
    "hebei": (("石家庄", "Shijiazhuang"), ("唐山", "Tangshan"), ("保定", "Baoding")),
    "shanxi": (("太原", "Taiyuan"), ("大同", "Datong")),
    "inner-mongolia": (("呼和浩特", "Hohhot"), ("包头", "Baotou"), ("鄂尔多斯", "Ordos")),
    "liaoning": (("沈阳", "Shenyang"), ("大连", "Dalian"), ("鞍山", "Anshan")),
    "jilin": (("长春", "Changchun"), ("吉林", "Jilin City")),
    "heilongjiang": (("哈尔滨", "Harbin"), ("齐齐哈尔", "Qiqihar")),
    "shanghai": (
        ("浦东新区", "Pudong New Area"),
        ("徐汇区", "Xuhui District"),
        ("静安区", "Jing'an District"),
    ),
    "jiangsu": (("南京", "Nanjing"), ("苏州", "Suzhou"), ("无锡", "Wuxi"), ("常州", "Changzhou")),
    "zhejiang": (
        ("杭州", "Hangzhou"),
        ("宁波", "Ningbo"),
        ("温州", "Wenzhou"),
        ("嘉兴", "Jiaxing"),
    ),
    "anhui": (("合肥", "Hefei"), ("芜湖", "Wuhu")),
    "fujian": (("福州", "Fuzhou"), ("厦门", "Xiamen"), ("泉州", "Quanzhou")),
    "jiangxi": (("南昌", "Nanchang"), ("赣州", "Ganzhou")),
    "shandong": (("济南", "Jinan"), ("青岛", "Qingdao"), ("烟台", "Yantai")),
    "henan": (("郑州", "Zhengzhou"), ("洛阳", "Luoyang")),
    "hubei": (("武汉", "Wuhan"), ("宜昌", "Yichang"), ("襄阳", "Xiangyang")),
    "hunan": (("长沙", "Changsha"), ("株洲", "Zhuzhou"), ("岳阳", "Yueyang")),
    "guangdong": (
        ("广州", "Guangzhou"),
        ("深圳", "Shenzhen"),
        ("佛山", "Foshan"),
        ("东莞", "Dongguan"),
    ),
    "guangxi": (("南宁", "Nanning"), ("桂林", "Guilin"), ("柳州", "Liuzhou")),
    "hainan": (("海口", "Haikou"), ("三亚", "Sanya")),
    "chongqing": (("渝中区", "Yuzhong District"), ("九龙坡区", "Jiulongpo District")),
    "sichuan": (("成都", "Chengdu"), ("绵阳", "Mianyang"), ("宜宾", "Yibin")),
    "guizhou": (("贵阳", "Guiyang"), ("遵义", "Zunyi")),
    "yunnan": (("昆明", "Kunming"), ("大理", "Dali"), ("曲靖", "Qujing")),
    "xizang": (("拉萨", "Lhasa"), ("林芝", "Nyingchi")),
    "shaanxi": (("西安", "Xi'an"), ("宝鸡", "Baoji")),
    "gansu": (("兰州", "Lanzhou"), ("天水", "Tianshui")),
    "qinghai": (("西宁", "Xining"), ("海东", "Haidong")),
    "ningxia": (("银川", "Yinchuan"), ("石嘴山", "Shizuishan")),
    "xinjiang": (("乌鲁木齐", "Urumqi"), ("克拉玛依", "Karamay")),
    "xpcc": (("石河子", "Shihezi"), ("五家渠", "Wujiaqu")),
}

# Regions that hold a provincial week (the SARs and Taiwan do not).
WEEK_REGION_KINDS = ("province", "autonomous_region", "municipality", "corps")

THEMES: tuple[Pair, ...] = (
    ("社区教育", "community education"),
    ("老年教育", "education for older people"),
    ("全民阅读", "reading for all"),
    ("数字化学习", "digital learning"),
    ("职工技能培训", "skills training for workers"),
    ("家庭教育", "family education"),
    ("非遗传承", "intangible cultural heritage"),
    ("乡村振兴", "rural revitalisation"),
    ("法治宣传", "legal awareness"),
    ("健康生活", "healthy living"),
    ("科学普及", "popular science"),
    ("红色文化", "revolutionary heritage"),
)

VENUES: tuple[Pair, ...] = (
    ("社区学校", "community schools"),
    ("老年大学", "universities for older people"),
    ("图书馆", "libraries"),
    ("文化馆", "cultural centres"),
    ("开放大学", "open university centres"),
    ("职工文化宫", "workers' cultural palaces"),
    ("博物馆", "museums"),
    ("社区学院", "community colleges"),
)

# Release title endings: "{province}{year}年全民终身学习活动周{ending}".
WEEK_EVENTS: tuple[Pair, ...] = (
    ("开幕", "opens"),
    ("启动", "is launched"),
    ("闭幕", "closes"),
    ("系列活动陆续展开", "activities under way"),
    ("成果展示会举行", "holds its showcase"),
    ("推介百姓学习之星", "presents its Learning Stars"),
)

WEEK_THEMES: tuple[Pair, ...] = (
    ("全民学习，终身学习", "Learning for all, learning for life"),
    ("学习型城市，幸福生活", "Learning cities, happy lives"),
    ("人人终身学习，创建学习型社会", "Lifelong learning for everyone, building a learning society"),
    ("全民终身学习，创造出彩人生", "Lifelong learning for all, for a life that shines"),
    (
        "服务国家重大战略，推动全民终身学习",
        "Serving major national strategies, advancing lifelong learning for all",
    ),
    ("让学习成为一种生活方式", "Make learning a lifestyle"),
)

# The site's own English month names (the archive's dates read as the site writes them).
MONTHS_EN = EN_MONTHS

SURNAMES: tuple[Pair, ...] = (
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("胡", "Hu"),
    ("朱", "Zhu"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("何", "He"),
    ("郭", "Guo"),
    ("马", "Ma"),
    ("罗", "Luo"),
)
GIVEN_SYLLABLES: tuple[Pair, ...] = (
    ("秀", "xiu"),
    ("兰", "lan"),
    ("建", "jian"),
    ("国", "guo"),
    ("明", "ming"),
    ("华", "hua"),
    ("芳", "fang"),
    ("丽", "li"),
    ("伟", "wei"),
    ("军", "jun"),
    ("玉", "yu"),
    ("梅", "mei"),
    ("志", "zhi"),
    ("强", "qiang"),
    ("海", "hai"),
    ("燕", "yan"),
    ("春", "chun"),
    ("红", "hong"),
    ("文", "wen"),
    ("平", "ping"),
)

# Learning Stars: who they are, by StarCategory value.
STAR_ROLES: dict[str, tuple[Pair, ...]] = {
    "senior": (
        ("退休教师", "retired teacher"),
        ("退休工人", "retired worker"),
        ("老年大学学员", "student at a university for older people"),
    ),
    "rural": (
        ("返乡创业青年", "young entrepreneur back in the village"),
        ("种植大户", "grower"),
        ("村医", "village doctor"),
    ),
    "worker": (
        ("高级技师", "senior technician"),
        ("快递员", "courier"),
        ("车间主任", "workshop manager"),
    ),
    "community": (
        ("社区居民", "resident"),
        ("社区网格员", "neighbourhood worker"),
        ("读书会发起人", "reading-club founder"),
    ),
    "youth": (
        ("青年手艺人", "young craftsman"),
        ("大学生志愿者", "student volunteer"),
        ("乡村教师", "village teacher"),
    ),
    "disability": (
        ("视障人士", "person with a visual impairment"),
        ("听障人士", "person with a hearing impairment"),
        ("轮椅使用者", "wheelchair user"),
    ),
    "volunteer": (
        ("社区教育志愿者", "community-education volunteer"),
        ("乡村教师", "village teacher"),
        ("退休干部", "retired official"),
    ),
}

QUOTES: tuple[Pair, ...] = (
    ("学习让我的晚年更精彩。", "Learning makes my later years richer."),
    ("活到老，学到老。", "You are never too old to learn."),
    ("学了新本领，日子越过越红火。", "New skills have made life better every year."),
    ("读书让一栋楼变成了一个家。", "Reading turned a building into a family."),
    (
        "车间就是课堂，每个岗位都能出工匠。",
        "The workshop is a classroom; every post can produce a craftsman.",
    ),
    ("看不见屏幕，但看得见未来。", "I cannot see the screen, but I can see the future."),
    ("把学到的再教给邻居们。", "I teach my neighbours what I have learned."),
    ("学习没有终点。", "Learning has no finishing line."),
)

# Brand projects: (name ending, English name, ProjectCategory value).
PROJECT_KINDS: tuple[tuple[str, str, str], ...] = (
    ("社区学习共同体", "community learning network", "community"),
    ("银龄数字课堂", "silver-age digital classroom", "digital"),
    ("老年学习社团", "learning clubs for older people", "senior"),
    ("农民田间学校", "farmers' field school", "rural"),
    ("职工书屋", "workers' reading room", "workplace"),
    ("亲子共读计划", "parent-child reading programme", "family"),
    ("书香社区建设", "reading-friendly neighbourhoods", "reading"),
    ("非遗传习坊", "intangible heritage workshop", "culture"),
    ("市民大讲堂", "public lecture series", "community"),
    ("乡村振兴夜校", "rural revitalisation night school", "rural"),
)
ORGANISERS: tuple[Pair, ...] = (
    ("社区教育学院", "Community Education College"),
    ("老年大学", "University for Older People"),
    ("图书馆", "Library"),
    ("总工会", "Federation of Trade Unions"),
    ("开放大学", "Open University"),
    ("文化馆", "Cultural Centre"),
)

# Ceremony photo scenes: (alt text, English alt text).
SCENES: tuple[Pair, ...] = (
    ("开幕式现场，主席台上悬挂红色横幅", "The opening ceremony: a red banner above the stage"),
    ("嘉宾为百姓学习之星颁奖", "Guests present awards to the Learning Stars"),
    ("老年大学学员表演太极拳", "Students of a university for older people perform tai chi"),
    (
        "社区教育成果展上，居民观看书法作品",
        "Residents look at calligraphy at the community-education exhibition",
    ),
    ("市民在展台前体验数字化学习", "Residents try digital learning at a stand"),
    ("志愿者教老人使用智能手机", "A volunteer shows an older woman how to use a smartphone"),
    ("少年儿童在图书馆参加亲子阅读", "Children and parents read together at the library"),
    ("非遗传承人现场展示剪纸技艺", "A heritage craftswoman demonstrates paper cutting"),
    ("职工在技能展示区操作设备", "Workers demonstrate their skills on machines"),
    ("观众席上的学员代表", "Learners' representatives in the audience"),
)

# Notice subjects: (title, English title, subject phrase, English subject phrase).
NOTICE_SUBJECTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "关于举办{year}年全民终身学习活动周的通知",
        "Notice on holding the {year} National Lifelong Learning Activity Week",
        "举办{year}年全民终身学习活动周",
        "holding the {year} week",
    ),
    (
        "关于推荐{year}年“百姓学习之星”和“终身学习品牌项目”的通知",
        "Notice on recommending the {year} Learning Stars and lifelong-learning brand projects",
        "推荐{year}年“百姓学习之星”和“终身学习品牌项目”",
        "recommending the {year} Learning Stars and brand projects",
    ),
    (
        "关于做好{year}年全民终身学习活动周宣传工作的通知",
        "Notice on publicity for the {year} National Lifelong Learning Activity Week",
        "做好{year}年全民终身学习活动周宣传工作",
        "publicity for the {year} week",
    ),
    (
        "关于报送{year}年全民终身学习活动周开展情况的通知",
        "Notice on reporting how the {year} National Lifelong Learning Activity Week went",
        "报送{year}年全民终身学习活动周开展情况",
        "reporting on the {year} week",
    ),
    (
        "关于开展{year}年全民终身学习活动周“{theme}”专题活动的通知",
        "Notice on {theme_en} activities during the {year} National Lifelong Learning Activity Week",
        "开展“{theme}”专题活动",
        "{theme_en} activities in the {year} week",
    ),
)

# Issuing bodies of notices: (organisation slug, 文号 prefix, English name of the office for contacts).
ISSUERS: tuple[tuple[str, str], ...] = (
    ("moe-general-office", "教职成厅函"),
    ("moe-vocational-adult", "教职成司函"),
    ("caea", "中成协函"),
)
# Joint notices add these offices after the lead issuer.
JOINT_ISSUERS = (
    "publicity-department-office",
    "civil-affairs-office",
    "culture-tourism-office",
    "acftu-office",
)

CONTACT_OFFICES: tuple[Pair, ...] = (
    (
        "教育部职业教育与成人教育司",
        "Department of Vocational and Adult Education, Ministry of Education",
    ),
    ("中国成人教育协会", "China Adult Education Association"),
)

TAGS = (
    "开幕式",
    "启动仪式",
    "百姓学习之星",
    "终身学习品牌项目",
    "社区教育",
    "老年教育",
    "数字学习",
    "乡村",
    "职工教育",
    "非遗",
    "阅读",
    "家庭教育",
)
