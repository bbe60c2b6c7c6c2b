"""GeoReport v2 answers in JSON or XML: the same content, the spec's element names, UTF-8."""

from xml.etree import ElementTree as ET

import orjson
from django.http import HttpResponse

from governance.core.text import xml_safe

# root element -> the element of each item, as the spec's XML examples name them
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_safe(str(value))  # rows stored before the text rule may hold characters XML forbids


def _fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner)
    elif isinstance(value, list):
        tag = ITEM_TAGS.get(element.tag, "item")
        for inner in value:
            _fill(ET.SubElement(element, tag), inner)
    else:
        element.text = _text(value)


def to_xml(data, root: str) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(data, fmt: str, root: str, status: int = 200) -> HttpResponse:
    """`data` as JSON, or as XML under `root` (a list becomes one child element per item)."""
    if fmt == "xml":
        return HttpResponse(to_xml(data, root), content_type="text/xml; charset=utf-8", status=status)
    return HttpResponse(to_json(data), content_type="application/json", status=status)


def to_json(data) -> bytes:
    """orjson: UTF-8 as is, several times faster than the json module on a page of records (docs/architecture.md)."""
    return orjson.dumps(data, default=str)  # default: lazy translations in the discovery and error answers


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error format: a list of {code, description}, with the same HTTP status."""
    return respond([{"code": status, "description": str(description)}], fmt, "errors", status=status)
