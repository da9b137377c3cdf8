#!/usr/bin/env bash
# The editor schemas (schema/*.schema.json) checked with a real JSON Schema
# validator (python3-jsonschema): they are valid draft 2020-12 schemas, they
# accept the bundled data/ and a fixture with every key, and they reject
# every fixture of tests/fixtures/check/ that breaks a rule a schema can
# express.  YAML is loaded as a YAML 1.2 editor sees it (the core schema:
# no timestamps, so dates stay strings; 'yes' is a string, 01 the integer 1).
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! [ -x "$PY" ] || ! "$PY" -c 'import jsonschema, yaml' 2>/dev/null; then
	skip_all "needs /usr/bin/python3 with python3-jsonschema and python3-yaml"
fi

good="$ROADMAP_SRC/tests/fixtures/schema/repo"
run -C "$good" check
expect_rc 0 "the schema fixture is valid for roadmap check"
expect_contains "$ERR" "0 errors, 1 warning" "...with one warning"
expect_contains "$ERR" "lged.yaml:46:11: warning: 'name' is read as a number by other YAML readers" \
	"...that the plain name 2024 is a number to other readers"

# A freshly initialised repository, with an office and a service: the
# schemas init writes into it are the source tree's, byte for byte, and
# validate it (below, with the copies in the repository).
fresh="$TMP/fresh"
run init "$fresh" --title "e-Service Roadmap" --title-bn "ই-সার্ভিস রোডম্যাপ"
expect_rc 0 "init a repository"
for f in office roadmap; do
	expect_same_file "$fresh/schema/$f.schema.json" "$ROADMAP_SRC/schema/$f.schema.json" \
		"the repository's schema/$f.schema.json is the source tree's"
done
run -C "$fresh" add-ministry lgd --name "Local Government Division"
run -C "$fresh" add-office lged --ministry lgd --name "Local Government Engineering Department"
run -C "$fresh" add-service lged --name "Contractor enlistment" --recipients business --days 30 --cost 2500 --visits 4
run -C "$fresh" plan lged contractor-enlistment --priority 1 --status planned --date 2021-01-10
expect_rc 0 "a service planned in it"
if command -v yamllint >/dev/null; then
	(cd "$fresh" && yamllint -s .) >"$TMP/yl" 2>&1 && pass "yamllint passes on the fresh repository" ||
		fail "yamllint passes on the fresh repository" "$(cat "$TMP/yl")"
else
	skip_part "yamllint on the fresh repository" "yamllint is not installed (Debian package yamllint)"
fi

"$PY" - "$ROADMAP_SRC" "$fresh" >"$TMP/schema.out" 2>&1 <<'PYEOF'
import json, os, re, sys, glob
import yaml, jsonschema

src = sys.argv[1]

# Exceptions: office fixtures that 'roadmap check' rejects but a JSON
# Schema cannot, with the reason.  Each must stay schema-valid, so that a
# stronger schema removes it from this list.
EXCEPTIONS = {
    "anchor": "YAML level: anchors are invisible after loading",
    "duplicate-key": "YAML level: the loader keeps the last of duplicate keys",
    "deep-nesting": "YAML level: the depth limit (the value is under an x- key)",
    "lone-cr": "YAML level: line ends (a lone CR is a line break to the loader)",
    "utf16": "YAML level: the encoding (the loader decodes UTF-16 by its BOM)",
    "leading-zero": "YAML level: 03 is the integer 3 in YAML 1.2",
    "duplicate-service": "uniqueness of an id across list items",
    "history-order": "an order between values (history dates never decrease)",
    "submitted-early": "a relation between values (submitted >= date)",
    "id-mismatch": "across files: office.id equals the file name",
    "unknown-ministry": "across files: the ministry is in roadmap.yaml",
}

def core_loader():
    """A safe loader with the YAML 1.2 core schema's implicit types."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.yaml_implicit_resolvers = {}
    def add(tag, regexp, first):
        Loader.add_implicit_resolver(tag, re.compile(regexp, re.X), list(first))
    add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
    add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
    add("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
        "-+0123456789")
    add("tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789.")
    def construct_int(loader, node):
        v = loader.construct_scalar(node)
        if v.startswith("0o"):
            return int(v[2:], 8)
        if v.startswith("0x"):
            return int(v[2:], 16)
        return int(v, 10)
    def construct_bool(loader, node):
        return loader.construct_scalar(node).lower() == "true"
    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)
    return Loader

LOADER = core_loader()
V = jsonschema.Draft202012Validator
FORMATS = V.FORMAT_CHECKER

def report(ok, what, detail=""):
    print(("PASS " if ok else "FAIL ") + what + ("\t" + detail if detail else ""))

schemas = {}
for name in ("office", "roadmap"):
    path = os.path.join(src, "schema", name + ".schema.json")
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        V.check_schema(schema)
        report(True, f"{name}.schema.json is a valid draft 2020-12 schema")
    except jsonschema.SchemaError as e:
        report(False, f"{name}.schema.json is a valid draft 2020-12 schema", e.message)
    schemas[name] = V(schema, format_checker=FORMATS)

def errors(kind, path):
    """None if the file is valid for the schema, else the first problem."""
    try:
        with open(path, "rb") as f:
            doc = yaml.load(f, Loader=LOADER)
    except (yaml.YAMLError, ValueError, RecursionError) as e:
        return "YAML: " + str(e).splitlines()[0]
    errs = sorted(schemas[kind].iter_errors(doc), key=lambda e: list(e.path))
    if not errs:
        return None
    e = errs[0]
    return "/".join(str(p) for p in e.path) + ": " + e.message

def validate_repo(root, label):
    n = 0
    err = errors("roadmap", os.path.join(root, "roadmap.yaml"))
    report(err is None, f"{label}/roadmap.yaml is valid for the schema", err or "")
    for path in sorted(glob.glob(os.path.join(root, "offices", "**", "*.yaml"), recursive=True)):
        err = errors("office", path)
        report(err is None, f"{label}/{os.path.relpath(path, root)} is valid for the schema", err or "")
        n += 1
    return n

validate_repo(os.path.join(src, "tests", "fixtures", "schema", "repo"), "fixtures/schema/repo")

# the fresh repository, with the schemas it holds
fresh = sys.argv[2]
saved = dict(schemas)
for name in ("office", "roadmap"):
    with open(os.path.join(fresh, "schema", name + ".schema.json"), encoding="utf-8") as f:
        schemas[name] = V(json.load(f), format_checker=FORMATS)
n = validate_repo(fresh, "fresh")
report(n == 1, "the fresh repository has its office validated", f"{n} offices")
with open(os.path.join(fresh, ".vscode", "settings.json"), encoding="utf-8") as f:
    assoc = json.load(f)["yaml.schemas"]
for name, glob_ in (("roadmap", "/roadmap.yaml"), ("office", "/offices/**/*.yaml")):
    key = f"./schema/{name}.schema.json"
    report(assoc.get(key) == [glob_] and os.path.exists(os.path.join(fresh, key)),
           f"the editor settings map {key} to {glob_}", repr(assoc))
schemas.update(saved)
data = os.path.join(src, "data")
if os.path.exists(os.path.join(data, "roadmap.yaml")):
    n = validate_repo(data, "data")
    report(n > 0, "data/ has offices to validate", f"{n} offices")
else:
    print("NOTE data/ is not in this tree yet: only the fixtures are validated")

fixtures = sorted(glob.glob(os.path.join(src, "tests", "fixtures", "check", "*.yaml")))
report(len(fixtures) > 0, "there are check fixtures")
for path in fixtures:
    name = os.path.basename(path)[:-5]
    if os.path.exists(path[:-5] + ".warn"):
        continue  # a valid file with a warning: not a rule a schema must break
    err = errors("office", path)
    if name in EXCEPTIONS:
        report(err is None, f"check/{name}: schema-valid, as listed ({EXCEPTIONS[name]})",
               err or "")
    else:
        report(err is not None, f"check/{name}: invalid for the schema too", err or "accepted")
        print(f"NOTE check/{name}: {err}")
for name in EXCEPTIONS:
    report(os.path.exists(os.path.join(src, "tests", "fixtures", "check", name + ".yaml")),
           f"the exception '{name}' names a fixture")
PYEOF
rc=$?
while IFS= read -r line; do
	case $line in
	"PASS "*) pass "${line#PASS }" ;;
	"FAIL "*) rest=${line#FAIL }; fail "${rest%%$'\t'*}" "${rest#*$'\t'}" ;;
	"NOTE "*) echo "# ${line#NOTE }" ;;
	*) echo "# $line" ;;
	esac
done <"$TMP/schema.out"
expect_eq "$rc" 0 "the validator ran"
finish
