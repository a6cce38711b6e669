#!/bin/sh
# top adds the application layers of its watched pids, as check does: the
# apps fixture host (tests/fixtures/gen-apps.py) with the stat files top
# reads for a watched process, nginx (a worker given: its master's cap),
# Redis and memcached watched. Each one's app.* row has the cap check
# finds, and the frame's verdict counts it; without --pid there is none.
. "$top_srcdir/tests/top/lib.sh"

cp -R "$top_srcdir/tests/fixtures/hosts/apps" "$T/root"
cp -R "$top_srcdir/tests/top/root-overlay/proc/net" "$top_srcdir/tests/top/root-overlay/proc/sys" \
	"$T/root/proc/"
chmod -R u+w "$T/root"
# /proc/PID/stat: what top reads of a watched process (its name, state,
# parent and start time).
for p in 4300 4301 4500 4600; do
	comm=$(cat "$T/root/proc/$p/comm")
	ppid=$(sed -n 's/^PPid:[[:space:]]*//p' "$T/root/proc/$p/status")
	echo "$p ($comm) S $ppid $p $p 0 -1 4194560 5310 0 0 0 120 33 0 0 20 0 4 0 183421" \
		"1073741824 2761 18446744073709551615 1 1 0 0 0 0 0 4096 17063 0 0 0 17 1 0 0 0 0" \
		"0 0 0 0 0 0 0 0" >"$T/root/proc/$p/stat"
done

top_apps() { # ARGS...: top --batch, one frame, its output in $T/out
	rc=0
	"$HEADROOM" --root "$T/root" top --batch --iterations 1 --interval 0.1 --target 5000 \
		--role server --user alice "$@" >"$T/out" 2>"$T/err" || rc=$?
}

top_apps --pid 4301,4500 --pid memcached
[ "$rc" = 2 ] || fail "exit status $rc, expected 2 (fail): $(cat "$T/err")"
cat "$T/out"
# The rows: the id (cut to the column), the bar, use/limit, need, verdict.
expect_grep '^app\.nginx\.worker_co +\[=+> +-/4096 +5000 +fail$' "$T/out"
expect_grep '^app\.redis\.maxclient +\[=+> +-/992 +5000 +fail$' "$T/out"
expect_grep '^app\.memcached\.maxco +\[=+> +-/1000 +5000 +fail$' "$T/out"
expect_eq "app rows" "$(grep -c '^app\.' "$T/out")" 3
# the same caps check --pid finds
run_cmd "$HEADROOM" --root "$T/root" check --target 5000 --role server --user alice \
	--pid 4301,4500,4600 --format json
expect_rc 2
for id in app.nginx.worker_connections:4300 app.redis.maxclients:4500 app.memcached.maxconns:4600; do
	grep -F "{\"id\":\"${id%:*}\"," "$OUT" | grep -Fq "\"pid\":${id#*:}," ||
		fail "check has no $id"
done

top_apps
[ "$rc" = 2 ] || fail "exit status $rc without --pid: $(cat "$T/err")"
[ "$(grep -c '^app\.' "$T/out")" = 0 ] || fail "app rows without a watched pid: $(grep '^app\.' "$T/out")"
pass
