#!/bin/sh
# The Ansible recipe's verify.yml (contrib/ansible) with ansible-core,
# for real: a server and two load generators, all local
# (ansible_connection=local), in a network and pid namespace of the
# test's own (need_netns --pid), the server on 127.0.0.1; a staged install
# (make install DESTDIR).
#  0. The plan of 2 servers and 4 load generators (tests/ansible/
#     verify-plan.yml): who drives whom with how many; nothing run.
#  1. 2 load generators x 300 connections to one server that must hold
#     600: the play passes, and the merged table and JSON show each host's
#     side, as its own verify --format json says, and the total.
#  2. The same under a server limited to 150 descriptors (prlimit, one
#     server process): it fails accept with EMFILE; the generators'
#     connections never answer --send. The play fails after the report,
#     which names the server's layer (nofile.soft) as what stopped it.
# Like tests/ansible/fleet.sh, it runs when HEADROOM_TEST_ANSIBLE=1
# (.ci/run's ansible stage), else it is skipped.
. "$top_srcdir/tests/lib/functions.sh"
[ "${HEADROOM_TEST_ANSIBLE:-}" = 1 ] ||
	skip "the Ansible recipe runs in .ci/run's ansible stage (HEADROOM_TEST_ANSIBLE=1)"
need_cmd ansible-playbook make python3 prlimit
# The pid namespace also ends every process the play started in the
# background (Ansible's async jobs) when the test ends, whatever happened.
need_netns --pid

recipe=$top_srcdir/contrib/ansible
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s -C "$top_builddir" install DESTDIR="$TEST_TMP/stage" >/dev/null ||
	fail "make install DESTDIR"
bin=$TEST_TMP/stage$(make -s -C "$top_builddir" print-dir-bindir)/headroom
# The server of run 2: 150 descriptors, soft and hard.
printf '#!/bin/sh\nexec prlimit --nofile=150:150 "%s" "$@"\n' "$bin" >"$TEST_TMP/headroom-150"
chmod +x "$TEST_TMP/headroom-150"

# inventory FILE SERVER-VARS: the server srv1, the generators gen1, gen2.
inventory() {
	cat >"$1" <<EOT
[servers]
srv1 headroom_verify_address=127.0.0.1 headroom_verify_listen=127.0.0.1:9000 $2

[loadgen]
gen1
gen2

[all:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python3)
headroom_install=none
headroom_bin=$bin
headroom_verify_target=600
headroom_verify_timeout=5
headroom_verify_hold=1
headroom_verify_serve_timeout=30
# (30 s: the server is started first and Ansible runs about ten tasks on
# each generator before they connect; 12 s ran out on this machine.)
headroom_verify_table_file=$TEST_TMP/verify.txt
headroom_verify_json_file=$TEST_TMP/verify.json
EOT
}
inventory "$TEST_TMP/inventory" ""
inventory "$TEST_TMP/inventory-150" \
	"headroom_bin=$TEST_TMP/headroom-150 headroom_verify_serve_args='[\"--server-processes\", \"1\"]'"

export ANSIBLE_CONFIG="$recipe/ansible.cfg" ANSIBLE_ROLES_PATH="$recipe/roles" \
	ANSIBLE_LOCAL_TEMP="$TEST_TMP/ansible-tmp" ANSIBLE_REMOTE_TEMP="$TEST_TMP/ansible-tmp" \
	ANSIBLE_ASYNC_DIR="$TEST_TMP/ansible-async" ANSIBLE_HOME="$TEST_TMP/ansible-home" \
	ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_PIPELINING=1
# playbook NAME INVENTORY: verify.yml on it; its output in NAME.out, the
# merged report in NAME.txt and NAME.json.
playbook() {
	rm -f "$TEST_TMP/verify.txt" "$TEST_TMP/verify.json"
	run_cmd ansible-playbook -i "$2" "$recipe/verify.yml"
	cp "$OUT" "$TEST_TMP/$1.out"
	[ -f "$TEST_TMP/verify.txt" ] || { show_run; fail "$1: no table written"; }
	[ -f "$TEST_TMP/verify.json" ] || fail "$1: no JSON written"
	mv "$TEST_TMP/verify.txt" "$TEST_TMP/$1.txt"
	mv "$TEST_TMP/verify.json" "$TEST_TMP/$1.json"
	echo "--- $1: the merged table"
	cat "$TEST_TMP/$1.txt"
	grep -Eq '^ +fleet: ' "$TEST_TMP/$1.out" || fail "$1: the table is not in the playbook's output"
}
# reports NAME: each host's own report in the merged JSON is a verify
# document its schema accepts; prints "HOST SIDE VERDICT ESTABLISHED
# TARGET", one line per host, from those reports.
reports() {
	python3 - "$TEST_TMP/$1.json" "$TEST_TMP/$1" <<'EOT' || fail "$1: the merged JSON"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["kind"] == "verify-fleet", m["kind"]
for h in m["hosts"]:
    r = h["report"]
    with open("%s.%s.json" % (sys.argv[2], h["host"]), "w") as f:
        json.dump(r, f)
    n = r["accepted"] if h["side"] == "server" else r["established"]
    print(h["host"], h["side"], r["verdict"].upper(), "{:,}".format(n), "{:,}".format(r["target"]))
EOT
	for _f in "$TEST_TMP/$1".*.json; do
		expect_schema "$_f"
	done
}
# rows NAME: the table's rows, as reports prints them.
rows() {
	awk '/^[^ ]/ && ($2 == "server" || $2 == "client") { print $1, $2, $3, $5, $6 }' "$TEST_TMP/$1.txt"
}

# ---- 0: the plan of a larger fleet, nothing run ----
cat >"$TEST_TMP/inventory-plan" <<EOT
[servers]
s1 ansible_host=10.9.0.1
s2 headroom_verify_address=::1 headroom_verify_port=9001 headroom_verify_listen=[::1]:9001

[loadgen]
g1
g2
g3
g4 headroom_verify_server=s1 headroom_verify_connect_target=7

[all:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python3)
headroom_target=1001
headroom_verify_hold=10
EOT
run_cmd ansible-playbook -i "$TEST_TMP/inventory-plan" "$TEST_DIR/verify-plan.yml"
expect_rc 0 "the plan"
ok "the plan: round robin, even shares, overrides"

# ---- 1: 2 x 300 to a server that holds 600 ----
start=$(date +%s)
playbook pass "$TEST_TMP/inventory"
expect_rc 0 "verify.yml"
expect_eq "the table's rows" "$(rows pass)" "$(reports pass)"
expect_eq "the rows" "$(rows pass)" "srv1 server OK 600 600
gen1 client OK 300 300
gen2 client OK 300 300"
expect_grep '^HOST +SIDE +VERDICT +ADDRESS +ESTABLISHED +TARGET +STOPPED BY$' "$TEST_TMP/pass.txt"
expect_grep '^fleet: OK: the server held 600/600 connections at once, 600/600 established by 2 load generators$' \
	"$TEST_TMP/pass.txt"
grep -q '^gen[12] .*127\.0\.0\.1:9000 ' "$TEST_TMP/pass.txt" || fail "the generators' address"
ok "pass: 600 held from 2 load generators, in $(($(date +%s) - start)) s"

# ---- 2: the server has 150 descriptors ----
start=$(date +%s)
playbook fail "$TEST_TMP/inventory-150"
expect_rc 2 "verify.yml, the server short of descriptors"
expect_eq "the table's rows" "$(rows fail)" "$(reports fail)"
expect_grep '^srv1 +server +FAIL .* nofile\.soft$' "$TEST_TMP/fail.txt"
expect_grep '^  server process 1 ran out of descriptors' "$TEST_TMP/fail.txt"
expect_grep '^gen1 +client +FAIL .* the server$' "$TEST_TMP/fail.txt"
expect_grep '^  [0-9]+ connections never answered --send' "$TEST_TMP/fail.txt"
expect_grep '^fleet: FAIL: the server held 1[0-9][0-9]/600 connections at once, [0-9,]+/600 established by 2 load generators; stopped by srv1 \(server\): nofile\.soft$' \
	"$TEST_TMP/fail.txt"
# The play fails at its last task, after the report, saying why.
expect_grep "msg: 'verify failed: stopped by srv1 \(server\): nofile\.soft'" "$TEST_TMP/fail.out"
expect_grep '^srv1 +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=1 ' "$TEST_TMP/fail.out"
ok "fail: the server's nofile.soft named, in $(($(date +%s) - start)) s"
pass "verify.yml: the merged report of 1 server and 2 load generators, passing and failing"
