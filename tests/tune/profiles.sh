#!/bin/sh
# headroom profiles: the shipped profiles are found from the build tree
# (before any install) with their descriptions; one profile prints
# resolved, includes applied, with a verdict per line that follows the
# system (change before apply, ok after).
. "$top_srcdir/tests/tune/lib.sh"
run 0 "profiles lists the shipped profiles" -- "$H" profiles
for p in c10k c100k c1m websocket-loadtest macos-dev; do
	grep -q "^$p  *[0-9a-zA-Z]" "$TMPD/out" || fail "profiles: $p missing: $(cat "$TMPD/out")"
done
grep -q "from .* and $top_srcdir/profiles" "$TMPD/out" || fail "profiles not found in the source tree"

R=$TMPD/root
mkroot linux "$R"
export SUDO_USER=nobody # judge limits.d for a user that `*` applies to
run 1 "profiles c100k on a fresh root: something to change" -- "$H" --root "$R" profiles c100k
grep -q "^# includes .*/c10k.conf$" "$TMPD/out" || fail "no include line"
grep -q "^net.core.somaxconn = 16384  *# change (4096)$" "$TMPD/out" || fail "somaxconn line: $(grep somaxconn "$TMPD/out")"
# c100k overrides c10k's value: the resolved profile shows only the later one
[ "$(grep -c '^net.core.somaxconn' "$TMPD/out")" = 1 ] || fail "override shown twice"
grep -q "^fs.epoll.max_user_watches = 1048576  *# ok  *(3355443)$" "$TMPD/out" || fail "epoll line"
grep -q "^nofile = 262144 1048576  *# change (a login of nobody: not set in limits.conf)$" "$TMPD/out" ||
	fail "nofile line: $(grep nofile "$TMPD/out")"
grep -q "^DefaultLimitNOFILE = 262144:1048576  *# change" "$TMPD/out" || fail "systemd line"
"$H" --root "$R" apply c100k >/dev/null || fail "apply c100k"
run 0 "profiles c100k after apply: everything met" -- "$H" --root "$R" profiles c100k
grep -q "# change" "$TMPD/out" && fail "still to change after apply: $(grep '# change' "$TMPD/out")"
grep -q "^nofile = 262144 1048576  *# ok  *(a login of nobody: soft 262144, hard 1048576)$" "$TMPD/out" ||
	fail "nofile after apply: $(grep nofile "$TMPD/out")"
run 0 "a profile by path" -- "$H" --root "$R" profiles "$top_srcdir/profiles/c10k.conf"
run 65 "an unknown profile" -- "$H" profiles no-such-profile
grep -q "no profile named 'no-such-profile'" "$TMPD/err" || fail "unknown: $(cat "$TMPD/err")"
run 65 "apply an unknown profile" -- "$H" --root "$R" apply no-such-profile
run 64 "profiles takes one name" -- "$H" profiles c10k c100k
# every shipped value (outside the [profile] header) carries its own
# comment, the line above it, saying what fails without it
for f in "$top_srcdir"/profiles/*.conf; do
	awk '/^\[/ { section = $0 }
		section != "[profile]" && /^[a-zA-Z].*=/ && prev !~ /^#/ {
			print FILENAME ": no comment above: " $0; bad = 1 }
		{ prev = $0 } END { exit bad }' "$f" >&2 || fail "$(basename "$f"): a value without a comment"
done
pass
