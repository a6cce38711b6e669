#!/bin/sh
# Under --root nothing outside the tree is read (issue 14): a
# /proc/self/cgroup line with ".." components ("0::/../../../../DIR") made
# cgroup_read open DIR on this machine through openat; a symlinked
# directory in the tree (absolute or relative) led out of it the same way.
# Each is refused or resolved inside the tree, and the outside value (a
# pids.max of 7) never shows.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
R=$TEST_TMP/root
O=$TEST_TMP/outside
cp -a "$top_srcdir/tests/fixtures/hosts/container" "$R"
chmod -R u+w "$R"
mkdir -p "$O"
echo 7 >"$O/pids.max"
echo 5 >"$O/pids.current"
echo 7340032 >"$O/memory.max"
echo 5 >"$O/memory.current"

depth=$(echo "$R/sys/fs/cgroup" | tr -cd / | wc -c)
up=$(printf '../%.0s' $(seq 1 "$depth"))
echo "0::/$up${O#/}" >"$R/proc/self/cgroup"
run_cmd "$HEADROOM" --root "$R" check --target 100 -v
grep -q '^cgroup.pids       UNKNOWN' "$OUT" || fail "'..' path: $(grep '^cgroup.pids' "$OUT")"
grep -q "the pids cgroup path in /proc/self/cgroup holds '..': refused" "$OUT" ||
	fail "'..' path: no reason given"
grep -q '^cgroup.*  7 ' "$OUT" && fail "'..' path: the outside pids.max was read"

# The tree's /sys/fs/cgroup a link to the outside directory: absolute,
# then relative; either way the value read is not the outside one.
echo '0::/' >"$R/proc/self/cgroup"
mv "$R/sys/fs/cgroup" "$R/sys/fs/cgroup.real"
for target in "$O" "../../$up${O#/}"; do
	ln -sfn "$target" "$R/sys/fs/cgroup"
	run_cmd "$HEADROOM" --root "$R" check --target 100
	grep -q '^cgroup.pids .*   7 ' "$OUT" && fail "link $target: the outside pids.max was read"
	grep -q '^cgroup.memory .* 7.0 MiB ' "$OUT" && fail "link $target: the outside memory.max"
	grep -q '^cgroup.pids ' "$OUT" || fail "link $target: no cgroup.pids row"
done

pass
