#!/bin/sh
# headroom-errors(7) has a section for every layer the probe reports on this
# machine and for every macOS layer, so a new layer cannot go undocumented.
# (That every cause of the explain catalogue has one is checked by
# tests/unit/test-explain-catalog.)
. "$top_srcdir/tests/explain/lib.sh"
man="$top_srcdir/man/headroom-errors.7"
ids=$("$HEADROOM" check --format json 2>/dev/null | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | sort -u)
[ -n "$ids" ] || { fail "headroom check --format json listed no layers"; exit 1; }
for id in $ids launchd.maxfiles kern.maxfiles kern.maxfilesperproc kern.ipc.somaxconn; do
	if grep -qx "\.Ss $id" "$man"; then
		echo "ok $id"
	else
		fail "$id: no '.Ss $id' in man/headroom-errors.7"
	fi
done
pass
