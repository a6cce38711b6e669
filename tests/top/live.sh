#!/bin/sh
# The live view against real sockets, in a network namespace of its own so
# the kernel's counters move only with this test's connections: the
# established counter and the accept queue follow connections the test
# opens and closes; `p` adds a process live (a bad pid is refused on the
# message line); a watched process that exits stays on screen as gone.
. "$top_srcdir/tests/top/lib.sh"
need_tmux
need_netns

sleep 60 &
sleeper=$!
started "$sleeper"

tm_start 80 24 "$HEADROOM top --interval 0.3"
tm_wait '^established +0 +0/s '
tm_wait ' accept queue +- +no TCP listener$'

# 40 connections, both ends here: 80 established sockets; the last
# listener (backlog 8) leaves 5 of them in its accept queue.
hold_start 40 -k 20 -q 5 -B 8
tm_wait '^established +80 '
tm_wait ' accept queue +5/8 peak 5 127\.0\.0\.1:[0-9]+$'
hold_stop
# The holder resets its sockets on close: nothing is left in TIME_WAIT.
tm_wait '^established +0 '
tm_wait ' accept queue +- +no TCP listener$'

# `p`: a pid that does not exist is refused, a real one is watched.
tm_keys p abc Enter
tm_wait "pid: not a number: 'abc'"
tm_keys p 999999999 Enter
tm_wait 'pid 999999999: no such process'
tm_keys p "$sleeper" Enter
tm_wait "watching pid $sleeper \\(sleep\\)"
tm_wait '^PROCESS '
tm_wait "^sleep $sleeper +\\[[#.]+\\] +[0-9]+/[0-9]+ +"
# It exits: still listed, as gone.
kill "$sleeper"
wait "$sleeper" 2>/dev/null || true
tm_wait "^sleep $sleeper +gone: exited by [0-9]+:[0-9]{2}:[0-9]{2}, last [0-9]+/[0-9]+ fds$"

tm_keys q
tm_exited 0
pass
