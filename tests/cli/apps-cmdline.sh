#!/bin/sh
# An application's command line that headroom cannot hold whole is never
# read in part (issue 14, no silent cut): options there can set the cap
# (memcached -c, redis-server --maxclients, haproxy -f), so a cap worked
# out from part of them would be a guess. On a copy of the apps fixture
# host: memcached with a 5 KB argument and haproxy with 120 arguments are
# unknown with the reason; with their own command lines they are known.
. "$top_srcdir/tests/live/lib.sh"
R=$TEST_TMP/apps
cp -a "$top_srcdir/tests/fixtures/hosts/apps" "$R"
chmod -R u+w "$R"

check_apps() {
	run_cmd "$HEADROOM" --root "$R" check --target 500 --role server --pid 4400 --pid 4600 \
		--format json
}

check_apps
expect_eq "memcached, its own command line" \
	"$(layer_field app.memcached.maxconns 4600 verdict)" ok
[ "$(layer_field app.haproxy.maxconn 4400 verdict)" != unknown ] ||
	fail "haproxy, its own command line: unknown"

python3 -c "
import sys
args = ['/usr/bin/memcached', '-c', '1000', '-o', 'x' * 5000]
sys.stdout.write('\0'.join(args) + '\0')" >"$R/proc/4600/cmdline"
python3 -c "
import sys
args = ['/usr/sbin/haproxy', '-Ws'] + ['-f', '/etc/haproxy/haproxy.cfg'] * 60
sys.stdout.write('\0'.join(args) + '\0')" >"$R/proc/4400/cmdline"
check_apps
expect_rc 3
expect_eq "memcached, a 5 KB command line" "$(layer_field app.memcached.maxconns 4600 verdict)" unknown
expect_eq "haproxy, 122 arguments" "$(layer_field app.haproxy.maxconn 4400 verdict)" unknown
expect_grep '"id":"app.memcached.maxconns".*"note":"/proc/4600/cmdline: more than 4095 bytes or 96 arguments: not read \(refused, not cut\)' "$OUT"
expect_grep '"id":"app.haproxy.maxconn".*"note":"/proc/4400/cmdline: more than 4095 bytes or 96 arguments: not read \(refused, not cut\)' "$OUT"
pass "command lines too long for headroom are unknown, not read in part"
