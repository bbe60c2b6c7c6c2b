from . import PUBLIC, SIGNED_IN, Case, expect

ROUTES = {
    "home": [Case(PUBLIC)],
    "healthz": [Case(PUBLIC)],
    "healthz_ping": [Case(PUBLIC)],
    "metrics": [Case(PUBLIC, note="the test client is this machine; from elsewhere a 404 without METRICS_TOKEN")],
    "set_language": [Case(expect(302), method="post", data={"language": "en", "next": "/"})],
    "accounts:login": [Case(expect(302, anonymous=200))],
    "accounts:logout": [Case(expect(302), method="post")],
    "accounts:register": [Case(PUBLIC)],
    "accounts:register_verify": [Case(expect(302), note="without a phone in the session it goes back to step one")],
    "accounts:profile": [Case(SIGNED_IN)],
    "accounts:email": [Case(SIGNED_IN), Case(expect(302), method="post", data={"email": "jia@example.org"}, note="saved: back to my page")],
    # With the second factor off (tests/conftest.py) no demo account has a device: the code step sends staff to enrolment.
    # The second factor is for everyone with staff powers: demo_resident2 chairs 华林社区's 公共环境委员会, and demo_operator (接线员) holds a hotline role.
    "accounts:otp_verify": [Case(expect(302, resident=404))],
    "accounts:otp_setup": [Case(expect(200, anonymous=302, resident=404))],
    "accounts:data_export": [Case(expect(200, anonymous=302), method="post"), Case(expect(405, anonymous=302))],
    "accounts:close": [
        Case(SIGNED_IN),
        Case(expect(200, anonymous=302), method="post", data={"password": "wrong"}, note="a wrong password closes nothing"),
    ],
    "accounts:password_change": [Case(SIGNED_IN)],
    "accounts:password_reset": [Case(PUBLIC)],
    "accounts:password_reset_verify": [Case(expect(302), note="without a phone in the session it goes back to step one")],
    "accounts:sign_out_everywhere": [Case(expect(302), method="post", note="signed in: signed out, to the sign-in page")],
    "notifications:inbox": [Case(SIGNED_IN)],
    "notifications:read": [
        Case(expect(404, anonymous=302, resident=302), method="post", kwargs=lambda d: {"pk": d.delivered_notification().pk}),
    ],
    "notifications:read_all": [Case(expect(302), method="post")],
    "notifications:preferences": [
        Case(SIGNED_IN),
        Case(expect(302), method="post", data={"requests-status-sms": "on", "requests-queue_new-timing": "at_once"}, note="saved"),
    ],
    "schema": [Case(PUBLIC)],
    "api-docs": [Case(PUBLIC)],
    "api:auth-token": [
        Case(
            expect(200), method="post", data={"username": "demo_resident", "password": "chenghua-demo"}, note="wrong ones: test_lockout.py"
        )
    ],
    "api:auth-sign-out-everywhere": [Case(expect(204, anonymous=403), method="post")],
    "api:me": [Case(expect(200, anonymous=403))],
    "api:notification-list": [Case(expect(200, anonymous=403))],
    "api:notification-detail": [
        Case(expect(404, anonymous=403, resident=200), kwargs=lambda d: {"pk": d.delivered_notification().pk}),
    ],
}
