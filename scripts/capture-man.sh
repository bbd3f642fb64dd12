#!/bin/sh
# Saves what `man` pipes to its pager, in a pseudo-terminal (so man formats as for a reader):
#   scripts/capture-man.sh OUT.txt [man arguments…]     e.g.  scripts/capture-man.sh tar.txt -L zh_TW tar
# Needs man-db and script(1) (util-linux). COLUMNS sets the width man formats for (default 80).
set -eu
out=$1
shift
saver=$(mktemp)
trap 'rm -f "$saver"' EXIT
printf '#!/bin/sh\ncat > "$SAVE_TO"\n' > "$saver"
chmod +x "$saver"
SAVE_TO=$(realpath -m "$out") MANPAGER="$saver" COLUMNS=${COLUMNS:-80} \
  script -qec "man $*" /dev/null > /dev/null
