"""report_check.py: checks of a report against the dataset and the other
commands, with readers of their own (no code shared with the program).

    python3 report_check.py figures REPORT.md INDICATORS DATASET YEAR
        Every indicator of `list` has a row in the summary table and a
        section; each row's latest figure, year, YoY, CAGR, projection,
        80% range and model equal what `growth --all --format json` and
        `project --all --to YEAR --format json` print (a rate's change in
        points: `growth ID`), written as the report writes them (the figure
        as given, percents to one decimal, projections to three
        significant digits).

    python3 report_check.py sources REPORT.md INDICATORS DATASET
        Every citation [n] points at entry n of the sources list; every
        source of a figure the dataset uses (`show ID --format json`, the
        readings marked used) is listed, an http(s) one as a link to itself.

    python3 report_check.py markdown RENDERED.html REPORT.md
        GitHub's cmark-gfm rendering of the Markdown: no raw HTML but the
        report's own anchors, every link to http(s) or to an anchor the page
        has, every picture a relative path that exists beside the report.

    python3 report_check.py html REPORT.html
        The HTML as a parser sees it: only the tags the writer writes, no
        script, no event handler, no style outside the one sheet, no URL
        that would be fetched, links to http(s) or to an anchor of the page,
        the Content-Security-Policy that forbids fetches.

Each prints what it checked and exits 1 on the first kind of failure,
after listing every instance. INDICATORS is the program.
"""

import html.parser
import json
import math
import os
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

NONE = "\u2014"


def run_json(program, dataset, *args):
    out = subprocess.run([program, "-d", dataset] + list(args) +
                         ["--format", "json"], capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8"))


def ids_of(program, dataset):
    rows = run_json(program, dataset, "list")
    rows = rows["rows"] if isinstance(rows, dict) else rows
    return [r["indicator"] for r in rows if not r.get("entity")]


# ---- the report's own number forms, written independently ----------------

def grouped(text):
    """'1234567.5' -> '1,234,567.5'."""
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + ("." + frac if frac else "")


def figure(v):
    """A figure as given: whole numbers plain, others to two decimals
    without trailing zeros (the automatic precision of human tables)."""
    if v == int(v) and abs(v) < 1e15:
        return grouped("%d" % int(v))
    text = ("%.2f" % v).rstrip("0").rstrip(".")
    return grouped(text)


def pct(v):
    if v is None:
        return NONE
    num = "%.1f" % v
    return ("+" if v > 0 and num != "0.0" else "") + num + "%"


def about(v):
    """Three significant digits."""
    if v == 0 or not math.isfinite(v):
        return grouped("%d" % 0)
    e = math.floor(math.log10(abs(v)))
    # the digits follow the rounded value: 0.9996 is 1.00, not 1.000
    if abs((Decimal(repr(v)) / Decimal(10) ** (e - 2)).quantize(
            Decimal(1), ROUND_HALF_UP)) >= 1000:
        e += 1
    if e >= 2:
        unit = Decimal(10) ** (e - 2)
        r = (Decimal(repr(v)) / unit).quantize(Decimal(1), ROUND_HALF_UP)
        return grouped("%d" % int(r * unit))
    d = min(6, max(0, 2 - e))
    return grouped("%.*f" % (d, v))


# ---- reading the Markdown ------------------------------------------------

def unescape_md(text):
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def cells(line):
    """The cells of a table row, '|' escaped as '\\|' kept inside."""
    parts = re.split(r"(?<!\\)\|", line.strip())
    return [p.strip() for p in parts[1:-1]]


def plain(cell):
    """A cell's text without citations and links."""
    cell = re.sub(r"\[\\\[\d+\\\]\]\(#source-\d+\)", "", cell)
    cell = re.sub(r"\[(.*?)\]\(#[^)]*\)", r"\1", cell)
    return unescape_md(cell).strip()


def summary_rows(md):
    """{anchor: [cells]} of the summary table."""
    part = md.split('<a id="summary"></a>', 1)[1].split(
        '<a id="indicators"></a>', 1)[0]
    rows = {}
    for line in part.splitlines():
        m = re.match(r"\| \[.*?\]\(#(ind-[^)]*)\) \|", line)
        if m:
            rows[m.group(1)] = cells(line)
    return rows


def anchor_of(ind):
    return "ind-" + ind.replace(".", "-")


# The model names `project` prints and the labels the report writes.
LABELS = {"linear": "linear trend", "exponential": "exponential trend",
          "polynomial": "quadratic trend", "drift": "random walk with drift",
          "holt": "Holt's linear trend", "damped": "damped trend",
          "logistic": "logistic trend", "naive": "random walk",
          "theta": "Theta method",
          "combo": "mean of drift, damped and Theta"}


def check_figures(md_path, program, dataset, year):
    md = open(md_path, encoding="utf-8").read()
    rows = summary_rows(md)
    growth = {r["indicator"]: r for r in run_json(program, dataset, "growth",
                                                   "--all")
              if not r["entity"]}
    projected = {r["indicator"]: r for r in
                 run_json(program, dataset, "project", "--all", "--to",
                          str(year))["rows"] if not r["entity"]}
    bad = []
    checked = 0
    for ind in ids_of(program, dataset):
        a = anchor_of(ind)
        if a not in rows:
            bad.append("%s: no row in the summary" % ind)
            continue
        if '<a id="%s"></a>' % a not in md:
            bad.append("%s: no section" % ind)
        g = growth[ind]
        r = rows[a]
        rate = g["kind"] == "rate"
        want_latest = figure(g["latest_value"]) + ("%" if rate else "")
        got = plain(r[1]).replace(" \u2020", "").replace(" \u2021", "")
        if got != want_latest:
            bad.append("%s: latest %r, growth says %r" % (ind, got, want_latest))
        if plain(r[2]) != str(g["last_year"]):
            bad.append("%s: year %r, growth says %d" % (ind, r[2],
                                                        g["last_year"]))
        if rate:
            # a rate's change is in points: growth of the one series
            last = run_json(program, dataset, "growth", ind)["rows"][-1]
            v = last["abs_change_per_year"]
            want_yoy = NONE if v is None else (
                ("+" if v > 0 and "%.2f" % v not in ("0.00", "-0.00") else "")
                + grouped("%.2f" % v) + " pp")
        else:
            want_yoy = pct(g["yoy_pct"])
        got_yoy = plain(r[3]).replace(" \u00a7", "")
        if got_yoy != want_yoy:
            bad.append("%s: YoY %r, growth says %r" % (ind, got_yoy, want_yoy))
        if g["annualised"] != ("\u00a7" in r[3]) and want_yoy != NONE:
            bad.append("%s: the annualised mark is %s" %
                       (ind, "missing" if g["annualised"] else "wrong"))
        if g["cagr_pct"] is None:
            want_cagr = NONE
        else:
            want_cagr = "%s (%d\u2013%d)" % (pct(g["cagr_pct"]),
                                             g["first_year"], g["last_year"])
        if plain(r[4]) != want_cagr:
            bad.append("%s: CAGR %r, growth says %r" % (ind, plain(r[4]),
                                                        want_cagr))
        p = projected.get(ind)
        if g["last_year"] >= year or p is None or p.get("mean") is None:
            want = [NONE, NONE, NONE]
        else:
            unit = "%" if rate else ""
            label = LABELS.get(p["model"], p["model"])
            if p.get("lo80") is not None and p.get("hi80") is not None:
                rng = "%s%s\u2013%s%s" % (about(p["lo80"]), unit,
                                          about(p["hi80"]), unit)
                want = [about(p["mean"]) + unit, rng, label]
            else:
                # no range, no bare figure: the reason instead
                want = ["%s (%d figures: no range)" % (NONE, p["points"]),
                        NONE, label]
        got = [plain(r[5]), plain(r[6]), plain(r[7])]
        if got != want:
            bad.append("%s: projection %r, project says %r" % (ind, got,
                                                               want))
        checked += 1
    for b in bad:
        print("FAIL " + b)
    print("figures: %d indicators checked against growth --all and project "
          "--all, %d differences" % (checked, len(bad)))
    return 1 if bad or checked == 0 else 0


def sources_list(md):
    part = md.split('<a id="sources"></a>', 1)[1]
    entries = {}
    for line in part.splitlines():
        m = re.match(r'(\d+)\. <a id="source-(\d+)"></a>(.*)$', line)
        if m:
            entries[int(m.group(2))] = m.group(3)
    return entries


def check_sources(md_path, program, dataset):
    md = open(md_path, encoding="utf-8").read()
    entries = sources_list(md)
    bad = []
    cites = [int(n) for n in re.findall(r"\(#source-(\d+)\)", md)]
    for n in set(cites):
        if n not in entries:
            bad.append("citation [%d] has no source" % n)
    if sorted(entries) != list(range(1, len(entries) + 1)):
        bad.append("sources are not numbered 1..%d" % len(entries))
    listed = {}
    for n, text in entries.items():
        m = re.match(r"\[(.*)\]\((.*)\)$", text)
        if m:
            listed[unescape_md(m.group(1))] = ("link", m.group(2))
        else:
            listed[unescape_md(text)] = ("text", None)
    used = 0
    for ind in ids_of(program, dataset):
        for r in run_json(program, dataset, "show", ind)["readings"]:
            if not r["used"] or not r["source"]:
                continue
            used += 1
            src = r["source"]
            if src not in listed:
                bad.append("%s %d: source %r is not listed" %
                           (ind, r["year"], src))
            elif re.match(r"https?://[^/?#@\s]+", src, re.I) and \
                    not re.search(r'[\s"<>\\`]', src) and \
                    listed[src][0] != "link":
                bad.append("%s %d: source %r is not a link" %
                           (ind, r["year"], src))
    for b in bad:
        print("FAIL " + b)
    print("sources: %d listed, %d citations, %d used readings' sources "
          "found, %d problems" % (len(entries), len(cites), used, len(bad)))
    return 1 if bad or not entries else 0


# ---- rendered Markdown ----------------------------------------------------

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.imgs, self.ids, self.tags = [], [], set(), set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "img":
            self.imgs.append(a.get("src", ""))
        if "id" in a:
            self.ids.add(a["id"])


def check_markdown(rendered, md_path):
    md = open(md_path, encoding="utf-8").read()
    text = open(rendered, encoding="utf-8").read()
    p = Links()
    p.feed(text)
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    raw = text.count("<!-- raw HTML omitted -->")
    bad = []
    # cmark-gfm omits raw HTML: the report's only raw HTML is its anchors,
    # each "<a id=...>" and "</a>" omitted apart.
    if raw != 2 * len(re.findall(r'<a id="[^"]+"></a>', md)):
        bad.append("%d raw HTML pieces omitted, %d anchors written" %
                   (raw, len(anchors)))
    for h in p.hrefs:
        if h.startswith("#"):
            if h[1:] not in anchors:
                bad.append("link to a missing anchor %s" % h)
        elif not re.match(r"https?://", h):
            bad.append("link that is not http(s): %s" % h)
    base = os.path.dirname(os.path.abspath(md_path))
    for src in p.imgs:
        if re.match(r"[a-z]+:", src) or src.startswith("/") or ".." in src:
            bad.append("picture not a relative path: %s" % src)
        elif not os.path.exists(os.path.join(base, src)):
            bad.append("picture missing: %s" % src)
    for t in ("script", "iframe", "svg", "object", "embed", "style"):
        if t in p.tags:
            bad.append("a <%s> element" % t)
    for b in bad:
        print("FAIL " + b)
    print("markdown: %d links, %d pictures, %d anchors, %d problems" %
          (len(p.hrefs), len(p.imgs), len(anchors), len(bad)))
    return 1 if bad else 0


# ---- HTML ------------------------------------------------------------------

ALLOWED = set("""html head meta title style body main h1 h2 h3 h4 p ul ol li
aside div table caption thead tbody tr th td figure figcaption dl dt dd a
strong em code nav svg g defs desc rect circle ellipse line polyline polygon
path text tspan use symbol clippath mask pattern marker lineargradient
radialgradient stop filter feflood fecomposite feoffset fegaussianblur
feblend femerge femergenode fecolormatrix""".split())


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad, self.ids, self.hrefs, self.styles, self.csp = [], set(), \
            [], 0, None

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.bad.append("element <%s>" % tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.bad.append("event handler %s on <%s>" % (name, tag))
            if name in ("src", "srcset", "background", "action", "formaction",
                        "poster", "data"):
                self.bad.append("%s=%r on <%s>" % (name, value, tag))
            if name in ("href", "xlink:href"):
                if value.startswith("#"):
                    self.hrefs.append(value[1:])
                elif tag != "a" or not re.match(r"https?://", value):
                    self.bad.append("%s=%r on <%s>" % (name, value, tag))
            if "url(" in value and not re.fullmatch(r"[^(]*(url\(#[\w.:-]+\)"
                                                    r"[^(]*)+", value):
                self.bad.append("url() outside the picture: %r" % value)
            if name == "id":
                self.ids.add(value)
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == \
                "content-security-policy":
            self.csp = a.get("content")
        if tag == "style":
            self.styles += 1


def check_html(path):
    text = open(path, encoding="utf-8").read()
    p = Page()
    p.feed(text)
    bad = list(p.bad)
    if p.csp is None or "default-src 'none'" not in p.csp:
        bad.append("no Content-Security-Policy forbidding fetches")
    if p.styles != 1:
        bad.append("%d style sheets" % p.styles)
    sheet = text.split("<style>", 1)[1].split("</style>", 1)[0]
    if "url(" in sheet or "@import" in sheet:
        bad.append("the style sheet fetches")
    for h in set(p.hrefs):
        if h not in p.ids:
            bad.append("link to a missing anchor #%s" % h)
    for b in bad:
        print("FAIL " + b)
    print("html: %d bytes, %d ids, %d internal links, %d problems" %
          (len(text.encode("utf-8")), len(p.ids), len(p.hrefs), len(bad)))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 5 and argv[0] == "figures":
        return check_figures(argv[1], argv[2], argv[3], int(argv[4]))
    if len(argv) == 4 and argv[0] == "sources":
        return check_sources(argv[1], argv[2], argv[3])
    if len(argv) == 3 and argv[0] == "markdown":
        return check_markdown(argv[1], argv[2])
    if len(argv) == 2 and argv[0] == "html":
        return check_html(argv[1])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
