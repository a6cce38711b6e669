#!/bin/sh
# SIGINT while holding, SIGTERM while establishing: verify tears everything
# down promptly and leaves nothing behind.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid

"$HEADROOM" verify --target 3000 --hold 60 >"$OUT" 2>"$ERR" &
pid=$!
all_up() {
	[ "$(ss -tanH state established | wc -l)" -ge 6000 ]
}
wait_until 30 all_up || fail "hold: 3000 connections never came up in 30 s"
kill -INT "$pid"
RC=0
wait "$pid" || RC=$?
expect_rc 0 "SIGINT during --hold"
expect_out 'held: ' "SIGINT during --hold"
expect_clean "SIGINT during --hold"

# A slow server keeps the run establishing; SIGTERM ends it.
sysctl -q -w net.core.somaxconn=4
HEADROOM_VERIFY_ACCEPT_DELAY_MS=50 "$HEADROOM" verify --target 1000 --timeout 60 \
	>"$OUT" 2>"$ERR" &
pid=$!
sleep 1
start=$(date +%s)
kill -TERM "$pid"
RC=0
wait "$pid" || RC=$?
[ $(($(date +%s) - start)) -le 10 ] || fail "SIGTERM: teardown took over 10 s"
expect_rc 3 "SIGTERM while establishing"
expect_out 'INTERRUPTED' "SIGTERM while establishing"
expect_clean "SIGTERM while establishing"
pass
