"""A test-only SMS gateway that is slow on purpose, so a test can kill the worker in the middle of a send.

It writes "started <key>" before waiting and "sent <key>" after, to the file named by SLOW_SMS_RECORD,
so the test sees both that the task was under way and how many messages were really sent.
"""

import os
import time


class SlowRecordingSMS:
    def send(self, *, phone: str, text: str, key: str = "") -> None:
        record = os.environ["SLOW_SMS_RECORD"]
        _append(record, f"started {key}")
        time.sleep(float(os.environ.get("SLOW_SMS_SECONDS", "0")))
        _append(record, f"sent {key}")


def _append(path: str, line: str) -> None:
    with open(path, "a", encoding="utf-8") as record:
        record.write(line + "\n")
        record.flush()
        os.fsync(record.fileno())
