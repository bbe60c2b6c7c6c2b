"""An OpenAPI 3 description of OUR Open311 GeoReport v2 endpoints, for schemathesis.

The project's Swagger 2.0 file (shared/open311/swagger.json) describes the spec in general, with quirks
that are not ours: a required jurisdiction_id, `/request/{id}` in the singular, the format as a path
parameter, no XML, no error bodies and plain strings where we answer null. This one says what
/open311/v2/ answers, in JSON and XML, errors included (the spec's list of {code, description}).
"""

ERRORS = {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Error"}}
NULLABLE_STRING = {"type": "string", "nullable": True}
SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "type", "metadata"],
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": NULLABLE_STRING,
            "group": {"type": "string"},
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {"type": "array", "items": {"$ref": "#/components/schemas/Attribute"}},
        },
    },
    "Attribute": {
        "type": "object",
        "required": ["variable", "code", "datatype", "required"],
        "properties": {
            "variable": {"type": "boolean"},
            "code": {"type": "string"},
            "datatype": {"type": "string", "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]},
            "required": {"type": "boolean"},
            "datatype_description": NULLABLE_STRING,
            "order": {"type": "integer", "nullable": True},
            "description": NULLABLE_STRING,
            "values": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "name"],
                    "properties": {"key": {"type": "string"}, "name": {"type": "string"}},
                },
            },
        },
    },
    "Request": {
        "type": "object",
        "required": ["service_request_id", "status", "service_code", "requested_datetime"],
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": NULLABLE_STRING,
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string"},
            "agency_responsible": {"type": "string"},
            "service_notice": NULLABLE_STRING,
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": "string", "format": "date-time", "nullable": True},
            "address": {"type": "string"},
            "address_id": {"type": "string"},
            "zipcode": NULLABLE_STRING,
            "lat": {"type": "number", "nullable": True},
            "long": {"type": "number", "nullable": True},
            "media_url": NULLABLE_STRING,
        },
    },
    "Discovery": {
        "type": "object",
        "required": ["changeset", "contact", "key_service", "endpoints"],
        "properties": {
            "changeset": {"type": "string", "format": "date-time"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["specification", "url", "changeset", "type", "formats"],
                    "properties": {
                        "specification": {"type": "string", "enum": ["http://wiki.open311.org/GeoReport_v2"]},
                        "url": {"type": "string"},
                        "changeset": {"type": "string", "format": "date-time"},
                        "type": {"type": "string", "enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "Created": {
        "type": "object",
        "required": ["service_request_id", "service_notice"],
        "properties": {"service_request_id": {"type": "string"}, "service_notice": {"type": "string"}},
    },
}
JURISDICTION = {"name": "jurisdiction_id", "in": "query", "schema": {"type": "string"}, "allowEmptyValue": True}
CODE_PATTERN = "^[-A-Za-z0-9_]+$"  # the URL conf's [-\w]+ for path segments


def _query(name: str, schema: dict) -> dict:
    """An empty parameter is as good as none, as the spec's clients expect."""
    return {"name": name, "in": "query", "schema": schema, "allowEmptyValue": True}


def _path(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string", "pattern": CODE_PATTERN}}


def _responses(fmt: str, ok: dict, *errors: int) -> dict:
    def content(schema):
        return {"application/json": {"schema": schema}} if fmt == "json" else {"text/xml": {}}

    answers = {"200": {"description": "OK", "content": content(ok)}}
    for status in (400, 404, 405, 429, *errors):
        answers[str(status)] = {"description": "The spec's error list", "content": content(ERRORS)}
    return answers


def _many(name: str) -> dict:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}


REQUEST_FILTERS = [
    _query("service_request_id", {"type": "string"}),
    _query("service_code", {"type": "string"}),
    _query("start_date", {"type": "string", "format": "date-time"}),
    _query("end_date", {"type": "string", "format": "date-time"}),
    _query("status", {"type": "string", "enum": ["open", "closed", "open,closed"]}),
]
NEW_REQUEST = {
    "type": "object",
    "required": ["api_key", "service_code", "description"],
    "properties": {
        "api_key": {"type": "string"},
        "service_code": {"type": "string"},
        "description": {"type": "string", "minLength": 1, "maxLength": 2000, "pattern": r"\S"},
        "address_string": {"type": "string"},
        "address_id": {"type": "string"},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "long": {"type": "number", "minimum": -180, "maximum": 180},
        # the demo's roads asks for one service attribute (GET services/roads.json)
        "attribute[hazard]": {"type": "string", "enum": ["pothole", "manhole", "sidewalk", "elsewhere"]},
    },
}


def _operations(fmt: str) -> dict:
    base = "/open311/v2"
    return {
        f"{base}/discovery.{fmt}": {
            "get": {"parameters": [JURISDICTION], "responses": _responses(fmt, {"$ref": "#/components/schemas/Discovery"})}
        },
        f"{base}/services.{fmt}": {"get": {"parameters": [JURISDICTION], "responses": _responses(fmt, _many("Service"))}},
        f"{base}/services/{{service_code}}.{fmt}": {
            "get": {
                "parameters": [JURISDICTION, _path("service_code")],
                "responses": _responses(fmt, {"$ref": "#/components/schemas/ServiceDefinition"}),
            }
        },
        f"{base}/requests.{fmt}": {
            "get": {"parameters": [JURISDICTION, *REQUEST_FILTERS], "responses": _responses(fmt, _many("Request"))},
            "post": {
                "parameters": [JURISDICTION],
                "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": NEW_REQUEST}}},
                "responses": _responses(fmt, _many("Created"), 403),
            },
        },
        f"{base}/requests/{{service_request_id}}.{fmt}": {
            "get": {"parameters": [JURISDICTION, _path("service_request_id")], "responses": _responses(fmt, _many("Request"))}
        },
    }


def open311_openapi() -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Chenghua Open311 GeoReport v2", "version": "2"},
        "paths": _operations("json") | _operations("xml"),
        "components": {"schemas": SCHEMAS},
    }
