#!/usr/bin/python3
"""What roadmap writes, every other reader reads as the same string.

Run by test-readers.sh: readers.py ROADMAP TMPDIR [EVERY].  Generates a few
thousand tricky strings (deterministically), writes each through every
free-text option of every writing command, then reads every written file
with PyYAML (YAML 1.1: the pure loader and the libyaml one), ruamel.yaml
(YAML 1.2, pure) and node-yaml (YAML 1.2 core schema), and with roadmap's
own reader (report --format json, check).  Every value must be a string
equal to the input in NFC.  Then the strings that can stand as plain
scalars go into one hand-written office as plain names: wherever a reader
reads one as another type, roadmap check must warn at it.  A string the tool refuses (empty, a control
character, a line break) must be refused with exit status 2.  EVERY > 1
keeps every EVERY-th string (the sanitizer build, where each process is
slower).  Prints its findings as comments; exits 1 if there is one.
"""
import concurrent.futures
import itertools
import json
import os
import random
import subprocess
import sys
import threading
import time
import unicodedata

import yaml
from ruamel.yaml import YAML

ROADMAP, TMP = sys.argv[1], sys.argv[2]
EVERY = int(sys.argv[3]) if len(sys.argv) > 3 else 1
CHUNK = 100  # strings per office, per ministries repository
DATE = "2020-01-01"

# ---- the strings -----------------------------------------------------------


def cases(word):
    """Every upper/lower spelling of word."""
    return {"".join(t) for t in itertools.product(*[(c.lower(), c.upper()) for c in word])}


def numbers(rng):
    out = set()
    for n in (1, 2, 3, 7, 19, 20, 21, 63, 64, 65, 70, 100, 150):
        out |= {"1" * n, "9" * n, "0" * n, "0" + "7" * n, "-" + "1" * n, "+" + "9" * n}
        out |= {"1" * n + ".5", "." + "1" * n, "1" * n + "e10", "1" * n + ":30"}
        out |= {"1_" * n + "1", "0b" + "10" * n, "0o" + "7" * n, "0x" + "f" * n}
    bodies = ["0", "1", "7", "12", "123", "0123", "09", "1_000", "1__0", "_1", "1_",
              "0b101", "0b1_0", "0b", "0b2", "0o17", "0o1_7", "0o8", "0x1F", "0x_1f",
              "0xg", "1.5", "1.", ".5", "1.2_3", "1._5", "1.2.3", "1e3", "1e+3",
              "1E-3", "1.0e+3", "1.0e3", ".5e3", "1_0e5", "1e", "1e+", "e5", ".",
              "..", "._", "_", "__", ".inf", ".Inf", ".INF", ".iNf", "inf", ".nan",
              ".NaN", ".NAN", ".nAn", "nan", "1:20", "1:20:30", "1:20:30.5",
              "190:20:30", "0:30", "1:60", "1:5_", "1:2:3:4:5", "12:30", "1:20.",
              "1,000", "1 000", "1'000", "0.0.0.0", "١٢٣", "১২৩", "１２３"]
    for b in bodies:
        for sign in ("", "-", "+"):
            out.add(sign + b)
    for _ in range(300):
        out.add("".join(rng.choice("0123456789_.:+-eExob") for _ in range(rng.randint(1, 12))))
    return out


def dates(rng):
    out = {"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
           "2001-12-14T21:59:43Z", "2001-12-14\t21:59:43.10", "2001-12-15 2:59:43.10",
           "2002-12-14", "2024-1-5", "2024-01-15 workshop", "24-01-15", "20240115",
           "2024-13-45", "0000-00-00", "9999-99-99", "2024-01-15 ", "2024/01/15",
           "২০২৪-০১-১৫", "2024-01-15T", "2024-01-15 12:30", "2024-01-15T12:30:00+05:30"}
    for _ in range(200):
        s = "%04d-%s-%s" % (rng.randint(0, 9999), rng.choice(["1", "01", "12", "123"]),
                            rng.choice(["5", "05", "31", "310"]))
        if rng.random() < 0.6:
            s += rng.choice(["T", "t", " ", "\t", "  ", " \t"])
            s += rng.choice(["1", "12", "123"]) + ":" + rng.choice(["00", "0", "59"])
            s += ":" + rng.choice(["00", "1", "59"]) + rng.choice(["", ".", ".5", ".123"])
            s += rng.choice(["", "Z", " Z", "-5", "+05:00", " -5", " ", "-05:0", "z"])
        out.add(s)
    return out


def words():
    out = set()
    for w in ("yes", "no", "on", "off", "y", "n", "true", "false", "null"):
        out |= cases(w)
    out |= {"~", "<<", "=", "<", "==", "<<<", "~~", "!", "&", "*", "|", ">", "?", "-",
            "--", "---", "...", "-- -", "%", "@", "`", "#", ",", "[", "]", "{", "}",
            "'", '"', "\\", "''", '""', "\\\\", ":", "::", "- ", "? ", ": ", " ", "  "}
    for w in ("yes", "No", "true", "null", "~", "=", "<<", "1", "0x1F", ".inf"):
        out |= {w + " ", " " + w, w + "\t", w + "!", "x" + w, w + "x", "'" + w + "'",
                '"' + w + '"', w + " # c", w + ": x", "[" + w + "]"}
    return out


PIECES = ["a", "Z", "0", "9", " ", "  ", ": ", ":", " #", "#", "'", '"', "\\", "\\n",
          "\\t", "\t", "-", "- ", "?", "? ", ",", "[", "]", "{", "}", "%", "@", "`",
          "!", "&", "*", "|", ">", "<<", "=", "~", ".", "_", "+", "e", "yes", "null",
          "ঠিকাদার", "তালিকাভুক্তি", "১২৩", "স্মারক", "য়", "য\u09bc", "e\u0301",
          "\u00a0", "\u2028", "\u2029", "\ufeff", "\u200b", "\u3000", "\ue000",
          "\U0001f600", "\U0010fffd", "\ufffd", "\ufffe", "\uffff", "é", "ß", "Ω",
          "\u0085", "\x1b", "\x07", "\x7f", "\x9b", "\n", "\r", "\r\n", "\x01"]


def structured():
    out = {"Contractor enlistment", "Design lab: 2 days # not a comment", "it's",
           "a, b", "[x]", "{x}", "*alias", "&anchor", "!tag", "%pct", "@at", "`bt",
           "x: y", "a #b", "a#b", "ঠিকাদার: তালিকা", "'single'", '"double"',
           "back\\slash", "trail ", " lead", "- dash", "-dash", "#hash", "1st floor",
           "Ward 1st floor", "3 days", "10:30 am", "v1.2.3", "e-Service Roadmap 2021",
           "৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮", "46.00.0000.039.018.002.2015-188",
           "a\u2028b", "a\u2029b", "\u2028", "\u2029", "\ufeffbom", "mid\ufeffbom",
           "a\u0085b", "tab\there", "\ttab", "tab\t", "a\nb", "a\r\nb", "a\rb",
           "\x1b[31mred", "bell\x07", "del\x7f", "csi\x9b2J", "", "\x01ctrl",
           "x" * 1000, "ক" * 500, "1" * 1000, "-" + "1" * 500, "a" + " " * 50 + "b"}
    return out


def randoms(rng, n):
    out = set()
    while len(out) < n:
        out.add("".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))))
    return out


def all_strings():
    rng = random.Random(20261128)
    got = numbers(rng) | dates(rng) | words() | structured()
    got |= randoms(rng, 2600 - len(got))
    return sorted(got)[::EVERY]


def refused(s):
    """The tool refuses empty text, control characters and line breaks."""
    return s == "" or any((ord(c) < 0x20 and c != "\t") or 0x7f <= ord(c) < 0xa0 for c in s)


# ---- writing -----------------------------------------------------------------

failures = []
checks = 0
lock = threading.Lock()  # the writing lanes run in threads


def fail(what, detail):
    with lock:
        if len(failures) < 40:
            print(f"# FAIL {what}\n#   {detail!r}")
        failures.append(what)


def roadmap(*args):
    return subprocess.run([ROADMAP, *args], capture_output=True)


def write(what, s, args):
    """Run a writing command; True if it wrote (as it must for s)."""
    global checks
    p = roadmap(*args)
    with lock:
        checks += 1
    want = 2 if refused(s) else 0
    if p.returncode != want:
        fail(f"{what} exits {want}", (s, p.returncode, p.stderr.decode(errors="replace")[:300]))
    return p.returncode == 0


def lane_init(chunk, base, expect):
    for i, s in chunk:
        d = f"{base}/init/{i}"
        if write("init --title/--title-bn", s, ["init", d, "--title", s, "--title-bn", s]):
            expect.append((f"{d}/roadmap.yaml", ("title",), s))
            expect.append((f"{d}/roadmap.yaml", ("title_bn",), s))


def lane_ministries(c, chunk, base, expect):
    d = f"{base}/min/{c}"
    roadmap("init", d, "--title", "Ministries")
    n = 0
    for i, s in chunk:
        if write("add-ministry --name/--name-bn", s,
                 ["-C", d, "add-ministry", f"m{i}", "--name", s, "--name-bn", s]):
            expect.append((f"{d}/roadmap.yaml", ("ministries", n, "name"), s))
            expect.append((f"{d}/roadmap.yaml", ("ministries", n, "name_bn"), s))
            n += 1


def lane_offices(c, chunk, base, expect):
    d = f"{base}/off"
    for i, s in chunk:
        f = f"{d}/offices/c{c}/o{i}.yaml"
        if write("add-office --name/--name-bn/--head", s,
                 ["-C", d, "add-office", f"o{i}", "--ministry", f"c{c}", "--name", s,
                  "--name-bn", s, "--head", s]):
            for k in ("name", "name_bn", "head"):
                expect.append((f, ("office", k), s))
        if write("approve --by/--memo", s,
                 ["-C", d, "approve", f"o{i}", "--by", s, "--memo", s, "--date", DATE]):
            expect.append((f, ("approval", "by"), s))
            expect.append((f, ("approval", "memo"), s))


def lane_services(c, chunk, base, expect):
    """Services and notes; every other office in flow style, so that the
    strings go into flow mappings too."""
    d = f"{base}/svc"
    f = f"{d}/offices/c{c}/sv{c}.yaml"
    n = c % 2
    if n:
        os.makedirs(os.path.dirname(f), exist_ok=True)
        with open(f, "w", encoding="utf-8") as fp:
            fp.write(f"roadmap: 1\noffice: {{id: sv{c}, name: S, ministry: c{c}}}\n"
                     "services: [{id: first, name: First}]\n")
    else:
        roadmap("-C", d, "add-office", f"sv{c}", "--ministry", f"c{c}", "--name", "S")
    for i, s in chunk:
        if not write("add-service --name/--name-bn", s,
                     ["-C", d, "add-service", f"sv{c}", "--id", f"s{i}", "--name", s,
                      "--name-bn", s, "--force"]):
            continue
        expect.append((f, ("services", n, "name"), s))
        expect.append((f, ("services", n, "name_bn"), s))
        if write("plan --note", s, ["-C", d, "plan", f"sv{c}", f"s{i}", "--priority", "1",
                                     "--status", "planned", "--date", DATE, "--note", s]):
            expect.append((f, ("services", n, "plan", "history", 0, "note"), s))
        n += 1


def write_all(strings, base):
    pairs = list(enumerate(strings))
    chunks = [pairs[k:k + CHUNK] for k in range(0, len(pairs), CHUNK)]
    for repo in ("off", "svc"):
        roadmap("init", f"{base}/{repo}", "--title", "T")
        for c in range(len(chunks)):
            roadmap("-C", f"{base}/{repo}", "add-ministry", f"c{c}", "--name", f"C{c}")
    expect = []
    jobs = []
    for c, chunk in enumerate(chunks):
        jobs += [(lane_init, (chunk, base)), (lane_ministries, (c, chunk, base)),
                 (lane_offices, (c, chunk, base)), (lane_services, (c, chunk, base))]
    lists = [[] for _ in jobs]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4 * (os.cpu_count() or 2)) as pool:
        for fut in [pool.submit(fn, *args, lists[k]) for k, (fn, args) in enumerate(jobs)]:
            fut.result()
    for part in lists:
        expect += part
    return expect


# ---- reading -----------------------------------------------------------------

NODE = r"""
const fs = require('fs'), YAML = require('yaml');
const out = {};
for (const f of JSON.parse(fs.readFileSync(0, 'utf8'))) {
  try { out[f] = YAML.parse(fs.readFileSync(f, 'utf8')); }
  catch (e) { out[f] = {error: String(e)}; }
}
process.stdout.write(JSON.stringify(out));
"""


def read_node(files):
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    p = subprocess.run(["node", "-e", NODE], input=json.dumps(files).encode(),
                       capture_output=True, env=env)
    if p.returncode != 0:
        fail("node-yaml reads every file", p.stderr.decode(errors="replace")[:500])
        return {}
    return json.loads(p.stdout)


def read_python(files, load):
    docs = {}
    for f in files:
        try:
            with open(f, encoding="utf-8") as fp:
                docs[f] = load(fp)
        except Exception as e:  # a reader's error is a finding, not a crash
            docs[f] = {"error": f"{type(e).__name__}: {e}"}
    return docs


def dig(doc, path):
    for k in path:
        try:
            doc = doc[k]
        except (KeyError, IndexError, TypeError):
            return KeyError(path)
    return doc


def compare(reader, docs, expect):
    global checks
    for f, path, s in expect:
        got, want = dig(docs.get(f), path), unicodedata.normalize("NFC", s)
        checks += 1
        if not isinstance(got, str) or got != want:
            where = ".".join("[]" if isinstance(k, int) else k for k in path)
            fail(f"{reader} reads {where} as written",
                 (s, got, open(f, encoding="utf-8", errors="replace").read()[-300:]))


def roadmap_reads(base, expect):
    """roadmap's own reader: report json, and check with no warning."""
    global checks
    by_office = {}
    for f, path, s in expect:
        if f.startswith(f"{base}/svc/") and len(path) == 3:
            by_office.setdefault(f, []).append((path, s))
    p = roadmap("-C", f"{base}/svc", "report", "services", "--format", "json")
    rows = json.loads(p.stdout) if p.returncode == 0 else []
    if p.returncode != 0:
        fail("roadmap report reads the services", p.stderr.decode(errors="replace")[:300])
    got = {}
    for r in rows:
        got.setdefault(r["office"], []).append(r)
    for f, items in by_office.items():
        office = os.path.basename(f)[:-5]
        for path, s in items:
            checks += 1
            row = got.get(office, [])[path[1]] if path[1] < len(got.get(office, [])) else {}
            if row.get(path[2]) != unicodedata.normalize("NFC", s):
                fail(f"roadmap reads services {path[2]} as written", (s, row.get(path[2])))
    for repo in ["svc", "off"] + [f"min/{c}" for c in os.listdir(f"{base}/min")]:
        p = roadmap("-C", f"{base}/{repo}", "check")
        checks += 1
        err = p.stderr.decode(errors="replace")
        other = [ln for ln in err.split("\n")
                 if ": warning: " in ln and "fits no official format" not in ln]
        if p.returncode != 0 or " 0 errors, " not in err or other:
            fail(f"roadmap check passes {repo} without a warning but memo formats",
                 (other or err.split("\n"))[-5:])


PLAIN_OK = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:+-~<= ")


def plain_candidates(strings):
    """The strings that can stand as a plain block scalar as they are."""
    out = []
    for s in strings:
        if (s and set(s) <= PLAIN_OK and s == s.strip() and ": " not in s
                and not s.endswith(":") and not s.startswith("- ") and s != "-"
                and s not in ("~", "null", "Null", "NULL")):
            out.append(s)
    return out


NODE_TYPES = r"""
const YAML = require('yaml');
const out = JSON.parse(require('fs').readFileSync(0, 'utf8')).map(t => {
  try { return typeof YAML.parse(t).name === 'string'; } catch (e) { return false; }
});
process.stdout.write(JSON.stringify(out));
"""


def node_types(plain):
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    p = subprocess.run(["node", "-e", NODE_TYPES], capture_output=True, env=env,
                       input=json.dumps([f"name: {s}\n" for s in plain]).encode())
    return json.loads(p.stdout) if p.returncode == 0 else [False] * len(plain)


def is_text(load, s):
    """Whether a reader reads the plain scalar s as text (an error: no)."""
    try:
        return isinstance(load(f"name: {s}\n")["name"], str)
    except Exception:
        return False


def check_warns(strings, base):
    """Hand-written plain names: wherever a reader reads one as another
    type than text, roadmap check warns at it, and the file stays valid."""
    global checks
    plain = plain_candidates(strings)
    ruamel = YAML(typ="safe", pure=True)
    node = node_types(plain)
    typed = {s for k, s in enumerate(plain)
             if not (node[k] and is_text(yaml.safe_load, s) and is_text(ruamel.load, s))}
    d = f"{base}/plain"
    roadmap("init", d, "--title", "T")
    roadmap("-C", d, "add-ministry", "m", "--name", "M")
    f = f"{d}/offices/m/p.yaml"
    lines = ["roadmap: 1", "office: {id: p, name: P, ministry: m}", "services:"]
    at = {}
    for i, s in enumerate(plain):
        lines.append(f"  - id: w{i}")
        lines.append(f"    name: {s}")
        at[len(lines)] = s
    os.makedirs(os.path.dirname(f), exist_ok=True)
    with open(f, "w", encoding="utf-8") as fp:
        fp.write("\n".join(lines) + "\n")
    p = roadmap("-C", d, "check", "p")
    err = p.stderr.decode(errors="replace").split("\n")
    warned = {at[int(ln.split(":")[1])] for ln in err
              if ln.startswith("offices/m/p.yaml:") and "' is read as " in ln}
    checks += 1 + len(typed)
    if p.returncode != 0:
        fail("the plain names are valid for roadmap check", err[:5])
    for s in sorted(typed - warned):
        fail("check warns where another reader reads a plain name as another type", s)
    # y and n are booleans to the YAML 1.1 specification, not to PyYAML
    for s in sorted(warned - typed - {"y", "Y", "n", "N"}):
        fail("check warns only where a reader reads another type", s)
    return len(plain), len(typed), len(warned)


def main():
    strings = all_strings()
    base = os.path.join(TMP, "readers")
    t0 = time.time()
    expect = write_all(strings, base)
    print(f"# written in {time.time() - t0:.1f}s", flush=True)
    files = sorted({f for f, _, _ in expect})
    ruamel = YAML(typ="safe", pure=True)
    readers = [
        ("PyYAML (YAML 1.1)", lambda fs: read_python(fs, yaml.safe_load)),
        ("PyYAML with libyaml (YAML 1.1)",
         lambda fs: read_python(fs, lambda fp: yaml.load(fp, Loader=yaml.CSafeLoader))),
        ("ruamel.yaml (YAML 1.2)", lambda fs: read_python(fs, ruamel.load)),
        ("node-yaml (YAML 1.2 core)", read_node),
    ]
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [(name, pool.submit(fn, files)) for name, fn in readers]
        for name, fut in futures:
            compare(name, fut.result(), expect)
    print(f"# read in {time.time() - t0:.1f}s", flush=True)
    roadmap_reads(base, expect)
    nplain, ntyped, nwarned = check_warns(strings, base)
    options = 12
    refusals = sum(refused(s) for s in strings)
    if failures:
        print(f"# {len(failures)} of {checks} checks failed:")
        for what in sorted(set(failures)):
            print(f"#   {failures.count(what)} x {what}")
    print(f"# {len(strings)} strings x {options} options ({refusals} refused with exit 2, "
          f"{len(expect)} values written in {len(files)} files): "
          f"{'all three readers agree' if not failures else 'READERS DISAGREE'}")
    print(f"# {nplain} of them as hand-written plain names: {ntyped} are another "
          f"type to some reader, check warns at {nwarned}")
    print(f"# {checks} checks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
