#!/bin/sh
# Golden CLI tests: run each case of tests/cli/cases against the fixture
# hosts and compare stdout, stderr and the exit status with the expected
# files. UPDATE=1 rewrites the expected files (review the diff).
set -u
: "${HEADROOM:?}" "${top_srcdir:?}"
dir="$top_srcdir/tests/cli"
hosts="$top_srcdir/tests/fixtures/hosts"
census="$top_srcdir/tests/fixtures/census"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 count=0

while IFS='|' read -r name want args; do
	case "$name" in '#'* | '') continue ;; esac
	count=$((count + 1))
	args=$(printf '%s' "$args" | sed "s#@H#$hosts#g; s#@C#$census#g")
	# shellcheck disable=SC2086 # the case's arguments are split on purpose
	NO_COLOR=1 "$HEADROOM" $args >"$tmp/out" 2>"$tmp/err"
	got=$?
	# Paths of the source tree differ between builds: normalise them.
	sed -i "s#$hosts#@H#g; s#$census#@C#g" "$tmp/out" "$tmp/err"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$tmp/out" "$dir/expected/$name.out"
		cp "$tmp/err" "$dir/expected/$name.err"
	fi
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, want $want"; cat "$tmp/err"; failed=$((failed + 1))
	elif ! diff -u "$dir/expected/$name.out" "$tmp/out"; then
		echo "FAIL $name: stdout differs"; failed=$((failed + 1))
	elif ! diff -u "$dir/expected/$name.err" "$tmp/err"; then
		echo "FAIL $name: stderr differs"; failed=$((failed + 1))
	else
		echo "ok $name"
	fi
done <"$dir/cases"
echo "golden: $count cases, $failed failed"
[ "$failed" -eq 0 ]
