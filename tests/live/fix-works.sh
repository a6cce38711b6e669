#!/bin/sh
# Every kind of "now" fix check prints for a watched process is run here
# as printed, and its effect read back from /proc/PID/limits:
#   - a soft limit under the hard one, our own process: headroom raise
#     (and the prlimit equivalent keeps the hard limit);
#   - the same, another user's process (nobody) and no CAP_SYS_RESOURCE:
#     the raise run as its owner (setpriv); the plain raise exits 77;
#   - a short hard limit without CAP_SYS_RESOURCE: a restart under
#     headroom exec with the higher limit, ours and nobody's (as nobody);
#   - a short hard limit and this session's own hard limit short too:
#     no command, the reason.
# headroom and every printed command run without CAP_SYS_RESOURCE
# (dropped from the bounding set), whatever this machine grants root.
. "$top_srcdir/tests/live/lib.sh"
need_cmd prlimit setpriv
need_nobody
setpriv --bounding-set=-sys_resource true 2>/dev/null ||
	skip "cannot drop CAP_SYS_RESOURCE (setpriv --bounding-set)"

# nocap COMMAND...: run it without CAP_SYS_RESOURCE.
nocap() {
	setpriv --bounding-set=-sys_resource -- "$@"
}
chmod 755 "$TEST_TMP"
mkdir "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
PATH=$TEST_TMP/bin:$PATH
export PATH
name=$(printf '%.15s' "hr-fix$$")
cp "$(command -v sleep)" "$TEST_TMP/bin/$name"
chmod 755 "$TEST_TMP/bin" "$TEST_TMP/bin/$name"
# The target: 2,000 server connections need about 2,016 fds; the fixes
# set 2,560 (20% margin, rounded).
want=2560
own_hard=$(ulimit -Hn)
[ "$own_hard" = unlimited ] || [ "$own_hard" -ge "$want" ] ||
	skip "this shell's hard nofile $own_hard is below $want"

# sleeper SOFT:HARD [AS...]: start the copy of sleep with these limits,
# as whoever AS says; its pid in $pid.
sleeper() {
	_lim=$1
	shift
	(cd "$TEST_TMP" && exec prlimit --nofile="$_lim" "$@" "$TEST_TMP/bin/$name" 300) &
	pid=$!
	started "$pid"
	wait_comm "$pid" "$name"
}

# now_fix PID: the "now" fix of its nofile.soft row in $OUT (JSON), the
# command alone (what comes before the two blanks and the parenthesis).
now_fix() {
	layer nofile.soft "$1" | sed -n 's/.*"live":"\([^"]*\)".*/\1/p' | sed 's/  (.*//'
}

limits_of() {
	sed -n 's/^Max open files *\([0-9a-z]*\) *\([0-9a-z]*\) .*/\1:\2/p' "/proc/$1/limits"
}

check_pid() {
	run_cmd nocap "$HEADROOM" check --target 2000 --role server --pid "$1" --format json
	expect_rc 2 "check --pid $1"
}

# 1. Our own process, soft short, hard enough: the raise, and its prlimit
#    equivalent keeps the hard limit.
sleeper 256:8192
check_pid "$pid"
fix=$(now_fix "$pid")
expect_eq "fix for our own process" "$fix" "headroom raise --pid $pid --nofile $want"
layer nofile.soft "$pid" | grep -Fq "(prlimit --pid $pid --nofile=$want:8192)" ||
	fail "the prlimit equivalent does not keep the hard limit: $(layer nofile.soft "$pid")"
run_cmd nocap sh -c "$fix"
expect_rc 0 "$fix"
expect_eq "limits after the raise" "$(limits_of "$pid")" "$want:8192"
run_cmd nocap prlimit --pid "$pid" --nofile=3000:8192
expect_rc 0 "the prlimit equivalent"
expect_eq "limits after prlimit" "$(limits_of "$pid")" "3000:8192"
stop "$pid"

# 2. nobody's process, soft short: the raise as its owner; the caps row
#    says this session may not do it itself.
sleeper 256:8192 setpriv --reuid=65534 --regid=65534 --clear-groups --
check_pid "$pid"
fix=$(now_fix "$pid")
expect_eq "fix for nobody's process" "$fix" \
	"setpriv --reuid=65534 --regid=65534 --clear-groups headroom raise --pid $pid --nofile $want"
expect_eq "caps verdict" "$(layer_field caps - verdict)" warn
layer caps | grep -Fq "pid $pid ($name) belongs to nobody" ||
	fail "caps row does not name nobody's process: $(layer caps)"
run_cmd nocap "$HEADROOM" raise --pid "$pid" --nofile "$want"
expect_rc 77 "the plain raise of nobody's process"
expect_eq "limits after the refused raise" "$(limits_of "$pid")" "256:8192"
run_cmd nocap sh -c "$fix"
expect_rc 0 "$fix"
expect_eq "limits after the raise as nobody" "$(limits_of "$pid")" "$want:8192"
stop "$pid"

# restarted OLD: the process that replaced OLD (same name); $new.
restarted() {
	new=
	wait_until 10 new_one "$1" || fail "no new $name after the restart of $1"
	started "$new"
}
new_one() {
	gone "$1" || return 1
	new=$(pgrep -x "$name" | head -n 1)
	[ -n "$new" ] && _t_is_comm "$new" "$name"
}

# 3. Our own process, hard limit short: a restart under headroom exec.
sleeper 256:256
check_pid "$pid"
fix=$(now_fix "$pid")
case $fix in
"kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; cd '$TEST_TMP' && headroom exec --nofile $want -- $TEST_TMP/bin/$name 300") ;;
*) fail "fix for a short hard limit: $fix" ;;
esac
layer nofile.hard "$pid" | grep -Fq "no CAP_SYS_RESOURCE here, a live raise cannot lift it" ||
	fail "the restart does not say why: $(layer nofile.hard "$pid")"
nocap sh -c "$fix" >/dev/null 2>&1 &
started $!
restarted "$pid"
expect_eq "limits of the restarted process" "$(limits_of "$new")" "$want:$own_hard"
expect_eq "owner of the restarted process" "$(stat -c %u "/proc/$new")" 0
stop "$new"

# 4. nobody's process, hard limit short: restarted as nobody.
sleeper 256:256 setpriv --reuid=65534 --regid=65534 --clear-groups --
check_pid "$pid"
fix=$(now_fix "$pid")
case $fix in
*"headroom exec --nofile $want -- setpriv --reuid=65534 --regid=65534 --init-groups $TEST_TMP/bin/$name 300") ;;
*) fail "fix for nobody's short hard limit: $fix" ;;
esac
nocap sh -c "$fix" >/dev/null 2>&1 &
started $!
restarted "$pid"
expect_eq "limits of nobody's restarted process" "$(limits_of "$new")" "$want:$own_hard"
expect_eq "owner of the restarted process" "$(stat -c %u "/proc/$new")" 65534
stop "$new"

# 5. This session's own hard limit is short too: no command, the reason.
sleeper 256:256
run_cmd nocap prlimit --nofile=1024:1024 "$HEADROOM" check --target 2000 --role server \
	--pid "$pid" --format json
expect_rc 2
case $(now_fix "$pid") in
"none from this session: its hard limit 256 is short, this session's own is 1024 and it lacks CAP_SYS_RESOURCE; restart it from an environment with a hard limit of $want or more (see persist)") ;;
*) fail "fix when nothing here can work: $(now_fix "$pid")" ;;
esac
expect_eq "limits untouched" "$(limits_of "$pid")" "256:256"
pass
