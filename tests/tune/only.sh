#!/bin/sh
# apply --only PATTERN that selects none of the profile's settings is a
# mistake, not "this system already meets c10k" with settings short
# (issue 14, defect 9): 65, the pattern named, nothing changed. A pattern
# that selects something still applies just that.
. "$top_srcdir/tests/tune/lib.sh"
R=$TMPD/root
mkroot linux "$R"
snapshot "$R" >"$TMPD/before"
run 65 "--only matching nothing" -- "$H" --root "$R" apply --only 'nomatch.*' c10k
grep -q "^headroom: apply: --only 'nomatch.\*' matches no setting of c10k" "$TMPD/err" ||
	fail "$(cat "$TMPD/err")"
grep -q "already meets" "$TMPD/out" && fail "said the system already meets c10k"
run 65 "one of two --only matching nothing" -- "$H" --root "$R" apply --only 'net.*' \
	--only 'limits.nofle' c10k
grep -q "'limits.nofle' matches no setting" "$TMPD/err" || fail "$(cat "$TMPD/err")"
snapshot "$R" | diff "$TMPD/before" - >/dev/null || fail "the tree changed"
run 0 "--only limits.nofile" -- "$H" --root "$R" apply --dry-run --only limits.nofile c10k
grep -q '^+++ /etc/security/limits.d/90-headroom.conf' "$TMPD/out" || fail "$(cat "$TMPD/out")"
grep -q 'sysctl' "$TMPD/out" && fail "--only limits.nofile changed sysctls"
pass
