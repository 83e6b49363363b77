"""A hostile-request corpus over every route of Patchserve's OpenAPI document, generated with Hypothesis.

usage: hostile_corpus.py BASE_URL COLLECTION ITEM WRITE_KEY EXAMPLES

For every operation the document names (read from the service's own /q/openapi), Hypothesis draws path values,
query values, headers and bodies: boundary and garbage values for every parameter (empty, huge, NUL, control and
non-ASCII characters, numbers at and past their ranges, broken JSON and GeoJSON, unknown parameters), half the
time around real ids so that requests reach deep. Every answer must be below 500, a 4xx must carry the JSON error
body (code, description, requestId) whose description names no internals, and the service must be ready at the
end. Prints "corpus: ok, N requests" or raises with the first failing request.
"""
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

from hypothesis import HealthCheck, given, settings, strategies as st

BASE, COLLECTION, ITEM, KEY, EXAMPLES = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
DERANDOMIZE = len(sys.argv) <= 6 or sys.argv[6] != "random"
INTERNALS = re.compile(r"Exception|\tat |\borg\.[a-z]|\bjava\.[a-z]|PSQL|ERROR:|HINT:|\bjts\b|Jackson|StreamReadConstraints|"
                       r"io\.patchserve|SQLState|stack ?trace")
sent = {"n": 0}

# --- values -------------------------------------------------------------------------------------------------------
NASTY = ["", " ", "%", "%00", "\x00", "..", "../..", "'", "\"", "\\", "null", "NaN", "Infinity", "-0", "1e309",
         "-1", "0", "2147483648", "9223372036854775808", "1,2", ",,,", "a" * 5000, "\u202e", "\ud83d\ude00", "é" * 300,
         "<script>", "${jndi:x}", "{", "[]", "{}", "true", "2021-13-40T25:61:61Z", "..", "/", "//", "*"]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
number = st.one_of(st.integers(min_value=-2**63, max_value=2**63), st.floats(allow_nan=True, allow_infinity=True))
numbers_csv = st.lists(number, min_size=0, max_size=7).map(lambda xs: ",".join(str(x) for x in xs))
geojson = st.one_of(
    st.just('{"type":"Point","coordinates":[10,50]}'),
    st.just('{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}'),  # self-intersecting
    st.just('{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}'),
    st.just('{"type":"LineString","coordinates":[[1e308,1e308],[-1e308,-1e308]]}'),
    st.just('{"type":"GeometryCollection","geometries":[' + ",".join(['{"type":"Point","coordinates":[0,0]}'] * 50) + ']}'),
    text)
datetime = st.one_of(st.sampled_from(["2021-01-01T00:00:00Z", "../2021-01-01T00:00:00Z", "2021-01-01T00:00:00Z/..", "/", "..",
                                      "2021-01-01", "2021-01-01T00:00:00+25:00", "9999-12-31T23:59:59Z/0000-01-01T00:00:00Z"]), text)
cql2 = st.one_of(st.sampled_from([
    "split = 'train'", "id = 'x' AND", "NOT", "((((", "S_INTERSECTS(geometry, POINT(1 2))", "S_INTERSECTS(geometry, POLYGON((0 0,1 1)))",
    "T_INTERSECTS(datetime, INTERVAL('2021-01-01T00:00:00Z','..'))", "A_CONTAINS(labels, ('a'))", "x LIKE '\\\\'",
    "id IN (" + ",".join(["'a'"] * 2000) + ")", "CASEI(id) = 'a'", "eo:cloud_cover < 'ten'", "1 = 1", "TRUE", "id = 'a' OR " * 50 + "TRUE",
    "S_INTERSECTS(geometry, BBOX(-180,-90,180,90))", "s_within(geometry, POINT(NaN NaN))"]), text)
cql2_json = st.recursive(st.one_of(st.none(), st.booleans(), number, text),
                         lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(
                             st.sampled_from(["op", "args", "property", "interval", "timestamp", "date", "type", "coordinates"]),
                             inner, max_size=4)), max_leaves=12)
BY_NAME = {
    "bbox": numbers_csv, "intersects": geojson, "datetime": datetime, "ids": st.lists(text, max_size=5).map(",".join),
    "collections": st.lists(st.one_of(st.just(COLLECTION), text), max_size=3).map(",".join),
    "limit": st.one_of(number.map(str), text), "sortby": st.one_of(st.sampled_from(["-datetime", "+id,-x", "properties.", "+"]), text),
    "fields": st.one_of(st.sampled_from([".", "-", "+properties.split", "a..b", "properties.split,-links"]), text),
    "filter": cql2, "filter-lang": st.one_of(st.sampled_from(["cql2-text", "cql2-json", "cql-text"]), text),
    "filter-crs": st.one_of(st.sampled_from(["http://www.opengis.net/def/crs/OGC/1.3/CRS84", "EPSG:4326"]), text),
    "token": st.one_of(st.sampled_from(["eyJ2IjpbMSwyLDNdfQ", "%%%", "e30"]), text),
    "bands": st.one_of(st.sampled_from(["red,green,blue", "red", "red,,blue", "B04,B03"]), text),
    "rescale": st.one_of(numbers_csv, text), "window": st.one_of(numbers_csv, text), "bbox-crs": st.one_of(st.sampled_from(["EPSG:3857", "EPSG:0", "CRS:84"]), text),
    "width": st.one_of(number.map(str), text), "height": st.one_of(number.map(str), text),
    "assets": st.one_of(st.sampled_from(["image", "data", ",", "image,nope"]), text),
}
HEADERS = {
    "Range": st.one_of(st.sampled_from(["bytes=0-", "bytes=-1", "bytes=5-1", "bytes=0-0,2-3", "bytes=99999999999999999999-",
                                        "bytes=-0", "items=0-1", "bytes=18446744073709551616-"]), text),
    "If-None-Match": st.one_of(st.sampled_from(["*", "W/\"x\"", "\"", ","]), text),
    "If-Range": st.one_of(st.sampled_from(["\"x\"", "Wed, 21 Oct 2015 07:28:00 GMT"]), text),
}
body_json = st.recursive(st.one_of(st.none(), st.booleans(), number, text),
                         lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=20)


def search_body():
    fields = {"bbox": st.one_of(st.lists(number, max_size=7), text), "intersects": geojson.map(lambda g: _loads(g)),
              "datetime": datetime, "ids": st.one_of(st.lists(text, max_size=4), text), "collections": st.lists(text, max_size=3),
              "limit": st.one_of(number, text), "filter": st.one_of(cql2_json, cql2), "filter-lang": BY_NAME["filter-lang"],
              "sortby": body_json, "fields": body_json, "token": text, "assets": st.one_of(st.lists(text, max_size=3), text),
              "nope": body_json}
    return st.fixed_dictionaries({}, optional=fields)


def _loads(value):
    try:
        return json.loads(value)
    except Exception:
        return value


def collection_body():
    return st.fixed_dictionaries({}, optional={"id": text, "type": text, "description": text, "license": text,
                                               "title": body_json, "keywords": body_json, "extent": body_json, "links": body_json})


def import_body():
    return st.fixed_dictionaries({}, optional={"format": st.one_of(st.sampled_from(["smcefr", "bigearthnet", "stac-items"]), text),
                                               "source": st.one_of(st.sampled_from(["../", "/etc", "a\x00b", "x" * 4000]), text),
                                               "title": body_json, "unknown": body_json})


# --- the document --------------------------------------------------------------------------------------------------
def fetch_json(url):
    with urllib.request.urlopen(url) as r:
        return json.load(r)


spec = fetch_json(BASE + "/q/openapi?format=json")


def resolve(p):
    if "$ref" in p:
        node = spec
        for part in p["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return node
    return p


operations = []
for path, item in spec["paths"].items():
    shared = [resolve(p) for p in item.get("parameters", [])]
    for method, op in item.items():
        if method in ("get", "head", "post", "put", "delete", "patch"):
            operations.append((method.upper(), path, shared + [resolve(p) for p in op.get("parameters", [])], "requestBody" in op))


# --- requests -------------------------------------------------------------------------------------------------------
def send(method, url, headers, body):
    data = None if body is None else body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read(2_000_000)
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read(2_000_000)


def check(method, url, status, ctype, payload):
    sent["n"] += 1
    where = f"{method} {url[:300]}"
    assert status < 500, f"{where} -> {status}: {payload[:300]!r}"
    if status >= 400 and method != "HEAD":
        assert ctype.startswith("application/json"), f"{where} -> {status} with {ctype!r}: {payload[:200]!r}"
        error = json.loads(payload)
        assert {"code", "description", "requestId"} <= error.keys(), f"{where} -> {error}"
        assert len(error["description"]) < 1000, f"{where} -> a {len(error['description'])}-character description"
        assert not INTERNALS.search(error["description"]), f"{where} -> internals: {error['description']}"


def quote(value):
    return urllib.parse.quote(value.encode("utf-8", "surrogatepass"), safe="")


@st.composite
def request_for(draw, operation):
    method, path, params, has_body = operation
    url = path
    for p in params:
        if p.get("in") == "path":
            real = {"collectionId": COLLECTION, "itemId": ITEM, "assetKey": "image"}.get(p["name"])
            value = real if real and method != "DELETE" and draw(st.booleans()) else draw(text)
            url = url.replace("{" + p["name"] + "}", quote(value) if value else "%20")
    query = []
    headers = {"X-API-Key": KEY} if draw(st.booleans()) else {}
    for p in params:
        name = p.get("name")
        if p.get("in") == "query" and draw(st.booleans()):
            query.append((name, draw(BY_NAME.get(name, text))))
        elif p.get("in") == "header" and draw(st.booleans()):
            value = draw(HEADERS.get(name, text))
            if all(32 <= ord(c) < 127 for c in value) and len(value) < 4000:
                headers[name] = value
    if draw(st.integers(0, 9)) == 0:
        query.append((draw(st.sampled_from(["split", "labels", "format", "quality", "asset", "x"])), draw(text)))
    full = BASE + url + ("?" + "&".join(quote(k) + "=" + quote(v) for k, v in query) if query else "")
    body = None
    if has_body:
        kind = draw(st.integers(0, 3))
        shaped = search_body() if "search" in path else import_body() if "imports" in path else collection_body()
        body = {0: draw(text), 1: json.dumps(draw(body_json)), 2: json.dumps(draw(shaped)), 3: json.dumps(draw(shaped))}[kind]
        headers["Content-Type"] = draw(st.sampled_from(["application/json"] * 5 + ["text/plain", "application/xml"]))
    return method, full, headers, body


per_operation = max(1, EXAMPLES // len(operations) + 1)
for operation in operations:
    @settings(max_examples=per_operation, deadline=None, database=None, derandomize=DERANDOMIZE,
              suppress_health_check=list(HealthCheck))
    @given(request_for(operation))
    def hostile(request):
        method, url, headers, body = request
        status, ctype, payload = send(method, url, headers, body)
        check(method, url, status, ctype, payload)

    hostile()

status, _, _ = send("GET", BASE + "/q/health/ready", {}, None)
assert status == 200, f"the service is not ready after the corpus: {status}"
assert sent["n"] >= EXAMPLES, f"only {sent['n']} requests were sent"
print(f"corpus: ok, {sent['n']} requests over {len(operations)} operations")
