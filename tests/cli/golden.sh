#!/bin/sh
# Golden CLI tests: run each case of tests/cli/cases against the fixture
# hosts and compare stdout, stderr and the exit status with the expected
# files. UPDATE=1 rewrites the expected files (review the diff).
. "$top_srcdir/tests/lib/functions.sh"
keep_going
dir=$TEST_DIR
hosts="$top_srcdir/tests/fixtures/hosts"
census="$top_srcdir/tests/fixtures/census"
tmp=$TEST_TMP
count=0

# A release tarball has no dangling symlinks (automake's tar dereferences
# links, and one pointing nowhere is left out): the fixture processes'
# cwd links, /var/lib/headroom-fixture-cwd, dangling on purpose
# (tests/fixtures/gen-apps.py), are made again in a copy of the hosts,
# for every process with a command line, as the generator makes them.
if [ ! -L "$hosts/apps/proc/4301/cwd" ]; then
	cp -R "$hosts" "$tmp/hosts"
	chmod -R u+w "$tmp/hosts"
	hosts=$tmp/hosts
	for cmdline in "$hosts"/*/proc/*/cmdline; do
		cwd=${cmdline%cmdline}cwd
		[ -L "$cwd" ] || ln -s /var/lib/headroom-fixture-cwd "$cwd"
	done
fi

while IFS='|' read -r name want args; do
	case "$name" in '#'* | '') continue ;; esac
	count=$((count + 1))
	args=$(printf '%s' "$args" | sed "s#@H#$hosts#g; s#@C#$census#g")
	# shellcheck disable=SC2086 # the case's arguments are split on purpose
	# No width to fit: the tables are as wide as they are (tests/cli/width.sh
	# covers $COLUMNS).
	NO_COLOR=1 COLUMNS= "$HEADROOM" $args >"$tmp/out" 2>"$tmp/err"
	got=$?
	# Paths of the source tree differ between builds: normalise them.
	sed -i "s#$hosts#@H#g; s#$census#@C#g" "$tmp/out" "$tmp/err"
	if [ "$got" != "$want" ]; then
		cat "$tmp/err"
		fail "$name: exit $got, want $want"
	elif expect_golden "$dir/expected/$name.out" "$tmp/out" "$name: stdout" &&
		expect_golden "$dir/expected/$name.err" "$tmp/err" "$name: stderr"; then
		echo "ok $name"
	fi
done <"$dir/cases"
echo "golden: $count cases, $TEST_FAILURES failed"
pass
