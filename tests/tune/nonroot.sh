#!/bin/sh
# Without privilege nothing is changed: an unprivileged user (setpriv to
# nobody) gets exit 77 and one line naming what needs root, on a fixture
# root and on the live system; revert likewise.
. "$top_srcdir/tests/tune/lib.sh"
need_nobody
NOBODY=$AS_NOBODY
$NOBODY test -x "$H" || skip "nobody cannot run $H"
R=$TMPD/root
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
run 77 "fixture root: apply as nobody" -- $NOBODY "$H" --root "$R" apply c10k
grep -q "needs root to change this system: writing $R/proc/sys/net/core/somaxconn needs write access" "$TMPD/err" ||
	fail "message: $(cat "$TMPD/err")"
[ "$(wc -l <"$TMPD/err")" -eq 1 ] || fail "more than one line: $(cat "$TMPD/err")"
run 77 "fixture root: persist only, as nobody" -- $NOBODY "$H" --root "$R" apply --persist c10k
grep -q "writing $R/etc/sysctl.d/90-headroom.conf needs write access to $R/etc/sysctl.d" "$TMPD/err" ||
	fail "message: $(cat "$TMPD/err")"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "nobody changed the fixture"
[ ! -e "$R/var" ] || fail "nobody created the journal"
run 0 "dry run works unprivileged" -- $NOBODY "$H" --root "$R" apply --dry-run c10k
# the live system: nothing may change, and no journal may appear
before=$(sysctl -n net.core.somaxconn fs.file-max 2>/dev/null)
had_journal=no
[ -e /var/lib/headroom ] && had_journal=yes
run 77 "live system: apply as nobody" -- $NOBODY "$H" apply c10k
after=$(sysctl -n net.core.somaxconn fs.file-max 2>/dev/null)
[ "$before" = "$after" ] || fail "live sysctls changed"
[ "$had_journal" = yes ] || [ ! -e /var/lib/headroom ] || fail "a journal appeared in /var/lib"
# revert as nobody on a root with a journal
"$H" --root "$R" apply c10k >/dev/null || fail "apply as root"
snapshot "$R" >"$TMPD/applied"
run 77 "revert as nobody" -- $NOBODY "$H" --root "$R" revert
snapshot "$R" | diff "$TMPD/applied" - >/dev/null || fail "nobody's revert changed something"
pass
