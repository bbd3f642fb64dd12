#!/usr/bin/env bash
# Whole-process benchmarks for yuedu (issue 8), measured from outside the process:
#
#   1. first screen in a pty: yuedu vs less on the same file (1, 10, 100 MB UTF-8 with chapter
#      lines, 100 MB GBK), in a 100×30 tmux pane; the time from sending the command to the pane
#      showing the file name in the status line (yuedu) or prompt (less); the peak RSS (VmHWM)
#      of that process once the first screen is up;
#   2. peak RSS through /usr/bin/time -v of `yuedu --toc` (open only) and `yuedu --dump`
#      (everything laid out) on the 100 MB file;
#   3. the whole-file conversion pipeline on 10 MB: `yuedu --dump --width 80 --variant
#      simplified` vs `opencc -c t2s.json | fold -w 80`, with hyperfine.
#
# Inputs are generated into a temporary directory (never committed): the bundled article
# repeated, with a `第N章 跨界攬才之N` line before every 30 lines, as benches/common/mod.rs does.
#
# Usage: scripts/bench.sh            (RUNS=10 first-screen runs per case; SIZES="1 10 100")
#        RUNS=5 SIZES="1 10" scripts/bench.sh
#        KEEP=1 scripts/bench.sh     (keep the generated files; BENCH_DIR=dir to choose where)
# Missing tools are installed with apt-get when possible (root or sudo), else that part is
# skipped with a message. Results go to stdout and to $BENCH_DIR/results.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-10}
SIZES=${SIZES:-"1 10 100"}
DIR=${BENCH_DIR:-$(mktemp -d /tmp/yuedu-bench.XXXXXX)}
mkdir -p "$DIR" "$DIR/home" # a fresh HOME: no config, no remembered place
RESULTS="$DIR/results.md"
SOCK="yuedu-bench-$$"
: >"$RESULTS"

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
note() { printf '%s\n' "$*" >&2; }

cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    if [ -z "${KEEP:-}" ] && [ -z "${BENCH_DIR:-}" ]; then
        rm -f "$DIR"/*.txt "$DIR"/*.gbk
    fi
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------------------------

APT_UPDATED=
# have CMD PACKAGE: true if CMD exists, after trying to apt-get install PACKAGE.
have() {
    local cmd=$1 pkg=$2
    if command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ]; then return 0; fi
    local sudo=
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=sudo; else
            note "skip: $cmd missing and no root to apt-get install $pkg"
            return 1
        fi
    fi
    if command -v apt-get >/dev/null 2>&1; then
        note "installing $pkg…"
        if [ -z "$APT_UPDATED" ]; then $sudo apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; fi
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 || true
    fi
    if command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ]; then return 0; fi
    note "skip: $cmd is missing ($pkg could not be installed)"
    return 1
}

HAVE_TMUX=0; have tmux tmux && HAVE_TMUX=1
HAVE_LESS=0; have less less && HAVE_LESS=1
HAVE_TIME=0; have /usr/bin/time time && HAVE_TIME=1
HAVE_HYPERFINE=0; have hyperfine hyperfine && HAVE_HYPERFINE=1
HAVE_OPENCC=0; have opencc opencc && HAVE_OPENCC=1
HAVE_ICONV=0; have iconv libc-bin && HAVE_ICONV=1

# --- the binary -------------------------------------------------------------------------------

if [ -z "${YUEDU:-}" ]; then
    (cd "$ROOT" && cargo build --release --quiet)
    YUEDU="$ROOT/target/release/yuedu"
fi
YUEDU=$(realpath "$YUEDU")

# --- inputs -----------------------------------------------------------------------------------

# gen SRC MB CHAPTER_TITLE OUT: SRC's lines repeated until OUT has at least MB MiB, with
# `第N章 CHAPTER_TITLEN` before every 30 lines (same as benches/common/mod.rs).
gen() {
    LC_ALL=C awk -v target=$(($2 * 1048576)) -v title="$3" '
        { lines[n++] = $0 }
        END {
            bytes = 0; i = 0; ch = 0
            while (bytes < target) {
                if (i % 30 == 0) { ch++; s = "第" ch "章 " title ch; print s; bytes += length(s) + 1 }
                s = lines[i % n]; print s; bytes += length(s) + 1; i++
            }
        }' "$1" >"$4"
}

FILES=()
for mb in $SIZES; do
    f="$DIR/yuedu-${mb}m.txt"
    [ -s "$f" ] || gen "$ROOT/assets/article.txt" "$mb" "跨界攬才之" "$f"
    FILES+=("$f")
done
GBK=
if [ "$HAVE_OPENCC" = 1 ] && [ "$HAVE_ICONV" = 1 ] && [[ " $SIZES " == *" 100 "* ]]; then
    GBK="$DIR/yuedu-100m-gbk.txt"
    if [ ! -s "$GBK" ]; then
        # Simplified, without the article's pinyin annotations (`发(fā)`): with them, chardetng
        # takes the GBK bytes for windows-1252 (see BENCHMARKS.md). Same as benches/common.
        opencc -c t2s.json -i "$ROOT/assets/article.txt" |
            sed -E 's/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)//g' >"$DIR/article-s.utf8"
        gen "$DIR/article-s.utf8" 100 "跨界揽才之" "$DIR/gbk-src.utf8"
        iconv -f UTF-8 -t GBK "$DIR/gbk-src.utf8" >"$GBK"
        rm -f "$DIR/gbk-src.utf8" "$DIR/article-s.utf8"
    fi
    FILES+=("$GBK")
else
    note "skip: 100 MB GBK input (needs opencc and iconv, and 100 in SIZES)"
fi

# --- machine ----------------------------------------------------------------------------------

say "# yuedu whole-process benchmarks"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "- machine: $(grep -c ^processor /proc/cpuinfo) cores (this run on CPUs $(taskset -pc $$ 2>/dev/null | sed "s/.*: //")), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM"
say "- yuedu: $YUEDU ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
say "- load before: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""

# stats: reads numbers (one per line) and prints "median (min–max)".
stats() {
    sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "n/a"; exit }
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f (%.1f–%.1f)", m, v[1], v[NR] }'
}

# --- 1. first screen in a pty -----------------------------------------------------------------

# first_screen MARKER CMD…: one run in a fresh 100×30 tmux pane; prints "MS KB" (milliseconds
# from sending the command to MARKER on screen; VmHWM of the pane's process in KiB).
first_screen() {
    local marker=$1; shift
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    # A server with an idle window, so that starting the measured window costs only a fork/exec.
    tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 -s b "sleep 600"
    tmux -L "$SOCK" set -g default-size 100x30 2>/dev/null || true
    local i=0 t0 t1 pid hwm
    t0=$(date +%s%N)
    tmux -L "$SOCK" new-window -t b:1 \
        "env -i PATH=/usr/bin:/bin HOME=$DIR/home XDG_CONFIG_HOME=$DIR/home/.config XDG_DATA_HOME=$DIR/home/.local/share XDG_STATE_HOME=$DIR/home/.local/state XDG_CACHE_HOME=$DIR/home/.cache TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $*"
    until tmux -L "$SOCK" capture-pane -p -t b:1 2>/dev/null | grep -qF -- "$marker"; do
        i=$((i + 1)); [ $i -lt 20000 ] || { echo "NaN NaN"; return; }
    done
    t1=$(date +%s%N)
    pid=$(tmux -L "$SOCK" display -p -t b:1 '#{pane_pid}')
    hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo NaN)
    tmux -L "$SOCK" send-keys -t b:1 q
    sleep 0.05
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    echo "$(((t1 - t0) / 1000)) $hwm" | awk '{ printf "%.1f %s\n", $1 / 1000, $2 }'
}

if [ "$HAVE_TMUX" = 1 ]; then
    say "## First screen in a pty (100×30 tmux pane), $RUNS runs each"
    say ""
    say "Time from sending the command to the first screen (file name visible), ms, median (min–max);"
    say "peak RSS (VmHWM) once the first screen is up, MiB. The baseline is \`echo\` of the file name:"
    say "the cost of tmux starting a window and of the polling itself."
    say ""
    say "| file | size | program | first screen, ms | peak RSS, MiB | load |"
    say "|---|---|---|---|---|---|"
    base=()
    for r in $(seq "$RUNS"); do base+=("$(first_screen bench-baseline-mark "sh -c 'echo bench-baseline-mark; sleep 5'" | cut -d' ' -f1)"); done
    say "| — | — | baseline (echo) | $(printf '%s\n' "${base[@]}" | stats) | — | $(cut -d' ' -f1 /proc/loadavg) |"
    for f in "${FILES[@]}"; do
        name=$(basename "$f")
        size=$(stat -c %s "$f" | awk '{ printf "%.1f", $1 / 1048576 }')
        cat "$f" >/dev/null # warm the page cache for both programs
        progs=(yuedu)
        [ "$HAVE_LESS" = 1 ] && progs+=(less)
        for prog in "${progs[@]}"; do
            if [ "$prog" = yuedu ]; then cmd=("$YUEDU" "$f"); else cmd=(env LESS= LESSCHARSET=utf-8 less -- "$f"); fi
            ms=(); kb=()
            for r in $(seq "$RUNS"); do
                read -r m k < <(first_screen "$name" "${cmd[@]}")
                ms+=("$m"); kb+=("$k")
            done
            rss=$(printf '%s\n' "${kb[@]}" | awk '{ print $1 / 1024 }' | stats)
            say "| $name | ${size} MiB | $prog | $(printf '%s\n' "${ms[@]}" | stats) | $rss | $(cut -d' ' -f1 /proc/loadavg) |"
        done
    done
    say ""
fi

# --- 2. peak RSS with /usr/bin/time -v --------------------------------------------------------

if [ "$HAVE_TIME" = 1 ]; then
    say "## Peak RSS with /usr/bin/time -v"
    say ""
    say "| command | file size, MiB | max RSS, MiB | ratio to file | wall, s |"
    say "|---|---|---|---|---|"
    for f in "${FILES[@]}"; do
        size_b=$(stat -c %s "$f")
        for mode in --toc --dump; do
            /usr/bin/time -v -o "$DIR/time.txt" "$YUEDU" $mode --width 80 "$f" >/dev/null 2>&1 || true
            kb=$(awk -F': ' '/Maximum resident/ { print $2 }' "$DIR/time.txt")
            wall=$(awk -F': ' '/Elapsed \(wall/ { print $2 }' "$DIR/time.txt")
            say "| \`yuedu $mode --width 80 $(basename "$f")\` | $(awk -v b="$size_b" 'BEGIN { printf "%.1f", b / 1048576 }') | $(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }') | $(awk -v k="$kb" -v b="$size_b" 'BEGIN { printf "%.2f×", k * 1024 / b }') | $wall |"
        done
    done
    say ""
fi

# --- 3. whole-file conversion pipeline --------------------------------------------------------

TEN="$DIR/yuedu-10m.txt"
if [ ! -s "$TEN" ]; then gen "$ROOT/assets/article.txt" 10 "跨界攬才之" "$TEN"; fi
if [ "$HAVE_OPENCC" = 1 ]; then
    say "## Whole-file conversion to Simplified, 10 MB, folded to 80"
    say ""
    A="$YUEDU --dump --width 80 --variant simplified $TEN > /dev/null"
    B="opencc -c t2s.json -i $TEN | fold -w 80 > /dev/null"
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        hyperfine --style basic --warmup 1 --runs "${PIPE_RUNS:-5}" \
            --export-markdown "$DIR/pipeline.md" -n yuedu "$A" -n "opencc | fold" "$B" >&2
        tee -a "$RESULTS" <"$DIR/pipeline.md"
    else
        say "| command | wall, s (median (min–max)) |"
        say "|---|---|"
        for c in "$A" "$B"; do
            ts=()
            for r in $(seq "${PIPE_RUNS:-5}"); do
                t0=$(date +%s%N); bash -c "$c"; t1=$(date +%s%N)
                ts+=("$(awk -v d=$((t1 - t0)) 'BEGIN { print d / 1e9 }')")
            done
            say "| \`$c\` | $(printf '%s\n' "${ts[@]}" | stats) |"
        done
    fi
    say ""
    say "(\`fold -w 80\` counts bytes, not cells: it is a cheaper and cruder wrap than yuedu's.)"
else
    say "(skipped the conversion pipeline: no opencc)"
fi
say ""
say "- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
note "results: $RESULTS"
