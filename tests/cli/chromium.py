"""chromium.py: real-browser checks of what the program draws and writes,
with Debian's headless Chromium.

    python3 chromium.py text-fit [--margin PX] SVG...
        Lay every SVG out in Chromium (its own fonts: DejaVu Sans, Droid
        Sans Fallback) and measure each <text> element's box. Prints one
        line per text that runs past the picture's edges (or nearer than
        PX pixels to its left or right edge), the right end of the widest
        text of each picture, and "checked N texts in M pictures, K past
        an edge" at the end. Exit 1 when any text runs past.

    python3 chromium.py png-margin PNG PIXELS
        The rightmost PIXELS columns of a PNG are all background (white):
        no text drawn by cairo ran into the right margin. A small PNG
        reader (zlib and the five filters) is below; exit 1 when ink is
        found, naming the first inked pixel.

    python3 chromium.py page HTML SCREENSHOT.png [WIDTHxHEIGHT]
        Open a page (file://), take a screenshot, and collect what the
        page logs: console messages at warning or error level, failed
        loads, and any request other than the page itself (a
        self-contained page fetches nothing). Prints them and exits 1 when
        there is any. The page's text is printed after a line "--- text"
        (document.body.innerText), for checks of content.

    python3 chromium.py pdf HTML OUT.pdf
        Print a page to PDF (as `indicators report --pdf` does), to check
        the result starts with %PDF-.

Chromium runs as root with --no-sandbox, headless, without GPU, network
services, sync or first-run tasks, in a fresh --user-data-dir, and with
--enable-logging=stderr --v=0 so that the page's console reaches stderr
as lines `... CONSOLE(line)] "message", source: URL (line)` (Chromium's own
start-up noise on a machine without D-Bus is told apart and ignored).
Environment: CHROMIUM (the program; default chromium, then
chromium-browser).
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


def chromium_program():
    for name in [os.environ.get("CHROMIUM"), "chromium", "chromium-browser"]:
        if name and shutil.which(name):
            return shutil.which(name)
    sys.exit("chromium.py: Chromium is not installed (Debian: apt-get "
             "install chromium; tools/test.sh installs it as root)")


def run_chromium(args, timeout=120):
    """Run headless Chromium with a fresh profile; (stdout, stderr)."""
    profile = tempfile.mkdtemp(prefix="ind-chromium-")
    try:
        cmd = [chromium_program(), "--headless", "--no-sandbox",
               "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               "--no-first-run", "--no-default-browser-check",
               "--disable-extensions", "--hide-scrollbars",
               "--user-data-dir=" + profile,
               "--enable-logging=stderr", "--v=0"] + args
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return (proc.stdout.decode("utf-8", "replace"),
                proc.stderr.decode("utf-8", "replace"), proc.returncode)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# ---- text-fit ------------------------------------------------------------

MEASURE = r"""
<script>
(function () {
  var out = [];
  var svgs = document.querySelectorAll('svg.picture');
  for (var i = 0; i < svgs.length; i++) {
    var svg = svgs[i], box = svg.getBoundingClientRect();
    var texts = svg.querySelectorAll('text');
    for (var k = 0; k < texts.length; k++) {
      var t = texts[k];
      if (t.textContent.replace(/\s/g, '') === '') continue;
      var r = t.getBoundingClientRect();
      out.push([i, t.textContent, r.left - box.left, r.right - box.left,
                r.top - box.top, r.bottom - box.top, box.width,
                box.height]);
    }
  }
  document.getElementById('result').textContent = JSON.stringify(out);
})();
</script>
"""


def svg_body(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"^<\?xml[^>]*\?>", "", text.lstrip())
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    return text.replace("<svg", '<svg class="picture"', 1)


def text_fit(paths, margin=0.0):
    page = ['<!DOCTYPE html><html><head><meta charset="utf-8">'
            "<style>body{margin:0}svg{display:block}</style></head><body>"]
    for p in paths:
        page.append(svg_body(p))
    page.append('<pre id="result"></pre>' + MEASURE + "</body></html>")
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False,
                                     encoding="utf-8") as f:
        f.write("".join(page))
        html = f.name
    try:
        dom, log, _ = run_chromium(["--dump-dom", "file://" + html])
    finally:
        os.unlink(html)
    m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    if not m or not m.group(1).strip():
        sys.exit("chromium.py: no measurements from Chromium:\n" + log[-2000:])
    raw = m.group(1).replace("&lt;", "<").replace("&gt;", ">") \
                    .replace("&quot;", '"').replace("&amp;", "&")
    rows = json.loads(raw)
    bad = 0
    widest = {}
    for i, text, left, right, top, bottom, width, height in rows:
        name = paths[i]
        widest[name] = max(widest.get(name, (0, width))[0], right), width
        # half a pixel of antialiasing either way
        if left < margin - 0.5 or right > width - margin + 0.5 or \
                top < -0.5 or bottom > height + 0.5:
            bad += 1
            print("%s: text runs past the edge (x %.1f..%.1f of %.0f, y "
                  "%.1f..%.1f of %.0f): %r" % (name, left, right, width, top,
                                               bottom, height, text[:80]))
    for name, (right, width) in sorted(widest.items()):
        print("%s: widest text ends at %.1f px of %.0f" % (name, right, width))
    print("checked %d texts in %d pictures, %d past an edge"
          % (len(rows), len(paths), bad))
    return 1 if bad else 0


# ---- png-margin ------------------------------------------------------------

def png_pixels(path):
    """(width, height, channels, rows) of an 8-bit, non-interlaced PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s: not a PNG" % path)
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        sys.exit("%s: only 8-bit grey/RGB(A) non-interlaced PNGs are read"
                 % path)
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def png_margin(path, pixels):
    width, height, channels, rows = png_pixels(path)
    colours = min(channels, 3)
    for y in range(height):
        for x in range(width - pixels, width):
            px = rows[y][x * channels:x * channels + colours]
            if any(v < 250 for v in px):
                print("%s: ink at (%d, %d) in the right margin of %d px"
                      % (path, x, y, pixels))
                return 1
    print("%s: the right %d of %d columns are blank" % (path, pixels, width))
    return 0


# ---- page ------------------------------------------------------------------

CONSOLE = re.compile(r":(INFO|WARNING|ERROR|FATAL|VERBOSE\d*):CONSOLE"
                     r"(?:\(\d+\))?\] (.*)$")


def page_problems(log, url):
    """Console messages at warning level and above, and failed loads."""
    problems = []
    for line in log.splitlines():
        m = CONSOLE.search(line)
        if m and m.group(1) != "INFO":
            problems.append("console %s: %s" % (m.group(1), m.group(2)))
        elif m and re.search(r"(error|warning|refused|blocked|failed)",
                             m.group(2), re.I):
            problems.append("console: %s" % m.group(2))
        if "Failed to load resource" in line or "net::ERR_" in line:
            problems.append("load: %s" % line.split("] ", 1)[-1])
    return problems


TEXT_AND_REQUESTS = r"""
<script>
window.addEventListener('load', function () {
  var names = performance.getEntriesByType('resource').map(function (e) {
    return e.name; });
  var pre = document.createElement('pre');
  pre.id = 'ind-check';
  pre.textContent = JSON.stringify({requests: names,
                                    text: document.body.innerText});
  document.body.appendChild(pre);
});
</script>
"""


def page(html, shot, size):
    url = "file://" + os.path.abspath(html)
    _, log, rc = run_chromium(["--screenshot=" + os.path.abspath(shot),
                               "--window-size=" + size.replace("x", ","),
                               url])
    problems = page_problems(log, url)
    if rc != 0:
        problems.append("chromium exited with status %d" % rc)
    if not os.path.exists(shot) or os.path.getsize(shot) == 0:
        problems.append("no screenshot written")
    # The page's resources and text: a copy of it with a script appended
    # (the page itself may forbid scripts; the copy runs in the same
    # folder so relative references resolve as in the original).
    src = open(html, encoding="utf-8").read()
    probe = os.path.join(os.path.dirname(os.path.abspath(html)),
                         ".ind-probe-%d.html" % os.getpid())
    probe_src = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>",
                       "", src, flags=re.I)
    with open(probe, "w", encoding="utf-8") as f:
        f.write(probe_src.replace("</body>", TEXT_AND_REQUESTS + "</body>"))
    try:
        dom, _, _ = run_chromium(["--dump-dom", "file://" + probe])
    finally:
        os.unlink(probe)
    m = re.search(r'<pre id="ind-check">(.*?)</pre>', dom, re.S)
    if not m:
        problems.append("the page's text could not be read")
        text = ""
    else:
        raw = m.group(1).replace("&lt;", "<").replace("&gt;", ">") \
                        .replace("&quot;", '"').replace("&amp;", "&")
        info = json.loads(raw)
        for r in info["requests"]:
            problems.append("request: %s (a self-contained page fetches "
                            "nothing)" % r)
        text = info["text"]
    for p in problems:
        print("PROBLEM " + p)
    print("screenshot %s, %d problems" % (shot, len(problems)))
    print("--- text")
    print(text)
    return 1 if problems else 0


def pdf(html, out):
    url = "file://" + os.path.abspath(html)
    _, log, rc = run_chromium(["--print-to-pdf=" + os.path.abspath(out),
                               "--no-pdf-header-footer", url])
    ok = os.path.exists(out) and open(out, "rb").read(5) == b"%PDF-"
    print("%s: %s (chromium status %d)" % (out, "PDF" if ok else "no PDF",
                                           rc))
    return 0 if ok else 1


def main(argv):
    if len(argv) >= 4 and argv[0] == "text-fit" and argv[1] == "--margin":
        return text_fit(argv[3:], float(argv[2]))
    if len(argv) >= 2 and argv[0] == "text-fit":
        return text_fit(argv[1:])
    if len(argv) == 3 and argv[0] == "png-margin":
        return png_margin(argv[1], int(argv[2]))
    if len(argv) in (3, 4) and argv[0] == "page":
        return page(argv[1], argv[2], argv[3] if len(argv) > 3 else
                    "1280x2000")
    if len(argv) == 3 and argv[0] == "pdf":
        return pdf(argv[1], argv[2])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
