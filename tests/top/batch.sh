#!/bin/sh
# `headroom top --batch`: two frames on a fixture root compared with the
# expected text, the exit status of the last frame's verdict, a watched
# process that exits while watched, and every bad input with its one-line
# error and exit status. UPDATE=1 rewrites the expected file (review it).
. "$top_srcdir/tests/top/lib.sh"

expected="$top_srcdir/tests/top/expected/batch-debian12.out"

# The debian12 fixture host, with what top reads on top of it: the host
# name and kernel, the TCP counters, and a server (pid 4242) with 40 fds.
cp -R "$top_srcdir/tests/fixtures/hosts/debian12" "$T/root"
cp -R "$top_srcdir/tests/top/root-overlay/." "$T/root/"
chmod -R u+w "$T/root"

rc=0
"$HEADROOM" --root "$T/root" top --batch --iterations 2 --interval 0.2 --target 10000 \
	--pid 4242 --user alice >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "exit status $rc, expected 2 (fail): $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
# The view's clock and the layers' age depend on the machine's speed.
sed -E 's/  up [0-9]+:[0-9]{2}:[0-9]{2}/  up H:MM:SS/; s/  probed [0-9]+ [a-z]+ ago//' \
	"$T/out" >"$T/out.norm"
expect_golden "$expected" "$T/out.norm" "batch frames"

# A watched process that exits: listed while alive, then as gone.
# (1.5 s: alive when top starts even under the sanitizers; 16 frames of
# 0.25 s see it end.)
sleep 1.5 &
sleeper=$!
started "$sleeper"
"$HEADROOM" top --batch --iterations 16 --interval 0.25 --pid "$sleeper" >"$T/gone" ||
	[ $? -le 2 ] || fail "top --batch failed watching a pid"
grep -Eq "^sleep $sleeper +\\[[#.]+\\] +[0-9]+/[0-9]+ " "$T/gone" ||
	fail "no live row for the watched pid"
tail -n 40 "$T/gone" | grep -Eq "^sleep $sleeper +gone: exited by 0:00:0[0-9], last [0-9]+/[0-9]+ fds$" ||
	fail "the exited pid is not shown as gone"

# Bad input: one line naming the problem, the documented status, no frame.
check_error() { # STATUS REGEX ARGS...
	want=$1 regex=$2
	shift 2
	expect_error "$want" "$regex" "$HEADROOM" "$@"
}
check_error 64 'headroom top: not a terminal: use `headroom top --batch` .* or `headroom check`' top
check_error 65 '^headroom: --pid 999999: no such process$' --root "$T/root" top --batch --pid 999999
check_error 65 "^headroom top: --pid: no process named 'self'$" top --batch --pid self
check_error 65 "^headroom top: --target: 0 is out of range" top --batch --target 0
check_error 65 "^headroom top: --interval: not a number of seconds: '1s'$" top --batch --interval 1s
check_error 65 '^headroom top: --interval: 0 is out of range \(0.01..86400 seconds\)$' top --batch --interval 0
check_error 65 "^headroom top: --iterations: 0 is out of range" top --batch --iterations 0
check_error 64 "^headroom top: --role: 'peer' is not client, server or both$" top --batch --role peer
check_error 64 "^headroom top: unknown option '--frobnicate'\$" top --frobnicate
check_error 64 "^Try 'headroom top --help'.\$" top --frobnicate
check_error 64 '^headroom top: --pid: missing argument$' top --batch -p
check_error 64 "^headroom top: unexpected argument '5'$" top --batch 5

# A process this user may not inspect: permission, not a crash.
if can_drop_root; then
	rc=0
	$AS_NOBODY "$HEADROOM" top --batch --iterations 1 --pid 1 >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" = 77 ] || fail "--pid 1 as nobody: exit $rc, expected 77"
	grep -Eq '^headroom: --pid 1 \(.*\): may not read /proc/1/fd \(run as root or as its owner\)$' \
		"$T/err" || fail "--pid 1 as nobody: $(cat "$T/err")"
fi
pass
