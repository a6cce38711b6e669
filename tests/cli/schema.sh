#!/bin/sh
# JSON as a contract: every document kind (check, census, verify, explain,
# history, profiles, apply) written for real and validated against its
# schema (schema/KIND.schema.json, python3-jsonschema); host, version and
# generated_at in each; apply's "changed" true only when this run changed
# the system; host is an audited tree's /etc/hostname under --root.
# (run_cmd and expect_golden validate every other JSON output the tests
# see; this test is the one that skips when jsonschema is missing.)
. "$top_srcdir/tests/lib/functions.sh"
keep_going
json_validator || skip "no python3 with jsonschema (Debian: python3-jsonschema)"
H=$HEADROOM
hosts="$top_srcdir/tests/fixtures/hosts"
n=0

# doc KIND COMMAND...: run it, expect a document of KIND that its schema accepts.
doc() {
	kind=$1
	shift
	run_cmd "$@"
	expect_schema "$OUT" || { show_run; return 1; }
	expect_grep "^\{\"schema\":1,\"kind\":\"$kind\",\"host\":\"[^\"]+\",\"version\":\"$("$H" --version | sed 's/^headroom //')\",\"generated_at\":\"[0-9T:-]+Z\"" "$OUT"
	n=$((n + 1))
}

# The schemas themselves are valid JSON Schema (the validator checks each
# it loads); one per kind.
for kind in check census verify explain history profiles apply; do
	[ -f "$top_srcdir/schema/$kind.schema.json" ] || fail "no schema/$kind.schema.json"
done

doc check "$H" check --target 1000 --format json
expect_rc 0 1 2 3 "check"
doc check "$H" check --format json --pid $$
doc census "$H" census --format json
doc census "$H" census --format json --state established --listeners 2
doc verify "$H" verify --what fds --target 200 --format json
expect_rc 0 "verify --what fds --target 200"
doc explain "$H" explain --format json --no-live 'socket: too many open files'
doc explain "$H" explain --format json 'accept4: too many open files'
grep -q '"live":{"schema":1,"kind":"check"' "$OUT" || fail "explain: live is not a check document"
doc explain "$H" explain --list --format json
doc profiles "$H" profiles --format json
doc profiles "$H" profiles c10k --format json
expect_rc 0 1 "profiles c10k"

# A tuning root: apply, again, history, a dry run, --target.
root=$TEST_TMP/root
cp -a "$top_srcdir/tests/fixtures/tune/root-linux" "$root"
chmod -R u+w,go-w "$root"
echo "loadgen-7.example" >"$root/etc/hostname"
doc apply "$H" --root "$root" apply c10k --dry-run --format json
expect_grep '"dry_run":true,"changed":false,"journal_id":null' "$OUT"
grep -q '"kind":"sysctl"' "$OUT" || fail "dry run lists no sysctl change"
expect_grep '"host":"loadgen-7.example"' "$OUT"
doc apply "$H" --root "$root" apply c10k --format json
expect_rc 0 "apply c10k"
expect_grep '"dry_run":false,"changed":true,"journal_id":1,' "$OUT"
doc apply "$H" --root "$root" apply c10k --format json
expect_grep '"changed":false,"journal_id":null' "$OUT"
expect_grep '"changes":\[\]' "$OUT"
doc history "$H" --root "$root" history --format json
expect_grep '^\{"id":1,.*"state":"applied","nchanges":[1-9]' "$OUT"
doc history "$H" --root "$root" history 1 --format json
expect_grep '"changes":\[' "$OUT"
run_cmd "$H" --root "$root" revert 1
expect_rc 0 "revert 1"
doc history "$H" --root "$root" history --format json
expect_grep '"state":"reverted"' "$OUT"
doc apply "$H" --root "$root" apply --target 50000 --dry-run --format json
ok "$n documents valid against their schemas"
pass
