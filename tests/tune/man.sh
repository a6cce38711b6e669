#!/bin/sh
# headroom-profile(5) is clean mdoc, documents every allow-listed sysctl
# and every shipped profile, and each tuning command's options appear in
# both --help and headroom(1).
. "$top_srcdir/tests/tune/lib.sh"
MAN5=$top_srcdir/man/headroom-profile.5
MAN1=$top_srcdir/man/headroom.1
if [ -n "${MANDOC:-}" ]; then
	"$MANDOC" -Tlint -Wwarning "$MAN5" >"$TMPD/lint" 2>&1 || fail "mandoc: $(cat "$TMPD/lint")"
	"$MANDOC" -Tutf8 "$MAN5" >/dev/null || fail "mandoc cannot render it"
else
	groff -mdoc -Tutf8 -ww -z "$MAN5" 2>"$TMPD/lint" && [ ! -s "$TMPD/lint" ] ||
		fail "groff: $(cat "$TMPD/lint")"
fi
for key in $(sed -n 's/^\t{"\([a-z0-9_.-]*\)", SYSCTLKEY_.*/\1/p' "$top_srcdir/src/sysctlkey.c"); do
	grep -q "^\.It $key\$" "$MAN5" || fail "sysctl $key is not documented in headroom-profile(5)"
done
for p in c10k c100k c1m websocket-loadtest macos-dev; do
	grep -q "$p" "$MAN5" || fail "profile $p is not in headroom-profile(5)"
done
for cmd in apply revert history profiles exec raise; do
	"$H" "$cmd" --help >"$TMPD/help" || fail "$cmd --help"
	for opt in $(grep -o -- '--[a-z][a-z-]*' "$TMPD/help" | sort -u); do
		case $opt in --root | --help | --quiet) continue ;; esac
		grep -q -- "Fl -${opt#--}" "$MAN1" || fail "$cmd $opt is in --help but not in headroom(1)"
	done
done
pass
