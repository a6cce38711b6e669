#!/bin/sh
# shellcheck disable=SC2086 # $AS_USER: a command prefix, split on purpose
# check as an unprivileged user, for real: as root the test drops to nobody
# (65534) with setpriv (or runuser); as a user it runs as itself. The check
# must not crash on what it may not read, must say it lacks
# CAP_SYS_RESOURCE, and --pid of a process it may not inspect (pid 1, root's)
# is exit 77 with one line about permission.
. "$top_srcdir/tests/live/lib.sh"
# A pid namespace of its own: the user's processes counted are this test's,
# not those of other tests running as nobody at the same time.
[ "$(id -u)" = 0 ] && need_netns --pid

bin=$HEADROOM
if [ "$(id -u)" = 0 ]; then
	# A command prefix, not a function: "$AS_USER sleep 30 &" must leave
	# the sleeper's pid (or its parent's, which passes signals on) in $!.
	need_nobody
	AS_USER=$AS_NOBODY
	user=$(getent passwd 65534 | cut -d: -f1)
	[ -n "$user" ] || skip "no user with uid 65534"
	# The build directory may not be reachable by nobody: run a copy.
	chmod 755 "$TEST_TMP"
	cp "$HEADROOM" "$TEST_TMP/headroom"
	chmod 755 "$TEST_TMP/headroom"
	bin=$TEST_TMP/headroom
	$AS_USER "$bin" --version >/dev/null 2>&1 || skip "$user cannot run $bin"
else
	AS_USER=""
	user=$(id -un)
fi
if [ -n "$AS_USER" ]; then
	expect_eq "uid of the checking process" "$($AS_USER id -u)" 65534
fi

# Two sleepers of the user's own, for the nproc count.
$AS_USER sleep 30 &
started $!
$AS_USER sleep 30 &
started $!
uid=$($AS_USER id -u)
# threads of the user's processes now, as ps counts them, plus check itself
user_threads() {
	ps -o nlwp= -u "$uid" | awk '{ n += $1 } END { print n + 1 }'
}

run_cmd $AS_USER "$bin" check --target 10000 --user "$user" --format json
expect_rc 0 1 2
expect_grep '^\{"schema":1,' "$OUT"
expect_eq "closing line of the JSON" "$(tail -n 1 "$OUT")" "]}"
layer caps | grep -Fq 'CAP_SYS_RESOURCE no' || fail "caps layer: $(layer caps)"
layer caps | grep -Fq 'cannot raise a hard limit above its current value without sudo' ||
	fail "caps layer does not say what is missing: $(layer caps)"
layer limits.conf | grep -Fq "user $user: soft" || fail "limits.conf layer: $(layer limits.conf)"
# Every layer got a verdict; none is missing from the report.
for id in nofile.soft nofile.hard fs.nr_open fs.file-max ports.ephemeral nproc caps; do
	[ -n "$(layer "$id")" ] || fail "layer $id is missing"
done
[ ! -s "$ERR" ] || fail "messages on stderr: $(cat "$ERR")"
# RLIMIT_NPROC use: the user's threads, the sleepers and check among them.
# Other processes of the user may come and go meanwhile: one retry.
want=$(user_threads)
got=$(layer_field nproc - use)
if [ "$got" != "$want" ]; then
	run_cmd $AS_USER "$bin" check --target 10000 --user "$user" --format json
	want=$(user_threads)
	got=$(layer_field nproc - use)
fi
[ "$got" -ge 3 ] || fail "nproc use $got: the two sleepers and check are $user's"
expect_eq "nproc use (threads of $user's processes)" "$got" "$want"

run_cmd $AS_USER "$bin" check --target 10000 --user "$user"
expect_rc 0 1 2
expect_grep '^(OK|WARN|FAIL): this host supports ' "$OUT"

# pid 1 belongs to root: its limits are world-readable, its fds are not.
if [ "$(stat -c %u /proc/1)" = 0 ]; then
	run_cmd $AS_USER "$bin" check --target 10000 --pid 1
	expect_rc 77
	[ ! -s "$OUT" ] || fail "--pid 1: something on stdout: $(cat "$OUT")"
	expect_eq "lines on stderr for --pid 1" "$(wc -l <"$ERR")" 1
	expect_grep '^headroom: --pid 1 \(.*\): permission denied' "$ERR"
else
	echo "pid 1 is not root's here: permission case not run" >&2
fi
pass
