#!/bin/sh
# The terminal comes back on every way out: `q`; stderr written while the
# screen is up, shown only after it is restored; SIGTERM and Ctrl-C (top
# dies of the signal, as its parent expects); a fatal signal (SIGSEGV);
# --iterations running out.
. "$top_srcdir/tests/top/lib.sh"
need_tmux

hook='hook: written to stderr while the screen was up'
# The tmux server passes its environment on to the pane.
HEADROOM_TOP_TEST_STDERR=$hook tm_start 80 24 "$HEADROOM top"
tm_wait '^LAYER '
if grep -q "$hook" "$T/screen"; then
	fail "stderr drawn over the screen"
fi
tm_keys q
tm_exited 0
tm_wait "^$hook\$"

tm_start 80 24 "$HEADROOM top"
tm_wait '^LAYER '
kill -TERM "$TOP_PID"
tm_exited 143

tm_start 80 24 "$HEADROOM top"
tm_wait '^LAYER '
tm_keys C-c
tm_exited 130

tm_start 80 24 "$HEADROOM top"
tm_wait '^LAYER '
kill -SEGV "$TOP_PID"
tm_exited 139
tm_wait '^headroom: top: fatal signal; terminal restored$'

tm_start 80 24 "$HEADROOM top --iterations 2 --interval 0.2"
tm_exited 0
pass
