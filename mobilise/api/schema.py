"""Additions to the generated schema: every operation may answer with a problem (RFC 9457), every read with 304
when its ETag still matches, and links (OpenAPI 3) from each answer to the operations it leads to."""

import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["pointer", "detail"],
                "properties": {"pointer": {"type": "string"}, "detail": {"type": "string"}},
            },
        },
    },
}
ETAG = {"ETag": {"schema": {"type": "string"}, "description": "Send it as If-None-Match to get 304 when unchanged"}}


def add_problems(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                if method == "get" and "content" in response:
                    response.setdefault("headers", {}).update(ETAG)
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    response["content"] = problem
            responses["default"] = {"description": "A problem (RFC 9457)", "content": problem}
            if method == "get":
                responses["304"] = {"description": "Not modified: the If-None-Match ETag still matches"}
    return result


PARAMETER = re.compile(r"\{(\w+)\}")
ITEM = re.compile(r"\{(\w+)\}/")
SUCCESS = {"get": "200", "post": "201"}


def _links_from(path: str, method: str, operation: dict, paths: dict) -> dict:
    """A list leads to its items (through its first row), a creation to what it made, an item to what lies under
    its path and to its own changes; the path's own parameters are passed on."""
    if SUCCESS.get(method) not in operation.get("responses", {}):
        return {}
    passed = {f"path.{name}": f"$request.path.{name}" for name in PARAMETER.findall(path)}
    is_item = path.endswith("}/")
    links = {}
    for target, operations in paths.items():
        if not target.startswith(path):
            continue
        rest = target[len(path) :]
        item = ITEM.fullmatch(rest)
        if item and not is_item:
            field = "slug" if item[1] == "slug" else "id"
            found = f"$response.body#/{field}" if method == "post" else f"$response.body#/results/0/{field}"
            parameters = {**passed, f"path.{item[1]}": found}
        elif is_item and method == "get" and not PARAMETER.search(rest):
            parameters = passed
        else:
            continue
        for target_method, target_operation in operations.items():
            if (target, target_method) != (path, method) and target_method in ("get", "post", "patch", "delete"):
                name = target_operation["operationId"]
                links[name] = {"operationId": name, "parameters": parameters}
    return links


def add_links(result, generator, request, public):
    paths = result.get("paths", {})
    for path, operations in paths.items():
        for method, operation in operations.items():
            links = _links_from(path, method, operation, paths)
            if links:
                operation["responses"][SUCCESS[method]]["links"] = links
    return result


class TokenScheme(OpenApiAuthenticationExtension):
    """Names the personal access token in the schema (defining the class registers it)."""

    target_class = "mobilise.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal access token from your account page"}
