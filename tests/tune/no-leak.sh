#!/bin/sh
# A file that is not a profile is never quoted back (issue 14, defect 8):
# where sudo grants headroom alone, `headroom profiles /etc/shadow` must
# not print the file's first line. Any file before its first [section]
# gets an error that names file:line and shows none of its bytes.
. "$top_srcdir/tests/tune/lib.sh"
printf 'root:$6$SECRETHASH$abc:20228:0:99999:7:::\n' >"$TMPD/shadow"
printf 'API_TOKEN=SECRETHASH\n' >"$TMPD/env"
printf 'SECRETHASH\n[limits]\nnofile = 1000\n' >"$TMPD/first"
for f in shadow env first; do
	for cmd in profiles "apply --dry-run"; do
		run 65 "$cmd $f refused" -- "$H" --root "$TMPD" $cmd "$TMPD/$f"
		grep -q "SECRETHASH" "$TMPD/err" && fail "$cmd $f: quoted the file: $(cat "$TMPD/err")"
		grep -q "^headroom: $TMPD/$f:1: not a profile" "$TMPD/err" ||
			fail "$cmd $f: $(cat "$TMPD/err")"
	done
done
if [ -r /etc/shadow ]; then
	run 65 "profiles /etc/shadow" -- "$H" profiles /etc/shadow
	first=$(head -n 1 /etc/shadow | cut -d: -f2)
	[ -z "$first" ] || ! grep -qF -- "$first" "$TMPD/err" || fail "printed /etc/shadow's hash"
fi
pass
