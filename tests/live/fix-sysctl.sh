#!/bin/sh
# The printed sysctl fixes work: in a network namespace of its own, with
# somaxconn, the SYN backlog, the TIME_WAIT buckets and the port range set
# low, check prints a 'sysctl -w' fix for each; each is run as printed and
# the rerun finds every one of those rows ok. Only net.* keys are run
# (they are the namespace's own); a fix for any other key fails the test
# rather than touch the host.
#
# This machine may look like a container (/.dockerenv), where check
# rightly prints the runtime's --sysctl option instead; the test hides
# that file in a mount namespace of its own to see the host fixes.
. "$top_srcdir/tests/live/lib.sh"
need_cmd sysctl mount
need_netns

hide_dockerenv

sysctl -qw net.core.somaxconn=128 net.ipv4.tcp_max_syn_backlog=128 \
	net.ipv4.tcp_max_tw_buckets=1000 || skip "cannot set net.* sysctls in the namespace"
sysctl -qw net.ipv4.ip_local_port_range="40000 40999"
layers="ports.ephemeral backlog.somaxconn backlog.syn tcp.tw"

run check --target 20000 --role both
for id in $layers; do
	grep -qE "^$id +(WARN|FAIL) " "$OUT" || fail "$id: not short before the fixes"
done
# The fixes as printed: '# now: sysctl -w KEY=VALUE', up to a ';' (what
# follows is advice, not part of the command).
sed -n 's/^ *#* *now: *\(sysctl -w [^;]*\).*/\1/p' "$OUT" >"$TEST_TMP/fixes"
[ "$(wc -l <"$TEST_TMP/fixes")" -ge 4 ] || fail "fewer than 4 sysctl fixes printed: $(cat "$TEST_TMP/fixes")"
while IFS= read -r fix; do
	case $fix in
	"sysctl -w net."*) ;;
	*) fail "a printed fix outside the namespace's net.* keys: $fix" ;;
	esac
	sh -c "$fix" >/dev/null || fail "the printed fix failed: $fix"
	ok "ran: $fix"
done <"$TEST_TMP/fixes"

run check --target 20000 --role both
for id in $layers; do
	grep -qE "^$id +OK " "$OUT" || {
		show_run
		fail "$id: not ok after its printed fix"
	}
done
pass
