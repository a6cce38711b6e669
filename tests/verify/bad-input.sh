#!/bin/sh
# Bad input: a clear one-line error, the documented exit code, and nothing
# opened.
. "$top_srcdir/tests/verify/lib.sh"

bad() { # bad RC PATTERN ARGS...
	want=$1 pattern=$2
	shift 2
	expect_error -G "$want" "$pattern" "$HEADROOM" verify "$@"
}

if [ -z "${HEADROOM_TEST_NETNS:-}" ]; then
bad 65 'target' --target 0
bad 65 'target' --target -5
bad 65 'not a number' --target 12abc
bad 65 'more than this machine could ever hold' --target 2000000000
bad 65 'more than this machine could ever hold' --what sockets --target 2000000000
bad 65 'sources: 16777215 is out of range (1..16777214)' --sources 16777215
bad 64 'not fds, sockets or connections' --what files
bad 65 'seconds' --timeout 0
bad 65 'seconds' --hold -1
bad 65 'HOST:PORT' --connect localhost
bad 65 "port '99999' is not a number in 1..65535" --connect 127.0.0.1:99999
bad 65 "port '0' is not a number in 1..65535" --connect 127.0.0.1:0
bad 64 'send goes with --connect' --send 'x'
bad 65 'bad escape at byte 3' --connect 127.0.0.1:9 --send 'ab\q'
bad 65 'send: empty' --connect 127.0.0.1:9 --send ''
bad 64 'two ends' --serve 9000 --connect 127.0.0.1:9
bad 65 "port '99999' is not a number in 1..65535" --serve 99999
bad 65 "port '99999' is not a number in 1..65535" --serve 127.0.0.1:99999
bad 65 'cannot resolve' --serve no-such-service
bad 64 'no --hold' --serve 9000 --hold 5
bad 64 "only the server side" --serve 9000 --processes 2
bad 64 'serve goes with --what connections' --serve 9000 --what fds
# a port is 1..65535 in digits, or a service name: 99999 was taken as 34463,
# ' 12' and '+5' as 12 and 5 by getaddrinfo (issue 14, defects 16 and 22)
for port in 99999 65536 0 +5 ' 12' 0x10 -1; do
	bad 65 "port '$port' is not a number in 1..65535 or a service name" --connect "127.0.0.1:$port" --target 1
done
bad 64 'IPv6 loopback has one address' --ipv6 --sources 2
bad 64 'more processes than' --target 10 --processes 11
bad 64 'unexpected argument' --target 10 extra
fi

# --connect needs a namespace: a closed port, a name that does not resolve
# (no network in there, so no query leaves the machine).
need_netns --pid
bad 2 'nothing accepts connections' --connect 127.0.0.1:9 --target 10
bad 65 'cannot resolve' --connect no-such-host.invalid:80 --target 10
expect_clean "bad input"
pass
