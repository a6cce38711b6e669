#!/bin/sh
# top keeps refreshing when it is out of file descriptors: once running,
# its soft RLIMIT_NOFILE is lowered (prlimit --pid) to 3, below what it
# already holds, so every open() fails with EMFILE; the frames go on and
# still follow the kernel (connections opened afterwards, a watched
# process that exits). Batch mode, then the screen in tmux. In a network
# namespace of its own, so the established count is exactly ours.
. "$top_srcdir/tests/top/lib.sh"
need_cmd prlimit
need_netns

# starve PID: lower its soft nofile limit under its open descriptors.
starve() {
	open=$(ls "/proc/$1/fd" | wc -l)
	prlimit --pid "$1" --nofile=3:
	grep -Eq '^Max open files +3 ' "/proc/$1/limits" || fail "soft limit not lowered"
	[ "$open" -gt 3 ] || fail "top holds only $open descriptors"
}

frames() {
	grep -c '^headroom top ' "$T/out" || true
}

# LeakSanitizer's exit check opens /proc/PID/task, which a starved
# process cannot: under the sanitizer build, leave leaks to the other tests.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

sleep 60 &
sleeper=$!
started "$sleeper"

"$HEADROOM" top --batch --interval 0.2 --iterations 40 --pid "$sleeper" >"$T/out" 2>"$T/err" &
top=$!
started "$top"
two_frames() {
	[ "$(frames)" -ge 2 ]
}
wait_until 5 two_frames || fail "no frames from top --batch"
starve "$top"
starved_at=$(frames)
hold_start 30
kill "$sleeper"
wait "$sleeper" 2>/dev/null || true
rc=0
wait "$top" || rc=$?
[ "$rc" -le 2 ] || fail "top --batch exited $rc when out of descriptors: $(cat "$T/err")"
[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
[ "$(frames)" = 40 ] || fail "$(frames) frames of 40"
# The frames after the limit still follow the kernel and the process.
awk -v from="$starved_at" '/^headroom top /{n++} n > from' "$T/out" >"$T/after"
grep -Eq '^established +60 ' "$T/after" || fail "established never reached 60 while out of fds"
grep -Eq "^sleep $sleeper +gone: exited" "$T/after" || fail "the exit was not seen while out of fds"
# Every layer row is still there in the last frame (but those of the
# process that exited).
layer_ids() {
	awk '/^LAYER /{p=1;next} /^$/{if(p)exit} p' | cut -d' ' -f1 | grep -v ':' | sort
}
first=$(layer_ids <"$T/out")
last=$(awk '/^headroom top /{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$T/out" | layer_ids)
[ "$first" = "$last" ] || fail "layer rows before the limit: $first; after: $last"
hold_stop

# The screen: the same, and a new pid cannot be watched (EMFILE, said so).
need_tmux
tm_start 80 24 "$HEADROOM top --interval 0.3"
tm_wait ' ListenOverflows +[0-9.k]+/s '
starve "$TOP_PID"
hold_start 25
tm_wait '^established +50 '
clock=$(tm_capture | head -1)
sleep 1.2
[ "$(tm_capture | head -1)" != "$clock" ] || fail "the clock stopped when out of fds"
tm_keys p "$$" Enter
tm_wait "pid $$: Too many open files"
hold_stop
tm_wait '^established +0 '
tm_keys q
tm_exited 0
pass
