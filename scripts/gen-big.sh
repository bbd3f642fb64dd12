#!/usr/bin/env bash
# Generates the large inputs for scripts/bench-open.sh (never committed): the bundled article
# repeated with a `第N章 跨界攬才之N` line before every 30 lines (as scripts/bench.sh and
# benches/common do), at 10 MB, 100 MB and 1 GB in UTF-8, and the 100 MB file in Simplified
# without inline pinyin, encoded as GB18030.
#
# Usage: scripts/gen-big.sh [DIR]    (default /tmp/yuedu-big; existing files are kept)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-/tmp/yuedu-big}
mkdir -p "$DIR"

# gen SRC MB CHAPTER_TITLE OUT
gen() {
    LC_ALL=C awk -v target=$(($2 * 1048576)) -v title="$3" '
        { lines[n++] = $0 }
        END {
            bytes = 0; i = 0; ch = 0
            while (bytes < target) {
                if (i % 30 == 0) { ch++; s = "第" ch "章 " title ch; print s; bytes += length(s) + 1 }
                s = lines[i % n]; print s; bytes += length(s) + 1; i++
            }
        }' "$1" >"$4.part"
    mv "$4.part" "$4"
}

for mb in 10 100; do
    [ -s "$DIR/utf8-${mb}m.txt" ] || gen "$ROOT/assets/article.txt" "$mb" "跨界攬才之" "$DIR/utf8-${mb}m.txt"
done
if [ ! -s "$DIR/utf8-1g.txt" ]; then
    # 1000 MiB: the 100 MiB file ten times over (chapter numbers repeat).
    for _ in $(seq 10); do cat "$DIR/utf8-100m.txt"; done >"$DIR/utf8-1g.part"
    mv "$DIR/utf8-1g.part" "$DIR/utf8-1g.txt"
fi
if [ ! -s "$DIR/gb18030-100m.txt" ]; then
    if command -v opencc >/dev/null; then
        opencc -c t2s.json -i "$ROOT/assets/article.txt" >"$DIR/article-s.utf8"
    else
        cp "$ROOT/assets/article.txt" "$DIR/article-s.utf8"
    fi
    sed -E -i 's/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)//g' "$DIR/article-s.utf8"
    gen "$DIR/article-s.utf8" 100 "跨界揽才之" "$DIR/gb-src.utf8"
    iconv -f UTF-8 -t GB18030 "$DIR/gb-src.utf8" >"$DIR/gb18030-100m.txt"
    rm -f "$DIR/gb-src.utf8" "$DIR/article-s.utf8"
fi
ls -la "$DIR"
