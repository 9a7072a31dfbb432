"""Additions to the generated schema: every operation may answer with a problem (RFC 9457), and every read with
304 when its ETag still matches."""

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


class TokenScheme(OpenApiAuthenticationExtension):
    """Names the personal access token in the schema (defining the class registers it)."""

    target_class = "mobilise.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal access token from your account page"}
