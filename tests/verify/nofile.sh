#!/bin/sh
# One client process under a 256-descriptor limit stops near 256 and names
# nofile.soft; exit 2; nothing left behind.
. "$top_srcdir/tests/verify/lib.sh"
need_netns --pid

run_cmd prlimit --nofile=256:256 "$HEADROOM" verify --target 1000 --processes 1 --format json
expect_rc 2 "nofile 256"
expect_out '"bottleneck": "nofile.soft"' "nofile 256"
expect_out '"errno": "EMFILE"' "nofile 256"
reached=$(json_field established)
in_range "$reached" 200 256 || fail "reached $reached, expected near 256"
expect_clean "nofile 256"

# The text report names the layer and check's fix.
run_cmd prlimit --nofile=256:256 "$HEADROOM" verify --target 1000 --processes 1
expect_out 'stopped by: nofile.soft' "nofile text"
expect_out 'EMFILE' "nofile text"
expect_clean "nofile text"

# --what fds proves the per-process limit in one process.
run_cmd prlimit --nofile=512:512 "$HEADROOM" verify --what fds --target 1000 --format json
expect_rc 2 "fds 512"
expect_out '"bottleneck": "nofile.soft"' "fds 512"
reached=$(json_field established)
in_range "$reached" 480 512 || fail "fds: reached $reached, expected near 512"
pass
