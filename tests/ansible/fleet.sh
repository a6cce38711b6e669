#!/bin/sh
# The Ansible recipe (contrib/ansible) with ansible-core against a local
# inventory: three hosts, each a fixture tree under --root
# (tests/fixtures/hosts), run with ansible_connection=local. The shipped
# check playbook prints one table whose rows are each host's own
# `check --format json`; apply reports changed in check mode (-C) without
# writing, then changed once and not again; revert likewise, restoring
# every file byte for byte (tests/ansible/cycle.yml, revert-twice.yml).
# The installed copy is a staged install (make install DESTDIR).
# Four playbook runs take minutes on a loaded machine: run when
# HEADROOM_TEST_ANSIBLE=1 (.ci/run's ansible stage), else skipped.
. "$top_srcdir/tests/lib/functions.sh"
[ "${HEADROOM_TEST_ANSIBLE:-}" = 1 ] ||
	skip "the Ansible recipe runs in .ci/run's ansible stage (HEADROOM_TEST_ANSIBLE=1)"
need_cmd ansible-playbook make python3

recipe=$top_srcdir/contrib/ansible
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s -C "$top_builddir" install DESTDIR="$TEST_TMP/stage" >/dev/null ||
	fail "make install DESTDIR"
bin=$TEST_TMP/stage$(make -s -C "$top_builddir" print-dir-bindir)/headroom

# The hosts: copies of the fixture trees (apply writes into them).
for h in web1:debian12:server lb1:container:both gen1:tuned100k:client; do
	name=${h%%:*} fixture=${h#*:} role=${h##*:}
	fixture=${fixture%:*}
	cp -R "$top_srcdir/tests/fixtures/hosts/$fixture" "$TEST_TMP/$name"
	chmod -R u+w "$TEST_TMP/$name"
	cp -R "$TEST_TMP/$name" "$TEST_TMP/$name.before"
	echo "$name headroom_root=$TEST_TMP/$name headroom_role=$role" >>"$TEST_TMP/hosts"
done
cat >"$TEST_TMP/inventory" <<EOT
[fleet]
$(cat "$TEST_TMP/hosts")

[tuned]
web1
lb1

[all:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python3)
headroom_install=none
headroom_bin=$bin
headroom_profile=c10k
headroom_table_file=$TEST_TMP/fleet.txt
EOT

export ANSIBLE_CONFIG="$recipe/ansible.cfg" ANSIBLE_ROLES_PATH="$recipe/roles" \
	ANSIBLE_LOCAL_TEMP="$TEST_TMP/ansible-tmp" ANSIBLE_REMOTE_TEMP="$TEST_TMP/ansible-tmp" \
	ANSIBLE_HOME="$TEST_TMP/ansible-home" ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 \
	ANSIBLE_PIPELINING=1
# playbook NAME ARGS...: ansible-playbook on the inventory, output kept.
playbook() {
	_n=$1
	shift
	run_cmd ansible-playbook -i "$TEST_TMP/inventory" -e "recipe=$recipe" "$@"
	cp "$OUT" "$TEST_TMP/$_n.out"
	expect_rc 0 "ansible-playbook $*"
}
# recap RUN HOST:CHANGED...: the recap of RUN counts CHANGED changes for
# each HOST, and no failure.
recap() {
	_r=$1
	shift
	for _h in "$@"; do
		grep -Eq "^${_h%:*} +: ok=[0-9]+ +changed=${_h#*:} +unreachable=0 +failed=0 " \
			"$TEST_TMP/$_r.out" ||
			fail "$_r: recap of ${_h%:*}: $(grep "^${_h%:*} " "$TEST_TMP/$_r.out")"
	done
}
unchanged() { # HOST...: the tree is as before (the journal aside)
	for _h in "$@"; do
		diff -r --no-dereference -x var "$TEST_TMP/$_h.before" "$TEST_TMP/$_h" >/dev/null ||
			fail "$_h differs from before the apply"
	done
}

# apply in check mode: changed, nothing written.
playbook apply-check -C "$recipe/apply.yml" -e headroom_hosts=tuned
recap apply-check web1:1 lb1:1
unchanged web1 lb1
# check on every host, the table; apply, then apply again (cycle.yml).
playbook cycle "$top_srcdir/tests/ansible/cycle.yml"
recap cycle web1:1 lb1:1 gen1:0
unchanged gen1
for h in web1 lb1; do
	[ -d "$TEST_TMP/$h/var/lib/headroom/journal/1" ] || fail "$h: no journal entry 1"
	diff -r --no-dereference -x var "$TEST_TMP/$h.before" "$TEST_TMP/$h" >/dev/null && fail "$h: apply changed nothing"
done
cp -R "$TEST_TMP/web1" "$TEST_TMP/web1.applied"
# revert in check mode: changed, nothing written.
playbook revert-check -C "$recipe/revert.yml" -e headroom_hosts=tuned
recap revert-check web1:1 lb1:1
diff -r --no-dereference "$TEST_TMP/web1.applied" "$TEST_TMP/web1" >/dev/null || fail "revert -C wrote"
# revert, then revert again: byte for byte as before, then no change.
playbook revert "$top_srcdir/tests/ansible/revert-twice.yml"
recap revert web1:1 lb1:1
unchanged web1 lb1

# The merged table: a row per host, as the host's own check says.
[ -f "$TEST_TMP/fleet.txt" ] || fail "no fleet table written"
cat "$TEST_TMP/fleet.txt"
expect_grep '^HOST +ROLE +VERDICT +BOTTLENECK +MAX SUPPORTED +TARGET$' "$TEST_TMP/fleet.txt"
while read -r name root role; do
	root=${root#headroom_root=} role=${role#headroom_role=}
	"$bin" --root "$root.before" check --target 10000 --role "$role" --format json \
		>"$TEST_TMP/$name.json" 2>/dev/null
	want=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("%s %s %s %s {:,}".format(d["max_supported"]) % (sys.argv[2], sys.argv[3], d["verdict"].upper(), d["bottleneck"]))' \
		"$TEST_TMP/$name.json" "$name" "$role")
	got=$(awk -v h="$name" '$1 == h { print $1, $2, $3, $4, $5 }' "$TEST_TMP/fleet.txt")
	expect_eq "the table's row for $name" "$got" "$want"
done <"$TEST_TMP/hosts"
expect_grep '^fleet: 3/3 hosts checked; the weakest, ' "$TEST_TMP/fleet.txt"
grep -q 'HOST  *ROLE' "$TEST_TMP/cycle.out" || fail "the table is not in the playbook's output"
pass
