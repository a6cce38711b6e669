#!/bin/sh
# Every man page is real roff that renders without warnings.
set -u
: "${top_srcdir:?}"
status=0
for page in "$top_srcdir"/man/*.[1-9]; do
	if [ -n "${MANDOC:-}" ] && [ -x "$MANDOC" ]; then
		out=$("$MANDOC" -Tlint -Wwarning "$page" 2>&1)
	else
		out=$(groff -ww -mandoc -z "$page" 2>&1)
	fi
	if [ -n "$out" ]; then
		echo "FAIL $page:"; echo "$out"; status=1
	else
		echo "ok $page"
	fi
	# It must also render to text (what man(1) shows).
	if ! groff -mandoc -Tutf8 "$page" >/dev/null 2>&1; then
		echo "FAIL $page: groff cannot render it"; status=1
	fi
done
exit $status
