#!/bin/sh
# The corpus of broken profiles (tests/fixtures/tune/bad/NN-*.conf): each
# gives exactly its expected one-line message and exit status (NN-*.expect:
# status, then stderr) from `apply` (checked and dry-run) and from
# `profiles FILE`, and nothing is written. Then the unsafe owner and mode
# cases, made at run time since git keeps neither.
. "$top_srcdir/tests/tune/lib.sh"
R=$TMPD/root
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
count=0
cd "$FIX/bad" || exit 99
for conf in [0-9]*.conf; do
	name=${conf%.conf}
	want_status=$(sed -n 1p "$name.expect")
	want_err=$(sed -n 2p "$name.expect")
	for mode in apply dry-run profiles; do
		case $mode in
		apply) "$H" --root "$R" apply "$conf" >/dev/null 2>"$TMPD/err" ;;
		dry-run) "$H" --root "$R" apply --dry-run "$conf" >/dev/null 2>"$TMPD/err" ;;
		profiles) "$H" --root "$R" profiles "$conf" >/dev/null 2>"$TMPD/err" ;;
		esac
		status=$?
		[ "$status" = "$want_status" ] || fail "$name ($mode): exit $status, expected $want_status"
		[ "$(cat "$TMPD/err")" = "$want_err" ] ||
			fail "$name ($mode): stderr
  got:      $(cat "$TMPD/err")
  expected: $want_err"
	done
	count=$((count + 1))
done
[ "$count" -ge 30 ] || fail "only $count bad profiles in the corpus"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "a bad profile changed the tree"
[ ! -e "$R/var" ] || fail "a bad profile created the journal"
ok "$count bad profiles: expected message and status, nothing written"

# Unsafe owner and mode: refused when running as root, like sudoers.
if [ "$(id -u)" -ne 0 ]; then
	echo "owner/mode checks need root: skipped"
else
	cp "$top_srcdir/profiles/c10k.conf" "$TMPD/groupw.conf"
	chmod 664 "$TMPD/groupw.conf"
	run 65 "group-writable profile refused" -- "$H" --root "$R" apply "$TMPD/groupw.conf"
	[ "$(cat "$TMPD/err")" = "headroom: $TMPD/groupw.conf: writable by group or others (mode 0664): refusing it (chmod go-w $TMPD/groupw.conf)" ] ||
		fail "group-writable: $(cat "$TMPD/err")"
	cp "$top_srcdir/profiles/c10k.conf" "$TMPD/nobody.conf"
	chown 65534 "$TMPD/nobody.conf"
	run 65 "profile owned by another user refused" -- "$H" --root "$R" apply "$TMPD/nobody.conf"
	[ "$(cat "$TMPD/err")" = "headroom: $TMPD/nobody.conf: owned by uid 65534, not root: refusing a profile another user can change (chown root $TMPD/nobody.conf)" ] ||
		fail "foreign owner: $(cat "$TMPD/err")"
	# an unsafe file reached through include is refused too
	chmod 644 "$TMPD/groupw.conf"
	printf '[profile]\ninclude = nobody.conf\n' >"$TMPD/top.conf"
	run 65 "unsafe included file refused" -- "$H" --root "$R" apply "$TMPD/top.conf"
	grep -q "nobody.conf: owned by uid 65534" "$TMPD/err" || fail "include owner: $(cat "$TMPD/err")"
	# a profile too large to be one
	head -c 300000 /dev/zero | tr '\0' '#' >"$TMPD/big.conf"
	run 65 "oversized profile refused" -- "$H" --root "$R" apply "$TMPD/big.conf"
	grep -q "larger than 256 KiB" "$TMPD/err" || fail "big: $(cat "$TMPD/err")"
	snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "unsafe profiles changed the tree"
fi
# a sysctl off the allow-list goes through with --allow-any-sysctl only
run 0 "--allow-any-sysctl accepts a key off the list (dry run)" -- \
	"$H" --root "$R" apply --dry-run --allow-any-sysctl 21-forbidden-modprobe.conf
pass
