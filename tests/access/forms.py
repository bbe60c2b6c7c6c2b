"""What a browser would send from a page's form: its inputs, checked boxes, selected options and text areas."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
        elif not self.inside:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "select":
            self._select = attrs.get("name")
            if self._select and "multiple" not in attrs:
                self.data.setdefault(self._select, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self.data[self._textarea] = [""]

    def _input(self, attrs):
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or kind in {"submit", "button", "file", "image"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in attrs:
            return
        self.data.setdefault(name, []).append(attrs.get("value", "on" if kind in {"checkbox", "radio"} else ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                self.data[self._textarea][0] = self.data[self._textarea][0].removeprefix("\n")
            self._textarea = None


def form_data(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """The form's fields as the client's post() takes them (name -> list of values)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data
