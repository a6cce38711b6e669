#!/bin/sh
# The listener as it is: in a network namespace of its own, a server
# listens while net.core.somaxconn is 128, asking for 4096 (it gets 128);
# somaxconn is then raised to 4096. check --pid still warns about that
# listener (backlog.listen: 128, from the census), names the pid, and its
# printed fix, run as printed, restarts the server, whose new listener
# has the new backlog; then the row is ok. Without --pid the
# backlog.somaxconn row names the listener and its pid.
. "$top_srcdir/tests/live/lib.sh"
need_cmd perl sysctl
need_netns

sysctl -qw net.core.somaxconn=128 || skip "cannot set net.core.somaxconn in the namespace"
cd "$TEST_TMP"
# A listener that asks for the backlog its second argument says.
cat >listener.pl <<'PERL'
use Socket;
socket(S, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
setsockopt(S, SOL_SOCKET, SO_REUSEADDR, 1);
bind(S, sockaddr_in($ARGV[0], INADDR_LOOPBACK)) or die "bind: $!";
listen(S, $ARGV[1]) or die "listen: $!";
sleep 120;
PERL
perl listener.pl 8080 4096 &
pid=$!
started "$pid"
listening() { ss -ltn 'sport = :8080' | grep -q LISTEN; }
wait_until 5 listening || fail "the listener did not start"
sysctl -qw net.core.somaxconn=4096

run check --target 2000 --role server --pid "$pid" --format json
expect_rc 1 2
row=$(layer backlog.listen "$pid")
[ -n "$row" ] || fail "no backlog.listen row for pid $pid: $(grep listen "$OUT")"
expect_eq "its limit" "$(echo "$row" | field limit)" 128
expect_eq "its verdict" "$(echo "$row" | field verdict)" warn
expect_eq "its listener" "$(echo "$row" | field listen)" 127.0.0.1:8080
expect_eq "somaxconn" "$(layer_field backlog.somaxconn - verdict)" ok
echo "$row" | grep -Fq "net.core.somaxconn is 4096 now, but this listener took 128 at listen()" ||
	fail "the note does not say why: $row"
fix=$(echo "$row" | sed -n 's/.*"live":"\([^"]*\)".*/\1/p' | sed 's/  (restarts .*//')
case $fix in
"kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; cd '$TEST_TMP' && perl listener.pl 8080 4096") ;;
*) fail "the fix does not restart pid $pid as it was started: $fix" ;;
esac

run check --target 2000 --role server --pid "$pid"
expect_grep "^backlog\.listen +WARN +128 .*pid $pid \(perl\): 127\.0\.0\.1:8080: " "$OUT"

# Without --pid: the somaxconn row names the listener and its process.
run check --target 2000 --role server --format json
layer backlog.somaxconn | grep -Fq "127.0.0.1:8080 has a backlog of 128, set at listen()" ||
	fail "backlog.somaxconn does not name the listener: $(layer backlog.somaxconn)"
layer backlog.somaxconn | grep -Fq "restarting pid $pid (perl)" ||
	fail "backlog.somaxconn does not name pid $pid: $(layer backlog.somaxconn)"

# Run the printed fix; the new server's listener has the new backlog.
sh -c "$fix" >/dev/null 2>&1 &
started $!
new=
new_listener() {
	gone "$pid" || return 1
	new=$(pgrep -f '^perl listener.pl 8080' | head -n 1)
	[ -n "$new" ] && listening
}
wait_until 10 new_listener || fail "the fix did not restart the listener"
started "$new"
expect_grep "LISTEN +0 +4096 +127\.0\.0\.1:8080 " "$(ss -ltn 'sport = :8080' >"$TEST_TMP/ss"; echo "$TEST_TMP/ss")"
run check --target 2000 --role server --pid "$new" --format json
expect_eq "limit after the restart" "$(layer_field backlog.listen "$new" limit)" 4096
expect_eq "verdict after the restart" "$(layer_field backlog.listen "$new" verdict)" ok
pass
