#!/usr/bin/env bash
# Issue 15 benchmarks, whole process, yuedu beside `less` in the same run:
#
#   1. first screen: a fresh 120×40 tmux window, polled every 10 ms, from sending the command
#      to the file name on screen (yuedu's status line, `NAME │`, not its stderr note while
#      opening; less's prompt); runs alternate between
#      the two programs so that both see the same load;
#   2. resume at the end of 1 GB: yuedu with a remembered place at the end (first `G`, `q`),
#      time until the last chapter's title is on screen, beside less's first screen;
#   3. `G` at 1 GB: right after the first screen, and once the file is read; less's `G`;
#   4. a Chinese search to the end of 1 GB (a phrase only on the last line): yuedu and less;
#   5. idle: CPU ticks and context switches of the whole process over 30 s, after it is read;
#   6. memory at 1 GB after `G` and a search: VmHWM and RssAnon.
#
# Inputs come from scripts/gen-big.sh (DIR, default /tmp/yuedu-big; never committed).
# Usage: scripts/bench-open.sh [YUEDU_BINARY]     RUNS=5 (default) runs per case; FIRST=1 only
# the first screen, of FILES="utf8-100m.txt …" (default: the four below); QUICK=1 no search,
# idle or memory.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
YUEDU=$(realpath "${1:-$ROOT/target/release/yuedu}")
RUNS=${RUNS:-5}
DIR=${DIR:-/tmp/yuedu-big}
SOCK="yuedu-open-bench-$$"
WORK=$(mktemp -d /tmp/yuedu-open-bench.XXXXXX)
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
"$ROOT/scripts/gen-big.sh" "$DIR" >/dev/null
NEEDLE="$DIR/utf8-1g-needle.txt"
if [ ! -s "$NEEDLE" ]; then
    { cat "$DIR/utf8-1g.txt"; printf '尾聲：這是全書最後一句獨一無二的話。\n'; } >"$NEEDLE.part"
    mv "$NEEDLE.part" "$NEEDLE"
fi

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }
load() { cut -d' ' -f1 /proc/loadavg; }
stats() { # median (min–max) of numbers on stdin
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%d (%d–%d)", m, v[1], v[NR] }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

t() { tmux -L "$SOCK" "$@"; }
screen_has() { t capture-pane -p -t b:1 2>/dev/null | grep -qF -- "$1"; }
# wait_for TEXT [LIMIT_S]: polls every 10 ms; returns 1 after LIMIT_S seconds (default 60).
wait_for() {
    local limit=$((${2:-60} * 100)) i=0
    until screen_has "$1"; do
        i=$((i + 1)); [ $i -lt $limit ] || return 1
        sleep 0.01
    done
}
wait_gone() {
    local i=0
    while screen_has "$1"; do i=$((i + 1)); [ $i -lt 12000 ] || return 1; sleep 0.01; done
}
# start HOME CMD…: a fresh server with an idle window, then the measured window b:1.
start() {
    local home=$1; shift
    t kill-server 2>/dev/null
    t -f /dev/null new-session -d -x 120 -y 40 -s b "sleep 3600"
    t set -g default-size 120x40 2>/dev/null
    t new-window -t b:1 "env -i PATH=/usr/bin:/bin HOME=$home TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 LESS= LESSCHARSET=utf-8 $*"
}
stop() { t send-keys -t b:1 q 2>/dev/null; sleep 0.1; t kill-server 2>/dev/null; }
pane_pid() { t display -p -t b:1 '#{pane_pid}'; }
fresh_home() { rm -rf "$WORK/home"; mkdir -p "$WORK/home"; echo "$WORK/home"; }

echo "# yuedu issue 15 benchmarks"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); yuedu $YUEDU ($(cd "$ROOT" && git rev-parse --short HEAD))"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $RUNS runs per case, yuedu and less alternating; ms, median (min–max); files in the page cache"
echo

echo "## First screen"
echo
echo "| file | yuedu | less | ratio | load |"
echo "|---|---|---|---|---|"
for f in ${FILES:-utf8-10m.txt utf8-100m.txt utf8-1g.txt gb18030-100m.txt}; do
    cat "$DIR/$f" >/dev/null
    ys=(); ls_=()
    for _ in $(seq "$RUNS"); do
        h=$(fresh_home)
        t0=$(now); start "$h" "$YUEDU" "$DIR/$f"; wait_for "$f │"; t1=$(now); stop; ys+=("$(ms "$t0" "$t1")")
        t0=$(now); start "$h" less -- "$DIR/$f"; wait_for "$f"; t1=$(now); stop; ls_+=("$(ms "$t0" "$t1")")
    done
    ym=$(printf '%s\n' "${ys[@]}" | median); lm=$(printf '%s\n' "${ls_[@]}" | median)
    echo "| $f | $(printf '%s\n' "${ys[@]}" | stats) | $(printf '%s\n' "${ls_[@]}" | stats) | $(awk -v a="$ym" -v b="$lm" 'BEGIN { printf "%.1f×", a / b }') | $(load) |"
done
echo

# FIRST=1: only the first screen (FILES= picks the files).
[ -n "${FIRST:-}" ] && exit 0

BIG="$DIR/utf8-1g.txt"
echo "## Resume at the end of 1 GB (time until the status line says \`back where you stopped\`)"
echo
h=$(fresh_home)
start "$h" "$YUEDU" "$BIG"; wait_for "utf8-1g.txt │"; wait_gone "reading"; t send-keys -t b:1 G; wait_for "100%"; sleep 0.2; stop
ys=(); ls_=()
for _ in $(seq "$RUNS"); do
    t0=$(now); start "$h" "$YUEDU" "$BIG"; wait_for "back where you stopped"; t1=$(now); stop; ys+=("$(ms "$t0" "$t1")")
    t0=$(now); start "$h" less -- "$BIG"; wait_for "utf8-1g.txt"; t1=$(now); stop; ls_+=("$(ms "$t0" "$t1")")
done
echo "| case | yuedu | less first screen | ratio | load |"
echo "|---|---|---|---|---|"
ym=$(printf '%s\n' "${ys[@]}" | median); lm=$(printf '%s\n' "${ls_[@]}" | median)
echo "| first screen at the remembered place (end) | $(printf '%s\n' "${ys[@]}" | stats) | $(printf '%s\n' "${ls_[@]}" | stats) | $(awk -v a="$ym" -v b="$lm" 'BEGIN { printf "%.1f×", a / b }') | $(load) |"
echo

echo "## G at 1 GB (until \`100%\` shows)"
echo
g1=(); g2=(); gl=()
for _ in $(seq "$RUNS"); do
    h=$(fresh_home)
    start "$h" "$YUEDU" "$BIG"; wait_for "utf8-1g.txt │"
    t0=$(now); t send-keys -t b:1 G; wait_for "100%"; t1=$(now); g1+=("$(ms "$t0" "$t1")")
    wait_gone "reading"; t send-keys -t b:1 g; wait_for "第1章"; sleep 0.1
    t0=$(now); t send-keys -t b:1 G; wait_for "100%"; t1=$(now); g2+=("$(ms "$t0" "$t1")"); stop
    start "$h" less -- "$BIG"; wait_for "utf8-1g.txt"
    t0=$(now); t send-keys -t b:1 G; wait_for "(END)" 120; t1=$(now); gl+=("$(ms "$t0" "$t1")"); stop
done
echo "| case | ms | load |"
echo "|---|---|---|"
echo "| yuedu: G right after the first screen (the tail, parsed alone) | $(printf '%s\n' "${g1[@]}" | stats) | $(load) |"
echo "| yuedu: G once the file is read | $(printf '%s\n' "${g2[@]}" | stats) | $(load) |"
echo "| less: G | $(printf '%s\n' "${gl[@]}" | stats) | $(load) |"
echo

# QUICK=1: only first screen, resume and G (the search with less takes minutes at 1 GB).
[ -n "${QUICK:-}" ] && exit 0
echo "## Search to the end of 1 GB (獨一無二, only on the last line)"
echo
sy=(); sl=()
for _ in $(seq "$RUNS"); do
    h=$(fresh_home)
    start "$h" "$YUEDU" "$NEEDLE"; wait_for "utf8-1g-needle.txt │"; wait_gone "reading"
    t send-keys -t b:1 /; sleep 0.05
    t0=$(now); t send-keys -t b:1 "獨一無二" Enter; wait_for "尾聲"; t1=$(now); sy+=("$(ms "$t0" "$t1")"); stop
    start "$h" less -- "$NEEDLE"; wait_for "utf8-1g-needle.txt"
    t send-keys -t b:1 /; sleep 0.05
    t0=$(now); t send-keys -t b:1 "獨一無二" Enter; wait_for "尾聲" 120; t1=$(now); sl+=("$(ms "$t0" "$t1")"); stop
done
echo "| program | ms | load |"
echo "|---|---|---|"
echo "| yuedu | $(printf '%s\n' "${sy[@]}" | stats) | $(load) |"
echo "| less | $(printf '%s\n' "${sl[@]}" | stats) | $(load) |"
echo

echo "## Idle over 30 s (100 MB file, after it is read) and memory at 1 GB"
echo
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s + 0 }'; }
echo "| program | CPU ticks in 30 s | context switches in 30 s |"
echo "|---|---|---|"
for prog in yuedu less; do
    h=$(fresh_home)
    if [ $prog = yuedu ]; then start "$h" "$YUEDU" "$DIR/utf8-100m.txt"; wait_for "utf8-100m.txt │"; wait_gone "reading";
    else start "$h" less -- "$DIR/utf8-100m.txt"; wait_for "utf8-100m.txt"; fi
    sleep 1
    pid=$(pane_pid); a=$(ticks "$pid"); c=$(switches "$pid"); sleep 30; b=$(ticks "$pid"); d=$(switches "$pid")
    echo "| $prog | $((b - a)) | $((d - c)) |"
    stop
done
echo
h=$(fresh_home)
start "$h" "$YUEDU" "$NEEDLE"; wait_for "utf8-1g-needle.txt │"; wait_gone "reading"
t send-keys -t b:1 G; wait_for "尾聲"; t send-keys -t b:1 g; sleep 0.2; t send-keys -t b:1 /; sleep 0.05; t send-keys -t b:1 "獨一無二" Enter; wait_for "尾聲"
pid=$(pane_pid)
size=$(stat -c %s "$NEEDLE")
awk -v size="$size" '/VmHWM|RssAnon/ { printf "- %s %.0f MiB (%.2f× the file)\n", $1, $2 / 1024, $2 * 1024 / size }' "/proc/$pid/status"
stop
start "$h" "$YUEDU" "$NEEDLE"; wait_for "utf8-1g-needle.txt │"; wait_gone "reading"; pid=$(pane_pid)
# Ended: gone, or a zombie not yet reaped by tmux.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st#Z}" = "$st" ]; }
t0=$(now); t send-keys -t b:1 q; while alive "$pid"; do sleep 0.005; done; t1=$(now)
echo "- quit at 1 GB, from q to the process's end: $(ms "$t0" "$t1") ms"
t kill-server 2>/dev/null
echo "- load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
