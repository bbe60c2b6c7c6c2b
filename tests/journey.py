"""A person's journey through the portal in a real browser, counting what they do.

Issue 14 sets budgets in interactions (filing a request with a photo in five from the home page); a journey
counts each tap, fill, tick, choice and file picked, so a test states the budget and fails when a page grows a step.
Opening the first page is not an interaction; following the portal's own redirects is not either.
"""


class Journey:
    def __init__(self, page):
        self.page = page
        self.steps: list[str] = []

    @property
    def interactions(self) -> int:
        return len(self.steps)

    def tap(self, locator) -> None:
        locator.click()
        self.steps.append(f"tap {locator}")

    def fill(self, locator, text: str) -> None:
        locator.fill(text)
        self.steps.append(f"fill {locator}")

    def check(self, locator) -> None:
        locator.check()
        self.steps.append(f"check {locator}")

    def select(self, locator, **option) -> None:
        locator.select_option(**option)
        self.steps.append(f"select {locator}")

    def upload(self, locator, files) -> None:
        locator.set_input_files(files)
        self.steps.append(f"upload {locator}")
