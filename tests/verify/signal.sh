#!/bin/sh
# SIGINT while holding, SIGTERM while establishing: verify tears everything
# down promptly and leaves nothing behind.
. "$top_srcdir/tests/verify/lib.sh"
in_namespace

"$HEADROOM" verify --target 3000 --hold 60 >"$out" 2>"$err" &
pid=$!
i=0
while [ "$(ss -tanH state established | wc -l)" -lt 6000 ]; do
	i=$((i + 1))
	[ "$i" -lt 300 ] || fail "hold: 3000 connections never came up in 30 s"
	sleep 0.1
done
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
expect_rc 0 "SIGINT during --hold"
expect_out 'held: ' "SIGINT during --hold"
expect_clean "SIGINT during --hold"

# A slow server keeps the run establishing; SIGTERM ends it.
sysctl -q -w net.core.somaxconn=4
HEADROOM_VERIFY_ACCEPT_DELAY_MS=50 "$HEADROOM" verify --target 1000 --timeout 60 \
	>"$out" 2>"$err" &
pid=$!
sleep 1
start=$(date +%s)
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ $(($(date +%s) - start)) -le 10 ] || fail "SIGTERM: teardown took over 10 s"
expect_rc 3 "SIGTERM while establishing"
expect_out 'INTERRUPTED' "SIGTERM while establishing"
expect_clean "SIGTERM while establishing"
echo "PASS"
