#!/bin/sh
# A server that accepts slowly (the HEADROOM_VERIFY_ACCEPT_DELAY_MS test
# hook) behind a tiny accept queue: the backlog layer is named.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid

sysctl -q -w net.core.somaxconn=4 || fail "cannot set somaxconn"
run_cmd env HEADROOM_VERIFY_ACCEPT_DELAY_MS=20 "$HEADROOM" verify --target 500 --timeout 3 \
	--format json
expect_rc 2 "slow server"
expect_out '"bottleneck": "backlog\.' "slow server"
overflows=$(json_field listen_overflows)
[ "${overflows:-0}" -gt 0 ] || fail "slow server: no ListenOverflows counted"
expect_clean "slow server"
pass
