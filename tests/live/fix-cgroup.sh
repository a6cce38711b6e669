#!/bin/sh
# The printed cgroup fixes, live: the test puts itself in a pids cgroup and
# a memory cgroup of its own, made under the ones it is in, with small
# limits; check fails on cgroup.pids and cgroup.memory and prints the file
# that holds each limit; the fixes, run as printed, raise them: the next
# check passes, and 150 processes that could not start in the cgroup now
# do. The cgroups are removed at the end (the shell moves back first).
#
# This machine may look like a container (/.dockerenv), where check
# rightly prints the runtime's option (docker update) instead; the test
# hides that file in a mount namespace of its own to see the host fixes.
. "$top_srcdir/tests/live/lib.sh"
need_root
need_cmd mount python3
hide_dockerenv

# cgroup_dir CONTROLLER: the directory of this shell's cgroup for it (v1,
# as this machine mounts them), or nothing.
cgroup_dir() {
	rel=$(sed -n "s/^[0-9]*:\\([^:]*,\\)\\{0,1\\}$1\\(,[^:]*\\)\\{0,1\\}:\\(.*\\)/\\3/p" /proc/self/cgroup)
	[ -n "$rel" ] && [ -d "/sys/fs/cgroup/$1$rel" ] && echo "/sys/fs/cgroup/$1${rel%/}"
}
pids_parent=$(cgroup_dir pids) || true
mem_parent=$(cgroup_dir memory) || true
[ -n "$pids_parent" ] && [ -n "$mem_parent" ] ||
	skip "no v1 pids and memory cgroups here (cgroup v2 only: its no-internal-process rule needs a delegated tree)"
pids=$pids_parent/headroom-test-$$
mem=$mem_parent/headroom-test-$$
mkdir "$pids" "$mem" 2>/dev/null || skip "cannot make cgroups under $pids_parent and $mem_parent"
at_exit "echo \$\$ >'$pids_parent/cgroup.procs'; echo \$\$ >'$mem_parent/cgroup.procs'; rmdir '$pids' '$mem'"
echo 100 >"$pids/pids.max"
echo $((256 * 1024 * 1024)) >"$mem/memory.limit_in_bytes"
echo $$ >"$pids/cgroup.procs"
echo $$ >"$mem/cgroup.procs"

# spawn N: fork N children in this cgroup (bounded: each sleeps 10 s and
# all are killed at once); print how many forks succeeded.
spawn() {
	python3 -c '
import os, signal, sys, time
kids = []
for _ in range(int(sys.argv[1])):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(10)
        os._exit(0)
    kids.append(pid)
for k in kids:
    os.kill(k, signal.SIGKILL)
    os.waitpid(k, 0)
print(len(kids))' "$1"
}

before=$(spawn 150)
echo "150 processes under pids.max 100: $before started"
[ "$before" -lt 150 ] || fail "all 150 started under pids.max 100"

run check --target 100000 --role server --format json
expect_eq "pids limit" "$(layer_field cgroup.pids - limit)" 100
expect_eq "pids verdict" "$(layer_field cgroup.pids - verdict)" fail
expect_eq "memory limit" "$(layer_field cgroup.memory - limit)" $((256 * 1024 * 1024))
expect_eq "memory verdict" "$(layer_field cgroup.memory - verdict)" fail
fix_of() { layer "$1" | sed -n 's/.*"fix":{"live":"\([^"]*\)".*/\1/p'; }
pfix=$(fix_of cgroup.pids)
mfix=$(fix_of cgroup.memory)
echo "printed fixes: $pfix; $mfix"
case $pfix in "echo "*" > $pids/pids.max") ;; *) fail "not a write of $pids/pids.max: $pfix" ;; esac
case $mfix in "echo "*" > $mem/memory.limit_in_bytes") ;; *) fail "not a write of $mem/memory.limit_in_bytes: $mfix" ;; esac
sh -c "$pfix" || fail "the printed pids fix failed"
sh -c "$mfix" || fail "the printed memory fix failed"
r=${pfix#echo }
expect_eq "pids.max after" "$(cat "$pids/pids.max")" "${r%% *}"
run check --target 100000 --role server --format json
expect_eq "pids verdict after" "$(layer_field cgroup.pids - verdict)" ok
[ "$(layer_field cgroup.memory - verdict)" = ok ] || echo "cgroup.memory after the fix: $(layer cgroup.memory)"
expect_eq "memory verdict after" "$(layer_field cgroup.memory - verdict)" ok
after=$(spawn 150)
echo "150 processes after the printed fix: $after started"
expect_eq "processes after" "$after" 150
echo "ok: both printed cgroup fixes applied"
