#!/bin/sh
# exec and raise on real processes: limits really set (read back from the
# shell and /proc/PID/limits), exec leaves no process in between, and the
# error paths name the ceiling, exit with the documented status and do not
# run the command. Every sleep started here is ended by its pid.
. "$top_srcdir/tests/tune/lib.sh"
hard=$(ulimit -Hn)
nr_open=$(cat /proc/sys/fs/nr_open)
[ "$hard" != unlimited ] || skip "hard nofile limit is unlimited"
soft_for_test=$((hard / 2))

run 0 "exec --nofile sets the soft limit" -- "$H" exec --nofile "$soft_for_test" -- sh -c 'ulimit -n'
[ "$(cat "$TMPD/out")" = "$soft_for_test" ] || fail "exec: ulimit -n says $(cat "$TMPD/out")"
run 0 "exec --nofile max is the hard limit" -- "$H" exec --nofile max -- sh -c 'ulimit -n'
[ "$(cat "$TMPD/out")" = "$hard" ] || fail "exec max: $(cat "$TMPD/out")"
run 0 "exec may lower (to reproduce a limit)" -- "$H" exec --nofile 256 -- sh -c 'ulimit -n'
[ "$(cat "$TMPD/out")" = 256 ] || fail "exec lower: $(cat "$TMPD/out")"
run 0 "exec --nproc" -- "$H" exec --nproc 4000 -- cat /proc/self/limits
grep -q "^Max processes *4000 " "$TMPD/out" || fail "exec nproc: $(grep processes "$TMPD/out")"

# exec replaces itself: the command has headroom's pid, no process between
"$H" exec --nofile 2048 -- sh -c 'echo $$ >"$0"; exec sleep 30' "$TMPD/child" &
bg=$!
started "$bg"
wait_until 5 test -s "$TMPD/child"
[ "$(cat "$TMPD/child")" = "$bg" ] && ok "exec leaves no process in between" ||
	fail "exec: command pid $(cat "$TMPD/child") != $bg"
grep -q "^Max open files *2048 " "/proc/$bg/limits" || fail "exec: /proc/$bg/limits: $(grep 'open files' /proc/$bg/limits)"
kill "$bg"

# above the hard limit: 77 without CAP_SYS_RESOURCE, and the command does not run
above=$((hard + 1000))
if sh -c "ulimit -Hn $above" 2>/dev/null; then
	run 0 "exec above the hard limit with CAP_SYS_RESOURCE" -- "$H" exec --nofile "$above" -- sh -c 'ulimit -Hn'
else
	run 77 "exec above the hard limit without CAP_SYS_RESOURCE" -- \
		"$H" exec --nofile "$above" -- touch "$TMPD/ran"
	grep -q "nofile $above exceeds the hard limit $hard, and raising a hard limit needs CAP_SYS_RESOURCE" "$TMPD/err" ||
		fail "message: $(cat "$TMPD/err")"
	grep -q "limits.d\|LimitNOFILE" "$TMPD/err" || fail "message does not say how to lift it"
	[ ! -e "$TMPD/ran" ] || fail "the command ran anyway"
fi
run 65 "exec above fs.nr_open" -- "$H" exec --nofile $((nr_open + 1)) -- touch "$TMPD/ran"
grep -q "exceeds fs.nr_open $nr_open, the kernel's ceiling" "$TMPD/err" || fail "nr_open: $(cat "$TMPD/err")"
[ ! -e "$TMPD/ran" ] || fail "the command ran above nr_open"
run 127 "exec of a missing command" -- "$H" exec --nofile 1024 -- /nonexistent/cmd
run 64 "exec without a command" -- "$H" exec --nofile 1024
run 65 "exec with a bad number" -- "$H" exec --nofile lots -- true

# raise on a running sleep with a low soft limit
sh -c 'ulimit -Sn 1024; exec sleep 30' &
sp=$!
started "$sp"
sleep 0.2
run 0 "raise --pid --nofile" -- "$H" raise --pid "$sp" --nofile 4096
grep -q "^pid $sp (sleep): nofile soft 1024 -> 4096, hard $hard -> $hard$" "$TMPD/out" ||
	fail "raise output: $(cat "$TMPD/out")"
grep -q "^Max open files *4096 *$hard " "/proc/$sp/limits" || fail "raise: /proc/$sp/limits disagrees"
run 0 "raise without --nofile goes to the hard limit" -- "$H" raise --pid "$sp"
grep -q "^Max open files *$hard *$hard " "/proc/$sp/limits" || fail "raise max: /proc/$sp/limits"
run 65 "raise never lowers" -- "$H" raise --pid "$sp" --nofile 100
grep -q "below the current soft limit $hard: raise never lowers" "$TMPD/err" || fail "lower: $(cat "$TMPD/err")"
if ! sh -c "ulimit -Hn $above" 2>/dev/null; then
	run 77 "raise above the hard limit without CAP_SYS_RESOURCE" -- "$H" raise --pid "$sp" --nofile "$above"
	grep -q "exceeds the hard limit $hard" "$TMPD/err" || fail "raise above: $(cat "$TMPD/err")"
fi
run 65 "raise above fs.nr_open" -- "$H" raise --pid "$sp" --nofile $((nr_open + 1))
if can_drop_root && $AS_NOBODY test -x "$H"; then
	run 77 "raise another user's process" -- \
		$AS_NOBODY "$H" raise --pid "$sp" --nofile "$hard"
	grep -q "prlimit: Operation not permitted (another user's process" "$TMPD/err" ||
		fail "other user: $(cat "$TMPD/err")"
fi
kill "$sp"
wait "$sp" 2>/dev/null
run 65 "raise a process that is gone" -- "$H" raise --pid "$sp" --nofile 2048
grep -q "raise: --pid $sp: no such process$" "$TMPD/err" || fail "gone: $(cat "$TMPD/err")"
run 64 "raise without --pid" -- "$H" raise --nofile 2048
run 65 "raise with a bad pid" -- "$H" raise --pid zero
pass
