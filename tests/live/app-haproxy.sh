#!/bin/sh
# HAProxy's own cap, live: haproxy from Debian's package without a global
# maxconn under nofile 1024:1024 in a private network namespace (its reload,
# -sf, is a new process with the limits of the shell it is run from). HAProxy
# derives maxconn from the fd limit; check computes the same figure HAProxy
# reports (-V: "Note: setting global.maxconn to N"). The printed fix (add
# maxconn to the global section it names, then the -sf reload it prints)
# makes the next check of the new process pass, and ab's 1000 concurrent
# requests all succeed.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
need_cmd haproxy
need_cmd prlimit
need_cmd ab
need_netns

d=$TEST_TMP/haproxy
port=$(app_port)
mkdir -p "$d"
haproxy_conf "$d/haproxy.cfg" "$port" "# no maxconn: HAProxy derives it from the fd limit"
prlimit --nofile=1024:1024 haproxy -db -V -f "$d/haproxy.cfg" >"$d/log" 2>&1 &
pid=$!
started "$pid"
wait_until 5 grep -q "setting global.maxconn" "$d/log" || fail "haproxy did not start: $(cat "$d/log")"
said=$(sed -n 's/.*setting global.maxconn to \([0-9]*\).*/\1/p' "$d/log")
run check --pid "$pid" --target 2000 --role server --format json
expect_eq "computed maxconn (HAProxy said $said)" \
	"$(layer_field app.haproxy.maxconn "$pid" limit)" "$said"
expect_grep '"id":"app.haproxy.maxconn".*no global maxconn: computed '"$said"' as HAProxy 2.6 does' "$OUT"
fix=$(fix_live app.haproxy.maxconn "$pid")
echo "HAProxy said maxconn $said; printed fix: $fix"
expect_eq "fix" "$fix" "set maxconn 2560 in $d/haproxy.cfg, the global section (line 1), then haproxy -f $d/haproxy.cfg -sf $pid (a new process takes over), from a shell whose hard nofile is 5376 or more (the new process gets that shell's limit; pid $pid's hard limit 1024 and no CAP_SYS_RESOURCE: it cannot raise its own)"
# From a session whose own hard limit (4096) is short of that, and without
# CAP_SYS_RESOURCE, no line run from it works: it says so.
run_cmd prlimit --nofile=4096:4096 "$HEADROOM" check --pid "$pid" --target 2000 --role server --format json
expect_grep '"id":"app.haproxy.maxconn".*"live":"none from this session: pid '"$pid"'.s hard limit 1024 is short, this session.s own is 4096' "$OUT"

# Apply it as printed: the setting in the global section, then the command
# (in the background: it runs in the foreground as the old one did).
sed -i "1a\\    maxconn 2560" "$d/haproxy.cfg"
cmd=$(echo "$fix" | sed -n 's/.*, then \(haproxy .*-sf [0-9]*\) (a new.*/\1/p')
$cmd -db >"$d/log2" 2>&1 &
new=$!
started "$new"
wait_until 5 sh -c "! kill -0 $pid 2>/dev/null" || fail "the old process did not hand over: $(cat "$d/log2")"
run check --pid "$new" --target 2000 --role server --format json
expect_eq "maxconn after" "$(layer_field app.haproxy.maxconn "$new" limit)" 2560
expect_eq "verdict after" "$(layer_field app.haproxy.maxconn "$new" verdict)" ok
prlimit --nofile=4096:4096 ab -q -n 2000 -c 1000 "http://127.0.0.1:$port/" >"$d/ab" 2>&1 ||
	fail "ab failed: $(cat "$d/ab")"
expect_grep '^Failed requests: +0$' "$d/ab"
expect_grep '^Complete requests: +2000$' "$d/ab"
echo "ab -c 1000 after the fix: $(grep -E '^(Complete|Failed) requests' "$d/ab" | tr -s ' ' | tr '\n' ' ')"
echo "ok: HAProxy's computed maxconn matches its own; the printed fix applied"
