"""The seed's district as import rows: the same path a real district takes into the portal."""

DISTRICT = ("chenghua", "成华区")
STREETS = [
    ("shuangqiaozi", "双桥子街道", [("xinhong", "新鸿社区", "mature"), ("shuangqiao", "双桥路社区", "mature")]),
    ("shengdeng", "圣灯街道", [("hualin", "华林社区", "transitional"), ("renmintang", "人民塘社区", "transitional")]),
    ("longtan", "龙潭街道", [("xiulin", "秀林社区", "agricultural"), ("tongren", "同仁社区", "agricultural")]),
    ("jianshelu", "建设路街道", [("jiangong", "建功社区", "commercial"), ("tiaodenghe", "跳蹬河社区", "commercial")]),
]
COURTYARDS = {
    "xinhong": [
        ("xinhong-nanlu", "新鸿南路院落", "courtyard"),
        ("xinhuayuan", "新华苑院落", "courtyard"),
        ("shuanglin", "双林小区院落", "courtyard"),
    ],
    "shuangqiao": [("shuangqiao-1", "双桥路一号院", "courtyard"), ("shuangqiao-2", "双桥路二号院", "courtyard")],
    "hualin": [("hualin-a", "华林A区", "courtyard"), ("hualin-b", "华林B区", "courtyard")],
    "renmintang": [("renmintang-1", "人民塘院落", "courtyard")],
    "xiulin": [
        ("xiulinyuan", "秀林苑", "resettlement_area"),
        ("xiulin-g1", "秀林一组", "resident_group"),
        ("xiulin-g2", "秀林二组", "resident_group"),
    ],
    "tongren": [("tongren-g1", "同仁一组", "resident_group")],
    "jiangong": [("jiangong-1", "建功院落", "courtyard")],
    "tiaodenghe": [("tiaodenghe-1", "跳蹬河院落", "courtyard")],
}
# Where each courtyard's gate is (WGS-84), around each community in 成华区 (about 30.66 N, 104.10 E).
LOCATIONS = {
    "xinhong-nanlu": ("30.655120", "104.104830"),
    "xinhuayuan": ("30.656840", "104.108270"),
    "shuanglin": ("30.652970", "104.101460"),
    "shuangqiao-1": ("30.649380", "104.112650"),
    "shuangqiao-2": ("30.647910", "104.115840"),
    "hualin-a": ("30.668420", "104.132170"),
    "hualin-b": ("30.670150", "104.135620"),
    "renmintang-1": ("30.674860", "104.141290"),
    "xiulinyuan": ("30.719530", "104.168240"),
    "xiulin-g1": ("30.722870", "104.172910"),
    "xiulin-g2": ("30.725160", "104.176380"),
    "tongren-g1": ("30.731240", "104.181750"),
    "jiangong-1": ("30.676930", "104.099410"),
    "tiaodenghe-1": ("30.681570", "104.106820"),
}
BUILDINGS_PER_COURTYARD = 3
UNITS_PER_BUILDING = 2


def tree_rows() -> list[dict]:
    rows = []
    district_code, district_name = DISTRICT
    for street_code, street_name, communities in STREETS:
        for community_code, community_name, kind in communities:
            for courtyard_code, courtyard_name, courtyard_kind in COURTYARDS[community_code]:
                for b in range(1, BUILDINGS_PER_COURTYARD + 1):
                    for u in range(1, UNITS_PER_BUILDING + 1):
                        rows.append(
                            {
                                "district_code": district_code,
                                "district_name": district_name,
                                "street_code": street_code,
                                "street_name": street_name,
                                "community_code": community_code,
                                "community_name": community_name,
                                "community_kind": kind,
                                "courtyard_code": courtyard_code,
                                "courtyard_name": courtyard_name,
                                "courtyard_kind": courtyard_kind,
                                "courtyard_latitude": LOCATIONS[courtyard_code][0],
                                "courtyard_longitude": LOCATIONS[courtyard_code][1],
                                "building_code": f"{courtyard_code}-b{b}",
                                "building_name": f"{b}栋",
                                "unit_code": f"{courtyard_code}-b{b}-u{u}",
                                "unit_name": f"{u}单元",
                            }
                        )
    return rows
