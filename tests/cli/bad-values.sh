#!/bin/sh
# Values that cannot be right are never shown as limits (issue 14, defects
# 17, 18 and 20): a garbage nf_conntrack_max is UNKNOWN with the reason,
# not "not loaded: no limit"; a reversed or out-of-range
# ip_local_port_range is UNKNOWN, not -28,230 or 100,000 ports; check
# --user for a user that does not exist is an error on stderr (65).
. "$top_srcdir/tests/lib/functions.sh"
keep_going
R=$TEST_TMP/root
cp -a "$top_srcdir/tests/fixtures/hosts/debian12" "$R"
chmod -R u+w "$R"
P=$R/proc/sys/net/ipv4/ip_local_port_range
C=$R/proc/sys/net/netfilter/nf_conntrack_max
mkdir -p "$(dirname "$C")"

for range in '60999 32768' '0 99999' '1024 70000' 'abc'; do
	echo "$range" >"$P"
	run_cmd "$HEADROOM" --root "$R" check --target 100
	grep -q '^ports.ephemeral   UNKNOWN' "$OUT" || fail "range '$range': $(grep '^ports' "$OUT")"
	grep -q 'ip_local_port_range unreadable (not two ports, low then high, in 1..65535)' "$OUT" ||
		fail "range '$range': no reason given"
	grep -q -- '-28,230\|100,000' "$OUT" && fail "range '$range': a count from it"
done
echo '32768 60999' >"$P"

for v in garbage -5 ''; do
	printf '%s\n' "$v" >"$C"
	run_cmd "$HEADROOM" --root "$R" check --target 100
	grep -q '^conntrack         UNKNOWN' "$OUT" || fail "conntrack '$v': $(grep '^conntrack' "$OUT")"
	grep -q 'cannot read net.netfilter.nf_conntrack_max: not a count' "$OUT" ||
		fail "conntrack '$v': no reason"
done
rm -f "$C"
run_cmd "$HEADROOM" --root "$R" check --target 100 -v
grep -q 'nf_conntrack is not loaded here: no limit' "$OUT" || fail "a missing file is 'not loaded'"

# INT64_MIN as a limit: its digits, not "--9,223,..." (negating INT64_MIN
# was undefined behaviour, issue 14 defect 7)
cp "$R/proc/sys/fs/file-max" "$TEST_TMP/file-max"
echo -9223372036854775808 >"$R/proc/sys/fs/file-max"
run_cmd "$HEADROOM" --root "$R" check --target 100
grep -q '^fs.file-max .* -9,223,372,036,854,775,808 ' "$OUT" || fail "$(grep '^fs.file-max' "$OUT")"
grep -q -- '--9,223' "$OUT" && fail "INT64_MIN printed as --9,223,..."
cp "$TEST_TMP/file-max" "$R/proc/sys/fs/file-max"

expect_error 65 "check --user: user 'nosuchuser' is not in /etc/passwd" \
	"$HEADROOM" --root "$R" check --user nosuchuser
pass
