from django.core.management.base import BaseCommand
from django.db import transaction

from associations import demo as associations_demo
from committees import demo as committees_demo
from courtyards import demo as courtyards_demo
from courtyards import selectors as tree_selectors
from courtyards import services as tree_services
from courtyards.importer import tree_import
from governance.accounts import services as account_services
from governance.accounts.choices import Role
from governance.accounts.models import User
from governance.activities import demo as activities_demo
from governance.demo.tree import tree_rows
from governance.fieldwork import demo as fieldwork_demo
from governance.fieldwork import demo_events as fieldwork_events_demo
from governance.reports import demo as report_demo
from governance.requests import demo as request_demo
from governance.training import demo as training_demo

DEMO_PASSWORD = "chenghua-demo"

# username, display name, phone, role, node code (or home unit code and room for residents)
STAFF = [
    ("demo_admin", "区管理员", "13800000001", Role.DISTRICT_ADMIN, "chenghua"),
    ("demo_street", "双桥子街道 袁工", "13800000002", Role.STREET_STAFF, "shuangqiaozi"),
    ("demo_community", "新鸿社区 王工", "13800000003", Role.COMMUNITY_STAFF, "xinhong"),
    ("demo_worker", "社工 李晓燕", "13800000004", Role.SOCIAL_WORKER, "xinhong"),
    ("demo_operator", "12345 接线员 何敏", "13800000005", Role.HOTLINE_OPERATOR, "shuangqiaozi"),
]
RESIDENTS = [
    ("demo_resident", "张同珍", "13900000001", "xinhong-nanlu-b1-u1", "502"),
    ("demo_resident2", "冯天蓉", "13900000002", "hualin-a-b1-u1", "301"),
    ("resident_03", "刘建国", "13900000003", "xinhong-nanlu-b1-u2", "201"),
    ("resident_04", "陈秀英", "13900000004", "xinhong-nanlu-b2-u1", "402"),
    ("resident_05", "杨德明", "13900000005", "xinhuayuan-b1-u1", "101"),
    ("resident_06", "黄淑芬", "13900000006", "shuanglin-b2-u2", "602"),
    ("resident_07", "赵志强", "13900000007", "hualin-a-b2-u1", "503"),
    ("resident_08", "周玉兰", "13900000008", "hualin-b-b1-u2", "203"),
    ("resident_09", "吴桂英", "13900000009", "xiulinyuan-b1-u1", "1101"),
    ("resident_10", "郑家福", "13900000010", "xiulinyuan-b3-u2", "702"),
    ("resident_11", "孙丽华", "13900000011", "jiangong-1-b1-u1", "301"),
    ("resident_12", "马文军", "13900000012", "shuangqiao-1-b2-u1", "204"),
    ("demo_chair", "刘淑华", "13900000013", "xinhuayuan-b1-u1", "302"),  # chairs 新鸿社区安全与民调委员会
]
# 网格员 of 新鸿社区第一网格: holds the grid worker role on the grid itself (see _grids).
GRID_WORKER = ("demo_grid", "网格员 陈刚", "13800000007")
# People of a department (no role on the tree): they handle what their department owns.
HANDLERS = [("demo_handler", "双桥子街道综合执法 何工", "13800000006")]


class Command(BaseCommand):
    help = "Load the seed's district (成华区), its places and the demo accounts. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        summary = tree_import(rows=tree_rows())
        self.stdout.write(f"Territory: {sum(summary.created.values())} new places.")
        for username, name, phone, role, node_code in STAFF:
            user = self._user(username, name, phone)
            account_services.role_grant(user=user, role=role, node=tree_selectors.node_by_code(code=node_code))
        demo_community = User.objects.get(username="demo_community")
        for username, name, phone, unit_code, room in RESIDENTS:
            user = self._user(username, name, phone)
            if user.home_unit_id is None:
                unit = tree_selectors.node_by_code(code=unit_code)
                claim = tree_services.home_claim_create(user=user, unit=unit, room=room)
                tree_services.home_claim_verify(claim=claim, by=demo_community)
        for username, name, phone in HANDLERS:
            self._user(username, name, phone)
        self._grids()
        courtyards_demo.seed()  # covenants
        committees_demo.seed()
        associations_demo.seed()
        request_demo.seed()
        activities_demo.seed()
        fieldwork_demo.seed()
        fieldwork_events_demo.seed()  # after the fieldwork demo's patrols: events link to them when they exist
        report_demo.seed()
        training_demo.seed()  # last: it trains demo_grid too, once the seed has made it
        self.stdout.write(self.style.SUCCESS(f"Demo accounts ready; the password of each is {DEMO_PASSWORD}."))

    def _grids(self) -> None:
        """新鸿社区 in two grids: the first worked by demo_grid with a deputy, the second by nobody yet."""
        from courtyards import grids
        from courtyards.models import Courtyard, Grid

        if Grid.objects.filter(code="xinhong-grid-1").exists():
            return
        xinhong = tree_selectors.node_by_code(code="xinhong")
        grids.grid_create(
            community=xinhong,
            name="新鸿社区第一网格",
            code="xinhong-grid-1",
            worker=self._user(*GRID_WORKER),
            deputies=[User.objects.get(username="demo_worker")],
            courtyards=Courtyard.objects.filter(code__in=["xinhong-nanlu", "xinhuayuan"]),
        )
        grids.grid_create(
            community=xinhong, name="新鸿社区第二网格", code="xinhong-grid-2", courtyards=Courtyard.objects.filter(code="shuanglin")
        )

    def _user(self, username: str, name: str, phone: str) -> User:
        user, created = User.objects.get_or_create(username=username, defaults={"display_name": name, "phone": phone})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user
