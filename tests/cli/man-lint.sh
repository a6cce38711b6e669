#!/bin/sh
# Every man page is real roff that renders without warnings.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
for page in "$top_srcdir"/man/*.[1-9]; do
	if [ -n "${MANDOC:-}" ] && [ -x "$MANDOC" ]; then
		out=$("$MANDOC" -Tlint -Wwarning "$page" 2>&1)
	else
		out=$(groff -ww -mandoc -z "$page" 2>&1)
	fi
	if [ -n "$out" ]; then
		fail "$page:
$out"
	else
		echo "ok $page"
	fi
	# It must also render to text (what man(1) shows).
	if ! groff -mandoc -Tutf8 "$page" >/dev/null 2>&1; then
		fail "$page: groff cannot render it"
	fi
done
pass
