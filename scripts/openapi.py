#!/usr/bin/env python3
"""The API contract: docs/openapi.json (OpenAPI 3.1) against the routes and real answers.

  scripts/openapi.py generate --binary build/xinyong --recording build/api-recording.jsonl \
      [--api-md docs/api.md] [--out docs/openapi.json]
  scripts/openapi.py check --binary build/xinyong --recording build/api-recording.jsonl \
      [--spec docs/openapi.json]

The recording is what the black-box tests received from the real binary: ctest runs them with
XY_API_RECORD set (tests/CMakeLists.txt), one JSON line per answer. `generate` writes the
document: every route of `xinyong routes`, its description and roles from docs/api.md, and per
status a JSON Schema inferred from every recorded answer, with one recorded answer as the
example (secrets in it redacted). `check` fails when a route is missing from the document or the
document names one the binary does not serve, when a route has no recorded success, when a
recorded success has a status or media type the document does not give for its route, or when
a recorded JSON answer does not validate against its schema (a member gone, a type changed;
errors against the Error schema). Exit 0, or 1 with one line per problem.

Python's standard library only: the CI machine installs nothing for it.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile

SECRET_KEYS = {"token", "password", "key", "secret", "api_key"}
MAP_KEYS = 30  # an object with more distinct keys than this is a map (e.g. record fields)


# --- routes and recordings ---------------------------------------------------------------------

BODY_FROM_ANYONE = set()  # (method, pattern) of the routes that take a body without a credential


def routes_of(binary):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "init", "--data", tmp], check=True, capture_output=True)
        out = subprocess.run([binary, "routes", "--data", tmp], check=True, capture_output=True,
                             text=True).stdout
    routes = []
    for line in out.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            routes.append((r["method"], r["pattern"]))
            if r.get("body_from") == "anyone":
                BODY_FROM_ANYONE.add((r["method"], r["pattern"]))
    return routes


def match(routes, method, target):
    path = target.split("?", 1)[0]
    segs = path.strip("/").split("/")
    best = None
    for m, pattern in routes:
        if m != method:
            continue
        psegs = pattern.strip("/").split("/")
        if len(psegs) != len(segs):
            continue
        params = 0
        ok = True
        for p, s in zip(psegs, segs):
            if p.startswith("{") and p.endswith("}"):
                params += 1
                ok = ok and s != ""
            elif p != s:
                ok = False
        if ok and (best is None or params < best[0]):
            best = (params, pattern)
    return best[1] if best else None


class NotJson:
    """A recorded answer whose body is not kept: not JSON (a file, the metrics, a 204), or JSON
    larger than the recording keeps."""

    def __init__(self, content_type):
        self.content_type = content_type.split(";")[0].strip()


def recordings(path, routes):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                r = json.loads(line)
                body = NotJson(r.get("content_type", "")) if r["body"] is None \
                    else json.loads(r["body"])
            except (ValueError, KeyError, TypeError):
                continue
            pattern = match(routes, r["method"], r["target"])
            if pattern:
                out.append((r["method"], pattern, r["status"], body))
    return out


def not_json_response(status, bodies):
    """The documented answer of a status recorded only without a body."""
    types = sorted({b.content_type for b in bodies if b.content_type})
    if status == 204 or not types:
        return {"description": "recorded from the real binary: no content"}
    content = {}
    for t in types:
        if t == "application/json":
            content[t] = {"schema": {"type": "object"}}  # too large to keep as an example
        elif t.startswith("text/"):
            content[t] = {"schema": {"type": "string"}}
        else:
            content[t] = {"schema": {"type": "string", "contentMediaType": t}}
    return {"description": "recorded from the real binary (the body is not kept)",
            "content": content}


# --- schemas -----------------------------------------------------------------------------------

def type_of(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def infer(values):
    types = sorted({type_of(v) for v in values})
    if "number" in types and "integer" in types:
        types.remove("integer")
    schema = {"type": types[0] if len(types) == 1 else types}
    objects = [v for v in values if isinstance(v, dict)]
    if objects:
        keys = sorted({k for o in objects for k in o})
        if len(keys) > MAP_KEYS:
            schema["additionalProperties"] = infer([x for o in objects for x in o.values()])
        else:
            schema["properties"] = {k: infer([o[k] for o in objects if k in o]) for k in keys}
            required = [k for k in keys if all(k in o for o in objects)]
            if required:
                schema["required"] = required
    arrays = [v for v in values if isinstance(v, list)]
    if arrays:
        items = [x for a in arrays for x in a]
        schema["items"] = infer(items) if items else {}
    return schema


def validate(value, schema, where, problems):
    types = schema.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        t = type_of(value)
        if not (t in allowed or (t == "integer" and "number" in allowed)):
            problems.append(f"{where}: {t}, the contract says {'|'.join(allowed)}")
            return
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                problems.append(f"{where}: no member \"{k}\"")
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for k, v in value.items():
            if k in props:
                validate(v, props[k], f"{where}.{k}", problems)
            elif isinstance(extra, dict):
                validate(v, extra, f"{where}.{k}", problems)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, v in enumerate(value[:50]):
            validate(v, schema["items"], f"{where}[{i}]", problems)


def redact(v):
    if isinstance(v, dict):
        return {k: ("<redacted>" if k in SECRET_KEYS and isinstance(x, str) else redact(x))
                for k, x in v.items()}
    if isinstance(v, list):
        return [redact(x) for x in v]
    return v


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"],
                             "properties": {"code": {"type": "string"},
                                            "message": {"type": "string",
                                                        "description": "in Chinese, naming the field"}}}},
}


# --- docs/api.md -------------------------------------------------------------------------------

def api_md_rows(path):
    """{(method, normalised path): (roles, what)} from the tables of docs/api.md. A table of
    three columns gives the roles; the two-column table under "Public endpoints" is public
    (unless its text starts with the role, as "admin: ...")."""
    rows = {}
    section = ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                section = line.strip("# \n")
                continue
            if not line.startswith("| `"):
                continue
            cells = [c.strip().replace("\x00", "|")
                     for c in line.replace("\\|", "\x00").strip().strip("|").split("|")]
            routes = re.findall(r"`([A-Z]+) (/[^` ]*)[^`]*`", cells[0])
            if len(cells) >= 3:
                roles, what = cells[1], " | ".join(cells[2:])
            elif len(cells) == 2:
                what = cells[1]
                lead = re.match(r"^(admin|auditor|operator|officer)\b", what)
                roles = lead.group(1) if lead else ("public" if section == "Public endpoints" else "")
            else:
                continue
            for method, path_ in routes:
                rows.setdefault((method, norm(path_)), (roles, what))
    return rows


def norm(path):
    return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0].split("[", 1)[0])


# --- commands ----------------------------------------------------------------------------------

def generate(args):
    routes = routes_of(args.binary)
    recs = recordings(args.recording, routes)
    docs = api_md_rows(args.api_md)
    paths = {}
    for method, pattern in sorted(routes, key=lambda r: (r[1], r[0])):
        roles, what = docs.get((method, norm(pattern)), ("", ""))
        op = {"summary": f"{method} {pattern}", "description": what or f"{method} {pattern}"}
        if roles:
            op["x-roles"] = roles
        op["security"] = [] if roles.startswith("public") or pattern in ("/healthz", "/readyz") \
            else [{"bearer": []}, {"apiKey": []}]
        if (method, pattern) in BODY_FROM_ANYONE:
            # The server reads these bodies without a credential (log-in, what the public files).
            op["x-body-without-credential"] = True
        params = re.findall(r"\{([^}]*)\}", pattern)
        if params:
            op["parameters"] = [{"name": p, "in": "path", "required": True,
                                 "schema": {"type": "string"}} for p in params]
        responses = {}
        ok = [(s, b) for m, p, s, b in recs if m == method and p == pattern and 200 <= s < 300]
        for status in sorted({s for s, _ in ok}):
            bodies = [b for s, b in ok if s == status and not isinstance(b, NotJson)]
            if not bodies:
                responses[str(status)] = not_json_response(
                    status, [b for s, b in ok if s == status])
                continue
            small = [b for b in bodies if len(json.dumps(b, ensure_ascii=False)) <= 8192]
            example = max(small, key=lambda b: len(json.dumps(b, ensure_ascii=False))) if small \
                else min(bodies, key=lambda b: len(json.dumps(b, ensure_ascii=False)))
            responses[str(status)] = {
                "description": "recorded from the real binary",
                "content": {"application/json": {"schema": infer(bodies),
                                                 "example": redact(example)}}}
            # The same route may answer a file too (e.g. ?format=csv).
            others = not_json_response(status, [b for s, b in ok if s == status and
                                                isinstance(b, NotJson)])
            for t, c in others.get("content", {}).items():
                responses[str(status)]["content"].setdefault(t, c)
        if not ok:
            responses["200"] = {"description": "no answer of this route is recorded yet"}
        responses["default"] = {"description": "an error, in Chinese",
                                "content": {"application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}}}}
        op["responses"] = responses
        paths.setdefault(pattern, {})[method.lower()] = op
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Xinyong public credit information platform API", "version": "1",
                 "description": "Generated by scripts/openapi.py from the binary's route table, "
                                "docs/api.md and answers recorded from the real binary by the "
                                "black-box tests; the API contract test checks every recorded "
                                "answer against it. Secrets in examples are redacted."},
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
            "schemas": {"Error": ERROR_SCHEMA}},
        "paths": paths,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(spec, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")
    documented = sum(1 for ops in paths.values() for op in ops.values()
                     if any(k.startswith("2") and v["description"].startswith("recorded")
                            for k, v in op["responses"].items()))
    print(f"{args.out}: {len(routes)} routes, {documented} with recorded answers, "
          f"{len(recs)} answers read")
    return 0


def check(args):
    routes = routes_of(args.binary)
    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    problems = []
    served = {(m, p) for m, p in routes}
    documented = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    for m, p in sorted(served - documented):
        problems.append(f"{m} {p}: served but not in {args.spec} (run scripts/openapi.py generate)")
    for m, p in sorted(documented - served):
        problems.append(f"{m} {p}: in {args.spec} but not served")
    error = spec["components"]["schemas"]["Error"]
    recs = recordings(args.recording, routes)
    if not recs:
        problems.append(f"{args.recording}: no recorded answers (run the black-box tests first)")
    seen = set()
    for method, pattern, status, body in recs:
        op = spec["paths"].get(pattern, {}).get(method.lower())
        if op is None:
            continue
        where = f"{method} {pattern} {status}"
        if isinstance(body, NotJson):
            response = op["responses"].get(str(status))
            if status < 400 and response is None:
                problems.append(f"{where}: status not in the contract")
            elif status < 400 and body.content_type and "content" in response and \
                    body.content_type not in response["content"]:
                problems.append(f"{where}: {body.content_type} not in the contract")
            continue
        if status >= 400:
            validate(body, error, where, problems)
            continue
        response = op["responses"].get(str(status))
        content = (response or {}).get("content", {}).get("application/json")
        if not content:
            key = (method, pattern, status)
            if key not in seen:
                problems.append(f"{where}: status not in the contract")
                seen.add(key)
            continue
        before = len(problems)
        validate(body, content["schema"], where, problems)
        if len(problems) > before:
            del problems[before + 3:]  # the first few say enough
    # Every route has a recorded success (generate documents only what was recorded).
    succeeded = {(m, p) for m, p, s, _ in recs if 200 <= s < 300}
    for m, p in sorted(served - succeeded):
        problems.append(f"{m} {p}: no recorded success (a black-box test should call it)")
    # Each example validates against its own schema.
    for p, ops in spec["paths"].items():
        for m, op in ops.items():
            for status, r in op["responses"].items():
                c = r.get("content", {}).get("application/json", {})
                if "example" in c:
                    validate(c["example"], c["schema"], f"{m.upper()} {p} {status} example",
                             problems)
    unique = list(dict.fromkeys(problems))
    for line in unique[:200]:
        print(line)
    print(f"api contract: {len(routes)} routes, {len(recs)} recorded answers checked, "
          f"{len(unique)} problems")
    return 1 if unique else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--binary", required=True)
    g.add_argument("--recording", required=True)
    g.add_argument("--api-md", default="docs/api.md")
    g.add_argument("--out", default="docs/openapi.json")
    c = sub.add_parser("check")
    c.add_argument("--binary", required=True)
    c.add_argument("--recording", required=True)
    c.add_argument("--spec", default="docs/openapi.json")
    args = ap.parse_args()
    return generate(args) if args.command == "generate" else check(args)


if __name__ == "__main__":
    sys.exit(main())
