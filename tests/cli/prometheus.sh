#!/bin/sh
# check --format prometheus: `promtool check metrics` (Debian's prometheus
# package) accepts it on every fixture host and on this machine; one unit
# per metric (tcp_mem's pages are bytes in the _bytes family); the
# bottleneck is a 0/1 gauge per layer, so the series do not change when the
# bottleneck moves; build info carries the version.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
hosts="$top_srcdir/tests/fixtures/hosts"
census="$top_srcdir/tests/fixtures/census"
have_promtool=0
command -v promtool >/dev/null 2>&1 && have_promtool=1

promcheck() {
	if [ $have_promtool = 1 ]; then
		promtool check metrics <"$OUT" >"$TEST_TMP/lint" 2>&1 ||
			fail "$1: promtool check metrics: $(cat "$TEST_TMP/lint")"
	fi
	# every sample's family was declared once, as a gauge
	awk '/^# TYPE / { if ($3 in t) dup = dup " " $3; t[$3] = $4; next }
	     /^#/ { next }
	     { n = $1; sub(/\{.*/, "", n); if (!(n in t)) undeclared = undeclared " " n }
	     END { if (dup != "" || undeclared != "") { print dup " /" undeclared; exit 1 } }' \
		"$OUT" >"$TEST_TMP/awk" || fail "$1: duplicate or undeclared families: $(cat "$TEST_TMP/awk")"
}

for host in debian12 tuned100k container broken-limits apps; do
	args="--root $hosts/$host check --target 10000 --user alice"
	[ -f "$census/$host.nl" ] && args="$args --census $census/$host.nl"
	# shellcheck disable=SC2086 # split on purpose
	run_cmd "$HEADROOM" $args --format prometheus
	promcheck "$host"
	# exactly one bottleneck, the JSON report's
	ones=$(grep -c '^headroom_layer_bottleneck{.*} 1$' "$OUT")
	expect_eq "$host: bottlenecks" "$ones" 1
	# shellcheck disable=SC2086
	json=$("$HEADROOM" $args --format json)
	want=$(printf '%s\n' "$json" | sed -n 's/.*"bottleneck":"\([^"]*\)".*/\1/p' | head -n1)
	expect_grep "^headroom_layer_bottleneck\{layer=\"$want\",.*\} 1$" "$OUT"
	ok "$host: bottleneck $want"
done

# One unit per metric: tcp.mem (pages) only in the _bytes families, as
# pages x 4096; mem.per-conn (bytes) there too; nofile never there.
run_cmd "$HEADROOM" --root "$hosts/debian12" check --census "$census/debian12.nl" \
	--target 10000 --user alice --format prometheus
pages=$(awk '{ print $3 }' "$hosts/debian12/proc/sys/net/ipv4/tcp_mem")
expect_grep "^headroom_layer_limit_bytes\{layer=\"tcp.mem\",scope=\"netns\"\} $((pages * 4096))$" "$OUT"
if grep -Eq '^headroom_layer_(limit|use|need)\{layer="(tcp.mem|mem.per-conn|cgroup.memory)"' "$OUT"; then
	fail "a memory layer in a count family"
fi
if grep -Eq '^headroom_layer_(limit|use|need)_bytes\{layer="nofile' "$OUT"; then
	fail "a count layer in a bytes family"
fi
if grep -q 'bottleneck=' "$OUT"; then
	fail "the bottleneck is still a label"
fi
version=$("$HEADROOM" --version | sed 's/^headroom //')
expect_grep "^headroom_build_info\{version=\"$version\"\} 1$" "$OUT"

# The same series whatever the bottleneck: the stock host is held by
# nofile.soft, the tuned one by the port range; tuning moves the
# bottleneck and changes values, never the series of the bottleneck and
# max_supported (a conntrack module loaded adds a use, which is honest).
for host in debian12 tuned100k; do
	"$HEADROOM" --root "$hosts/$host" check --census "$census/$host.nl" \
		--target 10000 --user alice --format prometheus >"$TEST_TMP/t$host"
	sed -n 's/ [^ ]*$//p' "$TEST_TMP/t$host" |
		grep -E '^headroom_(layer_bottleneck|max_supported_connections|verdict)' >"$TEST_TMP/s$host"
	grep '} 1$' "$TEST_TMP/t$host" | grep bottleneck >>"$TEST_TMP/b"
done
[ "$(sort -u "$TEST_TMP/b" | wc -l)" = 2 ] ||
	fail "the two hosts have the same bottleneck: $(cat "$TEST_TMP/b")"
cmp -s "$TEST_TMP/sdebian12" "$TEST_TMP/stuned100k" ||
	fail "the series differ: $(diff "$TEST_TMP/sdebian12" "$TEST_TMP/stuned100k")"

# This machine, for real, through --output as node_exporter reads it.
run_cmd "$HEADROOM" check --target 1000 --format prometheus --output "$TEST_TMP/h.prom"
expect_rc 0 1 2 3 "check --output"
cp "$TEST_TMP/h.prom" "$OUT"
promcheck "this host"
[ $have_promtool = 1 ] || skip "promtool not installed (Debian package prometheus): the other checks passed"
pass
