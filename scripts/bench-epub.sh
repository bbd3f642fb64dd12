#!/usr/bin/env bash
# EPUB first screen (tracker issue 14): a 1-chapter and a 1,000-chapter book, generated from
# the bundled article, opened in a 100×30 tmux pane; time from sending the command until the
# first chapter's opening words are on screen. Peers, in the same run and pane: pandoc's text
# export paged by less (`pandoc -t plain BOOK | less`), and less on the book's text already
# unzipped (the floor any reader has to pay for the terminal).
#
# Usage: scripts/bench-epub.sh   (RUNS=7; YUEDU=target/release/yuedu; BEFORE=another yuedu
# binary to measure in the same runs, e.g. one built from an older commit; NO_PANDOC=1 leaves
# the slow pandoc peer out; REAL=book.epub and REAL_MARKER=words-of-its-first-screen add a
# real book, its less peer reading its text as `pandoc -t plain` exports it beforehand)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
YUEDU=$(realpath "${YUEDU:-target/release/yuedu}")
BEFORE=${BEFORE:+$(realpath "$BEFORE")}
DIR=$(mktemp -d)
SOCK=yuedu-bench-epub-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$DIR"' EXIT
mkdir -p "$DIR/home"

python3 - "$DIR" <<'PY'
import sys, zipfile, html
d = sys.argv[1]
article = [l.strip() for l in open("assets/article.txt", encoding="utf-8") if l.strip()]
def book(path, chapters, paras):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
    z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
    items, refs, navs, text = [], [], [], []
    for c in range(chapters):
        body = [f"<h1>第{c+1}章 開卷{c+1}</h1>"]
        for p in range(paras):
            body.append("<p>" + html.escape(article[(c + p) % len(article)]) + "</p>")
        x = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body>'
             + "\n".join(body) + "</body></html>")
        z.writestr(f"OEBPS/c{c}.xhtml", x)
        items.append(f'<item id="c{c}" href="c{c}.xhtml" media-type="application/xhtml+xml"/>')
        refs.append(f'<itemref idref="c{c}"/>')
        navs.append(f'<li><a href="c{c}.xhtml">第{c+1}章 開卷{c+1}</a></li>')
        text.append(f"第{c+1}章 開卷{c+1}\n\n" + "\n\n".join(article[(c + p) % len(article)] for p in range(paras)))
    z.writestr("OEBPS/nav.xhtml", '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>nav</title></head><body><nav epub:type="toc"><ol>' + "".join(navs) + "</ol></nav></body></html>")
    z.writestr("OEBPS/content.opf", '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="i"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="i">x</dc:identifier><dc:title>基準書</dc:title><dc:language>zh-Hant</dc:language></metadata><manifest><item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>' + "".join(items) + '</manifest><spine>' + "".join(refs) + "</spine></package>")
    z.close()
    open(path[:-5] + ".txt", "w", encoding="utf-8").write("\n\n".join(text) + "\n")
book(f"{d}/one.epub", 1, 600)
book(f"{d}/many.epub", 1000, 30)
PY

first_screen() {
    local marker=$1; shift
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 -s b "sleep 600"
    local i=0 t0 t1
    t0=$(date +%s%N)
    tmux -L "$SOCK" new-window -t b:1 \
        "env -i PATH=/usr/bin:/bin HOME=$DIR/home XDG_CONFIG_HOME=$DIR/home/.config XDG_STATE_HOME=$DIR/home/.local/state TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $*"
    until tmux -L "$SOCK" capture-pane -p -t b:1 2>/dev/null | grep -qF -- "$marker"; do
        i=$((i + 1)); [ $i -lt 40000 ] || { echo NaN; return; }
    done
    t1=$(date +%s%N)
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    echo "$(((t1 - t0) / 1000))" | awk '{ printf "%.1f\n", $1 / 1000 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { m = a[int((NR + 1) / 2)]; printf "%.1f (%.1f–%.1f)", m, a[1], a[NR] }'; }

books="one many"
if [ -n "${REAL:-}" ]; then
    cp "$REAL" "$DIR/real.epub"
    pandoc -f epub -t plain "$DIR/real.epub" > "$DIR/real.txt"
    books="$books real"
fi

echo "| book | size | program | first screen, ms: median (min–max) |"
echo "|---|---|---|---|"
for b in $books; do
    marker="開卷1"
    label="1 chapter"
    case $b in
        many) label="1,000 chapters" ;;
        real) marker=$REAL_MARKER; label=$(basename "$REAL") ;;
    esac
    size=$(du -k "$DIR/$b.epub" | cut -f1)
    progs="baseline yuedu${BEFORE:+ before} pandoc less-txt"
    [ "${NO_PANDOC:-}" = 1 ] && progs="baseline yuedu${BEFORE:+ before} less-txt"
    for prog in $progs; do
        case $prog in
            baseline) cmd="sh -c 'echo $marker; sleep 5'" ;;
            yuedu) cmd="$YUEDU $DIR/$b.epub" ;;
            before) cmd="$BEFORE $DIR/$b.epub" ;;
            pandoc) cmd="sh -c 'pandoc -f epub -t plain $DIR/$b.epub | less'" ;;
            less-txt) cmd="less $DIR/$b.txt" ;;
        esac
        ts=()
        for _ in $(seq "$RUNS"); do ts+=("$(first_screen "$marker" "$cmd")"); done
        echo "| $label | ${size} KiB | $prog | $(printf '%s\n' "${ts[@]}" | median) |"
    done
done
