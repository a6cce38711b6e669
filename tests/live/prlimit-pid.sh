#!/bin/sh
# A real process with real limits: `sleep` started under
# prlimit --nofile=256:512 is watched with --pid. Its limits are read from
# /proc, it cannot carry 1000 connections, so the verdict is fail (exit 2)
# and both the JSON and the text name it by pid and command.
. "$top_srcdir/tests/live/lib.sh"
need_cmd prlimit

# sleeper SOFT:HARD: start `sleep 30` with these nofile limits; its pid in $pid.
sleeper() {
	prlimit --nofile="$1" sleep 30 &
	pid=$!
	started "$pid"
	wait_comm "$pid" sleep
}

sleeper 256:512

run check --target 1000 --pid "$pid" --format json
expect_rc 2
expect_eq "verdict" "$(top_field verdict)" fail
expect_eq "nofile.soft limit of pid $pid" "$(layer_field nofile.soft "$pid" limit)" 256
expect_eq "nofile.hard limit of pid $pid" "$(layer_field nofile.hard "$pid" limit)" 512
expect_eq "nofile.soft verdict of pid $pid" "$(layer_field nofile.soft "$pid" verdict)" fail
expect_eq "nofile.hard verdict of pid $pid" "$(layer_field nofile.hard "$pid" verdict)" fail
expect_eq "comm of pid $pid" "$(layer_field nofile.soft "$pid" comm)" sleep
# sleep holds stdin, stdout and stderr: fewer than the overhead the plan
# reserves, so it supports 256 - 16 connections, and that is the host's
# bottleneck.
expect_eq "bottleneck" "$(top_field bottleneck)" nofile.soft
expect_eq "max_supported" "$(top_field max_supported)" 240
# A fix for the process itself, not for limits.conf: a raise with
# CAP_SYS_RESOURCE, else (its hard limit is short) a restart
# (tests/live/fix-works.sh runs each).
layer nofile.soft "$pid" | grep -Eq "\"live\":\"(headroom raise --pid $pid |kill $pid; .* headroom exec --nofile 1280 -- sleep 30  )" ||
	fail "no live fix naming pid $pid: $(layer nofile.soft "$pid")"

run check --target 1000 --pid "$pid"
expect_rc 2
expect_grep "^nofile\.soft +FAIL +256 .*pid $pid \(sleep\): " "$OUT"
expect_grep "^nofile\.hard +FAIL +512 .*pid $pid \(sleep\): " "$OUT"
expect_grep "^FAIL: .*bottleneck nofile\.soft of pid $pid \(sleep\)" "$OUT"

# A second process whose soft limit is raised live (up to its hard limit,
# which needs no privilege): its verdict flips from fail to ok.
pid1=$pid
sleeper 256:4096
pid2=$pid
run check --target 1000 --pid "$pid2" --format json
expect_rc 2
expect_eq "nofile.soft verdict of pid $pid2" "$(layer_field nofile.soft "$pid2" verdict)" fail
expect_eq "nofile.hard verdict of pid $pid2" "$(layer_field nofile.hard "$pid2" verdict)" ok
prlimit --pid "$pid2" --nofile=4096:4096
run check --target 1000 --pid "$pid2" --format json
expect_eq "nofile.soft limit of pid $pid2 after raising" \
	"$(layer_field nofile.soft "$pid2" limit)" 4096
expect_eq "nofile.soft verdict of pid $pid2 after raising" \
	"$(layer_field nofile.soft "$pid2" verdict)" ok

pass
