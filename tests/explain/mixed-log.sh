#!/bin/sh
# A mixed log of several thousand lines from many runtimes, made from the
# sample lines of every catalogue entry: the summary's counts, first and
# last line numbers must be exact.
. "$top_srcdir/tests/explain/lib.sh"

LC_ALL=C awk -v n=6000 -v seed=7 -v expected="$tmp/want.unsorted" \
	-f "$here/mixed-log.awk" "$here/samples.txt" >"$tmp/mixed.log" || exit 99
sort "$tmp/want.unsorted" >"$tmp/want"
lines=$(wc -l <"$tmp/mixed.log")
matched=$(awk '{ n += $2 } END { print n }' "$tmp/want")
causes=$(wc -l <"$tmp/want")
echo "log: $lines lines, $matched from $causes entries"

"$HEADROOM" -q explain --no-live - <"$tmp/mixed.log" >"$tmp/out"
rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc"

# The header, with thousands separators removed.
header=$(head -1 "$tmp/out" | sed 's/\([0-9]\),\([0-9]\)/\1\2/g')
want_header="$lines lines read: $matched explained by $causes signatures, $((lines - matched)) not recognised"
[ "$header" = "$want_header" ] || fail "header: '$header', want '$want_header'"

# The table: SIGNATURE COUNT FIRST LAST, compared whole.
awk 'NR > 3 && NF == 5 { gsub(",", ""); print $4, $1, $2, $3 }' "$tmp/out" | sort >"$tmp/got"
if diff -u "$tmp/want" "$tmp/got"; then
	echo "ok: $causes causes with exact counts, first and last lines"
else
	fail "the summary differs (- what the log holds, + what explain counted)"
fi

# Most frequent first, as the table promises.
awk 'NR > 3 && NF == 5 { gsub(",", ""); print $1 }' "$tmp/out" | sort -n -r -c 2>/dev/null ||
	fail "the table is not ordered by count"
pass
