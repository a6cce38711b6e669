#!/bin/sh
# --pid of a process that does not exist: one line naming the pid, exit 65
# (bad input data), nothing on stdout. Two kinds: a child that has just
# exited and been reaped, and a pid above kernel.pid_max.
. "$top_srcdir/tests/live/lib.sh"

sh -c 'exit 0' &
gone=$!
wait "$gone"
kill -0 "$gone" 2>/dev/null && skip "pid $gone was reused at once"

pid_max=$(cat /proc/sys/kernel/pid_max)
for pid in "$gone" $((pid_max + 1)); do
	for format in text json; do
		run check --target 1000 --pid "$pid" --format "$format"
		expect_rc 65
		[ ! -s "$OUT" ] || fail "--pid $pid ($format): something on stdout: $(cat "$OUT")"
		expect_eq "lines on stderr for --pid $pid" "$(wc -l <"$ERR")" 1
		expect_grep "^headroom: --pid $pid: no such process$" "$ERR"
	done
done

# Among real pids, one missing pid still fails the whole check.
run check --pid $$ --pid "$gone"
expect_rc 65
expect_grep "pid $gone: no such process" "$ERR"
pass
