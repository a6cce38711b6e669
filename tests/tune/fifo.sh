#!/bin/sh
# A FIFO in a --root tree never hangs headroom (issue 14, defect 6): only
# regular files are read (O_NONBLOCK, fstat). With FIFOs at a /proc/sys
# file, limits.conf, common-session and passwd, check and apply finish
# (bounded by timeout) and name what they refused; apply changes nothing.
. "$top_srcdir/tests/tune/lib.sh"
need_cmd timeout mkfifo
R=$TMPD/root
mkroot linux "$R"
for f in proc/sys/net/core/somaxconn etc/security/limits.conf etc/pam.d/common-session \
	etc/passwd; do
	rm -f "$R/$f"
	mkdir -p "$(dirname "$R/$f")"
	mkfifo "$R/$f"
done
# (find, not snapshot: reading a FIFO is what must not happen)
listing() { (cd "$R" && find . -path ./var -prune -o -printf "%p %y %s %T@\n" | LC_ALL=C sort); }
listing >"$TMPD/before"
run 3 "check finishes" -- timeout 20 "$H" --root "$R" check --user root
grep -q "net.core.somaxconn: not a regular file (refused)" "$TMPD/out" ||
	fail "check does not name the FIFO: $(cat "$TMPD/out")"
grep -q "/etc/passwd: not a regular file (refused)" "$TMPD/out" ||
	fail "check does not name the passwd FIFO"
run 2 "apply finishes and refuses" -- timeout 20 "$H" --root "$R" apply c10k
grep -q "somaxconn: not a regular file" "$TMPD/err" || fail "apply: $(cat "$TMPD/err")"
run 0 "apply --dry-run of what does not touch it" -- timeout 20 "$H" --root "$R" apply --dry-run \
	--only 'systemd.*' c10k
listing | diff "$TMPD/before" - >/dev/null || fail "the tree changed"
pass
