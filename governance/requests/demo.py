"""Demo data for requests: the seed's categories and routing, response templates, a score of requests
in various states in 新鸿社区 and 华林社区 (returned, transferred, extended, paused among them), and the
Open311 demo key. Safe to run again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from courtyards.models import Community, Courtyard, District, Street, Unit
from governance.accounts.models import User

from . import services
from .choices import CommitteeType, OwnerBody, Source
from .clock import extensions
from .clock import services as clock_services
from .clock.models import ExtensionStatus
from .dispatch import services as dispatch_services
from .dispatch.models import Department, DepartmentKind
from .dispatch.selectors import owner_handlers
from .hotline import services as hotline_services
from .links import demo as links_demo
from .models import ApiKey, Category, CategoryAttribute, Request, ResponseTemplate, RoutingRule, Supervision
from .oversight import services as oversight

DEMO_OPEN311_KEY = "demo-open311-key"

# code, Chinese, English, owning body, committee or department kind, hours to accept, hours to resolve, keywords.
# Routing finds the actual body at the place: 新鸿南路's group takes noise there, 华林社区's 公共环境委员会 greening
# (新鸿社区 has none: its community takes it), 双桥子街道's 综合执法队 roads, the district's 住建局 property.
CATEGORIES = [
    ("noise", "邻里噪音", "Noise between neighbours", OwnerBody.COURTYARD_GROUP, "", 24, 72, "噪音 麻将 吵 扰民"),
    ("greening", "绿化", "Greening", OwnerBody.COMMITTEE, CommitteeType.PUBLIC_ENVIRONMENT, 48, 240, "树 草 绿化 花坛"),
    ("roads", "道路", "Roads", OwnerBody.DEPARTMENT, DepartmentKind.URBAN_MANAGEMENT, 24, 336, "路 坑 井盖 人行道"),
    ("sanitation", "环境卫生", "Sanitation", OwnerBody.COMMITTEE, CommitteeType.PUBLIC_ENVIRONMENT, 24, 72, "垃圾 卫生 异味"),
    ("property", "物业管理", "Property management", OwnerBody.DEPARTMENT, DepartmentKind.HOUSING, 24, 168, "物业 电梯 停车"),
    ("facilities", "公共设施", "Public facilities", OwnerBody.COMMUNITY, "", 24, 168, "路灯 健身 座椅"),
    ("safety", "治安", "Public safety", OwnerBody.COMMITTEE, CommitteeType.SAFETY_MEDIATION, 12, 72, "盗窃 安全 治安"),
    ("other", "其他", "Other", OwnerBody.COMMUNITY, "", 48, 240, ""),
]

# An Open311 service attribute (GET /open311/v2/services/roads.json): what is wrong with the road.
ROAD_HAZARDS = [
    {"key": "pothole", "name": "坑洼 Pothole"},
    {"key": "manhole", "name": "井盖缺失或松动 Missing or loose manhole cover"},
    {"key": "sidewalk", "name": "人行道破损 Broken sidewalk"},
]

# name, kind, street code (None: a department of the whole district), handler
DEPARTMENTS = [
    ("双桥子街道综合行政执法队", DepartmentKind.URBAN_MANAGEMENT, "shuangqiaozi", "demo_handler"),
    ("成华区城市管理局", DepartmentKind.URBAN_MANAGEMENT, None, None),
    ("成华区住房和城乡建设局", DepartmentKind.HOUSING, None, None),
    ("双桥子派出所", DepartmentKind.POLICE, "shuangqiaozi", None),
]

TEMPLATES = [  # title, text, in Chinese then in English, and the category code or None
    (
        "已受理",
        "您好，您的诉求已受理，我们将尽快安排人员处理。",
        "Accepted",
        "Hello, your request is accepted; we will send someone soon.",
        None,
    ),
    (
        "已派人上门",
        "工作人员已上门查看，将在约定时间内处理完毕。",
        "Visited",
        "Our staff came to look and will finish within the agreed time.",
        None,
    ),
    (
        "噪音已协调",
        "已与相关住户沟通，双方同意遵守院落公约中关于作息时间的约定。",
        "Noise settled",
        "We spoke with the households concerned; both agreed to keep the courtyard covenant's quiet hours.",
        "noise",
    ),
    (
        "绿化已修剪",
        "公共环境专委会已安排修剪，感谢您的反映。",
        "Trees trimmed",
        "The environment committee had the trees trimmed; thank you for telling us.",
        "greening",
    ),
]

# resident, category, title, text, unit code or None (then the community), steps
REQUESTS = [
    ("demo_resident", "noise", "楼上深夜打麻将", "2栋楼上每晚打麻将到凌晨，影响休息。", "xinhong-nanlu-b1-u1", []),
    ("demo_resident", "facilities", "院落路灯不亮", "新鸿南路院落门口路灯已坏一周。", None, ["accept", "assign"]),
    ("resident_03", "greening", "树枝遮挡窗户", "楼前大树枝条伸进窗户，请修剪。", "xinhong-nanlu-b1-u2", ["accept", "start"]),
    ("resident_04", "sanitation", "垃圾桶满溢", "2栋旁垃圾桶经常满溢，有异味。", "xinhong-nanlu-b2-u1", ["accept", "start", "resolve"]),
    ("resident_05", "roads", "人行道破损", "新华苑门口人行道砖块松动。", "xinhuayuan-b1-u1", ["accept", "start", "resolve", "confirm5"]),
    ("resident_06", "property", "电梯经常停运", "双林小区2栋电梯一周停运三次。", "shuanglin-b2-u2", ["reject"]),
    (
        "demo_resident",
        "safety",
        "单元门禁损坏",
        "1单元门禁坏了，陌生人随意进出。",
        "xinhong-nanlu-b1-u1",
        ["accept", "start", "resolve", "confirm2"],
    ),
    ("demo_resident2", "greening", "小区绿地被占用", "华林A区绿地被人种菜。", "hualin-a-b1-u1", []),
    ("resident_07", "noise", "广场舞音响太大", "晚上广场舞音响很大。", "hualin-a-b2-u1", ["accept"]),
    ("resident_08", "roads", "井盖缺失", "华林B区门口井盖缺失，很危险。", "hualin-b-b1-u2", ["accept", "assign", "start"]),
    ("demo_resident2", "other", "希望增设快递柜", "希望在华林A区增设快递柜。", None, []),
    ("resident_07", "sanitation", "楼道堆放杂物", "2栋楼道堆满杂物，存在消防隐患。", "hualin-a-b2-u1", ["accept", "start", "resolve"]),
    ("resident_05", "safety", "夜间有人翻越围墙", "新华苑北侧围墙夜里常有人翻越。", "xinhuayuan-b1-u1", []),  # for demo_chair
    ("resident_03", "roads", "井盖松动", "新鸿南路院落门口井盖松动，踩上去会响。", "xinhong-nanlu-b1-u2", []),  # for demo_handler
    # Each step of dispatch and the clock: 退单, 转办, an extension approved and one pending, a pause.
    ("resident_04", "roads", "院内停车位划线", "院内停车位线已看不清，希望重新划线。", "xinhong-nanlu-b2-u1", ["return"]),
    ("resident_04", "roads", "井盖被盗", "2栋旁井盖夜里被人撬走，怀疑被盗。", "xinhong-nanlu-b2-u1", ["transfer"]),
    ("resident_03", "facilities", "健身器材损坏", "院落健身区的漫步机转轴断了。", "xinhong-nanlu-b1-u2", ["accept", "extend", "approve"]),
    ("resident_03", "other", "希望增设充电桩", "希望在新鸿南路院落增设电动自行车充电桩。", None, ["accept", "extend"]),
    ("resident_04", "facilities", "楼道灯需入户检修", "楼道灯线路要从住户家中检修。", "xinhong-nanlu-b2-u1", ["accept", "pause"]),
]
# Filed from a phone with its location attached (browser geolocation): just outside 新鸿南路院落's gate.
LOCATED = {"院落路灯不亮": ("30.655180", "104.104950")}


def seed() -> None:
    with transaction.atomic():
        _departments()
        _categories()
        _attributes()
        _templates()
        _api_key()
        if not Request.objects.exists():
            _requests()
            _oversight()
        if not Request.objects.filter(source=Source.HOTLINE).exists():
            _hotline()
        links_demo.seed()  # the need that went all the way round


def _categories() -> None:
    for position, (code, zh, en, body, kind, accept, resolve, keywords) in enumerate(CATEGORIES):
        department = body == OwnerBody.DEPARTMENT
        Category.objects.update_or_create(
            code=code,
            defaults={
                "name_zh": zh,
                "name_en": en,
                "owner_body": body,
                "committee_type": "" if department else kind,
                "department_kind": kind if department else "",
                "accept_hours": accept,
                "resolve_hours": resolve,
                "keywords": keywords,
                "position": position,
            },
        )
    # The seed's cases, as rules anyone can edit in the admin: noise to the courtyard group,
    # greening to the public environment committee, roads to the urban management department.
    for code, body, committee, department_kind in [
        ("noise", OwnerBody.COURTYARD_GROUP, "", ""),
        ("greening", OwnerBody.COMMITTEE, CommitteeType.PUBLIC_ENVIRONMENT, ""),
        ("roads", OwnerBody.DEPARTMENT, "", DepartmentKind.URBAN_MANAGEMENT),
    ]:
        RoutingRule.objects.update_or_create(
            category=Category.objects.get(code=code),
            street=None,
            community=None,
            defaults={"owner_body": body, "committee_type": committee, "department_kind": department_kind},
        )


def _attributes() -> None:
    CategoryAttribute.objects.update_or_create(
        category=Category.objects.get(code="roads"),
        code="hazard",
        defaults={
            "datatype": "singlevaluelist",
            "required": False,
            "description_zh": "道路出了什么问题？",
            "description_en": "What is wrong with the road?",
            "order": 1,
            "values": ROAD_HAZARDS,
        },
    )


def _departments() -> None:
    district = District.objects.get(code="chenghua")
    for name, kind, street_code, handler in DEPARTMENTS:
        street = Street.objects.get(code=street_code) if street_code else None
        department = Department.objects.filter(district=district, street=street, name=name).first()
        if department is None:
            department = dispatch_services.department_create(name=name, kind=kind, district=district, street=street)
        if handler:
            dispatch_services.department_handler_add(department=department, user=User.objects.get(username=handler))


def _templates() -> None:
    for title, text, title_en, text_en, category_code in TEMPLATES:
        category = Category.objects.get(code=category_code) if category_code else None
        ResponseTemplate.objects.update_or_create(
            title=title, defaults={"text": text, "title_en": title_en, "text_en": text_en, "category": category}
        )


def _api_key() -> None:
    if ApiKey.objects.filter(key_hash=ApiKey.hash(DEMO_OPEN311_KEY)).exists():
        return
    submitter, _created = User.objects.get_or_create(username="open311_demo_client", defaults={"display_name": "Open311 示例客户端"})
    ApiKey.objects.create(
        name="Open311 示例客户端", key_hash=ApiKey.hash(DEMO_OPEN311_KEY), prefix=DEMO_OPEN311_KEY[:8], submitter=submitter
    )


def _requests() -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in={r[0] for r in REQUESTS} | {"demo_community", "demo_street", "demo_worker"})
    }
    categories = {c.code: c for c in Category.objects.all()}
    for username, category, title, text, unit_code, steps in REQUESTS:
        resident = users[username]
        place = Unit.objects.get(code=unit_code) if unit_code else Community.objects.get(pk=resident.home_unit.community_id)
        latitude, longitude = LOCATED.get(title, (None, None))
        request = services.request_submit(
            resident=resident,
            category=categories[category],
            place=place,
            title=title,
            text=text,
            source=Source.WEB,
            latitude=latitude,
            longitude=longitude,
        )
        _steps(request, steps, users)


def _hotline() -> None:
    """A call to 12345 from someone without an account, filed by demo_operator and accepted by 新鸿社区."""
    operator = User.objects.filter(username="demo_operator").first()
    if operator is None:
        return
    request = hotline_services.hotline_request_file(
        operator=operator,
        phone="13700000001",
        name="李先生",
        category=Category.objects.get(code="sanitation"),
        place=Courtyard.objects.get(code="xinhong-nanlu"),
        title="垃圾桶满溢无人清运",
        text="来电反映新鸿南路院落门口垃圾桶已满两天，无人清运，气味很大。",
    )
    services.request_accept(request=request, by=User.objects.get(username="demo_community"))


def _steps(request: Request, steps: list[str], users: dict) -> None:
    """The owning body's own people act where it has them (a committee's chair), else the area's staff."""
    staff = users["demo_community"] if request.community.code == "xinhong" else User.objects.get(username="demo_admin")
    staff = owner_handlers(request).order_by("pk").first() or staff
    for step in steps:
        if step == "accept":
            services.request_accept(request=request, by=staff)
        elif step == "assign":
            assignee = users["demo_worker"] if request.community.code == "xinhong" else staff
            services.request_assign(request=request, by=staff, assignee=assignee)
        elif step == "start":
            services.request_start(request=request, by=staff)
        elif step == "resolve":
            services.request_resolve(request=request, by=staff, note="已处理完毕，请确认。")
        elif step == "reject":
            services.request_reject(request=request, by=staff, reason="属于物业公司职责，已转告物业，请直接联系物业服务中心。")
        elif step.startswith("confirm"):
            services.request_confirm(request=request, by=request.resident, rating=int(step[-1]), comment="")
        else:
            _clock_step(request, step, staff)


def _clock_step(request: Request, step: str, staff) -> None:
    """退单 and 转办 by the department's handler; 延期申请 by the owner, approved by the street; 挂起."""
    if step == "return":
        dispatch_services.request_return(request=request, by=staff, reason="划线属物业管理，不属执法队职责，请重新派单。")
    elif step == "transfer":
        city = Department.objects.get(name="成华区城市管理局")  # not 双桥子派出所: the access tests delete that one
        dispatch_services.request_transfer(
            request=request, by=staff, target=f"department:{city.pk}", reason="属区管窨井，转区城市管理局办理。"
        )
    elif step == "extend":
        extensions.extension_request(request=request, by=staff, reason="配件需向厂家订购，约需一周。", hours=7 * 24)
    elif step == "approve":
        pending = request.extensions.get(status=ExtensionStatus.PENDING)
        extensions.extension_decide(extension=pending, by=User.objects.get(username="demo_street"), approve=True, note="同意延期一周。")
    elif step == "pause":
        clock_services.request_pause(request=request, by=staff, reason="需入户检修线路，请告知方便入户的时间。")


def _oversight() -> None:
    """督办: one answered, one past its reply date; 回访: satisfied, not reached (to call again), dissatisfied (reopened)."""
    street, community, admin = (User.objects.get(username=name) for name in ("demo_street", "demo_community", "demo_admin"))
    today = timezone.localdate()
    answered = oversight.supervision_issue(
        request=Request.objects.get(title="院落路灯不亮"),
        by=street,
        instruction="群众反映强烈，请三日内修复并答复。",
        reply_due_on=today + timedelta(days=3),
    )
    oversight.supervision_reply(supervision=answered, by=community, reply="已联系电工，明日更换灯具，完成后拍照回复。")
    late = oversight.supervision_issue(
        request=Request.objects.get(title="树枝遮挡窗户"), by=street, instruction="请两日内安排修剪并答复。", reply_due_on=today
    )
    # The demo shows an overdue 督办: its reply date is moved into the past (no service issues one there).
    Supervision.objects.filter(pk=late.pk).update(reply_due_on=today - timedelta(days=2))
    _callback(Request.objects.get(title="人行道破损"), community, reached=True, satisfaction="satisfied", note="居民表示路面已修好。")
    bins = Request.objects.get(title="垃圾桶满溢")
    services.request_confirm(request=bins, by=bins.resident, rating=4)
    _callback(bins, community, reached=False, note="电话无人接听，明天再打。")
    clutter = Request.objects.get(title="楼道堆放杂物")
    services.request_confirm(request=clutter, by=clutter.resident, rating=3)
    _callback(clutter, admin, reached=True, satisfaction="dissatisfied", note="杂物只清了一半。")  # reopens it


def _callback(request: Request, by, **outcome) -> None:
    oversight.callback_record(callback=request.callbacks.get(status="open"), by=by, **outcome)
