#!/bin/sh
# No file is cut quietly (issue 14, defect 19): rootfs_read says when a
# file holds more than its buffer (-EFBIG) and each caller names the file.
# limits.conf past 256 KiB and system.conf past 64 KiB are notes naming
# the file (WARN: what they set is unknown), where system.conf's first
# 64 KiB used to be parsed as if whole; a PAM stack past 16 KiB is read
# whole, where pam_limits at its end used to be missed. More drop-in files
# than headroom lists (257 in limits.d) is a note too, where whichever 256
# readdir gave first were read. A sysctl value larger than apply reads
# (to restore it later) is refused, naming the file, and nothing changes:
# a cut value would be restored cut.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
R=$TEST_TMP/root
cp -a "$top_srcdir/tests/fixtures/hosts/debian12" "$R"
chmod -R u+w "$R"
pad() { # pad BYTES: comment lines of that many bytes
	python3 -c "import sys; n=int(sys.argv[1]); sys.stdout.write(('#' + 'x' * 62 + '\n') * (n // 64))" "$1"
}

L=$R/etc/security/limits.conf
{ pad 270000; echo '* soft nofile 50000'; echo '* hard nofile 50000'; } >"$L.big"
cp "$L" "$L.orig"
mv "$L.big" "$L"
run_cmd "$HEADROOM" --root "$R" check --target 100 --user alice -v
grep -q '^limits.conf       WARN ' "$OUT" || fail "limits.conf: $(grep '^limits.conf ' "$OUT")"
grep -q '/etc/security/limits.conf: larger than 262143 bytes: not read (refused, not cut)' "$OUT" ||
	fail "limits.conf: no note naming the file and its size"
cp "$L.orig" "$L"

S=$R/etc/systemd/system.conf
cp "$S" "$S.orig"
{ echo '[Manager]'; pad 70000; echo 'DefaultLimitNOFILE=2000:4000'; } >"$S"
run_cmd "$HEADROOM" --root "$R" check --target 100 -v
grep -q '^systemd.default   WARN ' "$OUT" || fail "system.conf: $(grep '^systemd.default ' "$OUT")"
grep -q '/etc/systemd/system.conf: larger than 65535 bytes: not read (refused, not cut)' "$OUT" ||
	fail "system.conf: no note naming the file and its size"
cp "$S.orig" "$S"

D=$R/etc/security/limits.d
mkdir -p "$D"
for i in $(seq 100 356); do echo '* soft nofile 2048' >"$D/$i.conf"; done
run_cmd "$HEADROOM" --root "$R" check --target 100 --user alice -v
grep -q '/etc/security/limits.d: more than 256 files: not read (refused, not cut)' "$OUT" ||
	fail "257 files in limits.d: no note"
rm -r "$D"

P=$R/etc/pam.d/common-session
{ pad 20000; echo 'session required pam_limits.so'; } >"$P"
run_cmd "$HEADROOM" --root "$R" check --target 100 --user alice -v
grep -q 'pam_limits is in the session stack of /etc/pam.d/common-session' "$OUT" ||
	fail "a 20 KB PAM stack: pam_limits at its end is missed"
K=$R/proc/sys/net/core/somaxconn
cp "$K" "$K.orig"
python3 -c "print('4096' + ' ' * 5000)" >"$K"
(cd "$R" && find . -type f -exec md5sum {} + | LC_ALL=C sort) >"$TEST_TMP/tree.before"
run_cmd "$HEADROOM" --root "$R" apply c10k
expect_rc 2 "apply with a 5 KB somaxconn"
grep -q '/proc/sys/net/core/somaxconn: value too large' "$ERR" ||
	fail "apply: no error naming the sysctl file: $(cat "$ERR")"
(cd "$R" && find . -type f -exec md5sum {} + | LC_ALL=C sort) >"$TEST_TMP/tree.after"
cmp -s "$TEST_TMP/tree.before" "$TEST_TMP/tree.after" || fail "apply changed the tree"
cp "$K.orig" "$K"
pass
