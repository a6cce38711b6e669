#!/bin/sh
# A zombie and a hidden pid mean the same in every command (issue 14,
# defect 22). A zombie has exited: it holds no files and its limits cannot
# be raised, so check, explain, raise and top all say "no such process (a
# zombie ...)" with exit 65, where check, explain and raise took it for a
# live process and top alone refused it. A pid that /proc hides from this
# user (hidepid=2) exists: that is permission needed (77), not bad input
# (65); tested in a pid and mount namespace of its own with a private
# /proc, as nobody.
. "$top_srcdir/tests/live/lib.sh"

# sh forks a short sleep and execs a long one, which never reaps it: a
# zombie once the short one ends
sh -c 'sleep 0.3 & echo $! >"$1"; exec sleep 30' sh "$TEST_TMP/zpid" &
parent=$!
at_exit "kill $parent 2>/dev/null"
is_zombie() {
	[ -s "$TEST_TMP/zpid" ] && grep -q '^State:.*Z' "/proc/$(cat "$TEST_TMP/zpid")/status"
}
wait_until 5 is_zombie || skip "no zombie could be made"
z=$(cat "$TEST_TMP/zpid")
want="--pid $z: no such process (a zombie: it has exited and holds no files; its parent, pid $parent, has not reaped it)"

for cmd in "check --target 100 --pid $z" "check --format json --pid $z" \
	"explain --pid $z too many open files" "top --batch --iterations 1 --pid $z"; do
	# shellcheck disable=SC2086
	run $cmd
	expect_rc "$cmd" 65
	[ ! -s "$OUT" ] || fail "$cmd: something on stdout: $(head -c 300 "$OUT")"
	grep -qF -- "$want" "$ERR" || fail "$cmd: $(cat "$ERR")"
done
run raise --pid "$z" --nofile 2048
expect_rc "raise" 65
grep -qF -- "raise: $want" "$ERR" || fail "raise: $(cat "$ERR")"
kill "$parent"

# hidepid: a process of root's that nobody cannot see
can_drop_root || skip "cannot drop to nobody (root and setpriv or runuser needed)"
$AS_NOBODY test -x "$HEADROOM" || skip "nobody cannot run $HEADROOM"
cat >"$TEST_TMP/hidden.sh" <<EOS
mount -o remount,hidepid=2 /proc || exit 99
sleep 30 &
s=\$!
for cmd in "check --target 100 --pid \$s" "explain --pid \$s too many open files" \
	"top --batch --iterations 1 --pid \$s" "raise --pid \$s --nofile 2048"; do
	$AS_NOBODY "$HEADROOM" \$cmd >/dev/null 2>"$TEST_TMP/hidden.err"
	echo "\$? \$cmd: \$(cat "$TEST_TMP/hidden.err")"
done
kill \$s
EOS
unshare -m -p --fork --mount-proc sh "$TEST_TMP/hidden.sh" >"$TEST_TMP/hidden.out" 2>&1
rc=$?
[ "$rc" = 99 ] && skip "zombie part passed; /proc cannot be remounted with hidepid here"
[ -s "$TEST_TMP/hidden.out" ] || skip "zombie part passed; no pid and mount namespace here ($rc)"
while read -r status rest; do
	[ "$status" = 77 ] || fail "hidden pid, exit $status: $rest"
	case $rest in
	*"hidden from this user (/proc is mounted with hidepid): run as root or as its owner"*) ;;
	*) fail "hidden pid: $rest" ;;
	esac
done <"$TEST_TMP/hidden.out"
[ "$(wc -l <"$TEST_TMP/hidden.out")" = 4 ] || fail "hidden: $(cat "$TEST_TMP/hidden.out")"
cat "$TEST_TMP/hidden.out"
pass
