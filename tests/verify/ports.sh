#!/bin/sh
# With the ephemeral range narrowed to 1,000 ports (in our own namespace),
# one source address stops near 1,000 on ports.ephemeral; four reach 3,000.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid

sysctl -q -w net.ipv4.ip_local_port_range="40000 40999" || fail "cannot narrow the range"
verify --sources 1 --target 3000 --format json
expect_rc 2 "1 source"
expect_out '"bottleneck": "ports.ephemeral"' "1 source"
expect_out '"errno": "EADDRNOTAVAIL"' "1 source"
reached=$(json_field established)
in_range "$reached" 900 1000 || fail "1 source: reached $reached, expected near 1000"
expect_clean "1 source"

verify --sources 4 --target 3000 --format json
expect_rc 0 "4 sources"
[ "$(json_field established)" -eq 3000 ] || fail "4 sources: not all 3000 established"
expect_clean "4 sources"

# Chosen automatically, the sources cover the target too.
verify --target 3000
expect_rc 0 "auto sources"
expect_out 'sources: [0-9]* addresses 127.0.0.1-127.0.0.' "auto sources"
expect_clean "auto sources"
pass
