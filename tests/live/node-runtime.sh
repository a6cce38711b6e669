#!/bin/sh
# A real Node.js server (Debian's nodejs) in a private network namespace:
#   1. under nofile 256:4096 it raises its soft limit to the hard one at
#      start-up: check marks it (raises_own_soft) and reads 4,096;
#   2. under 1024:1024 without CAP_SYS_RESOURCE, 2,000 clients (verify
#      --connect) lose about half: its accept() fails with EMFILE and
#      libuv closes what it cannot hold. Both nofile rows print a restart
#      under headroom exec; run as printed, the new server holds all 2,000;
#   3. its listener has the backlog 511 Node.js asks for unless told: the
#      fix says to pass one to listen(), not a bare restart (which keeps
#      511); done so, check reads the new backlog.
. "$top_srcdir/tests/live/lib.sh"
need_cmd node
need_cmd prlimit
need_cmd setpriv
need_cmd ss
need_netns

port=$((20000 + $$ % 20000))
cat >"$TEST_TMP/srv.js" <<'JS'
// Accepts and holds every connection; ends by itself after 60 s.
const net = require('net');
const held = [];
const backlog = process.argv[3] ? Number(process.argv[3]) : undefined;
net.createServer((s) => { held.push(s); s.on('error', () => {}); })
  .listen({ port: Number(process.argv[2]), host: '127.0.0.1', backlog });
setTimeout(() => process.exit(0), 60000);
JS
cd "$TEST_TMP" || fail "no $TEST_TMP"
NOCAP="setpriv --bounding-set=-sys_resource --inh-caps=-sys_resource --"
listening() { ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 | head -n 1; }
wait_listener() {
	pid=
	wait_until 10 sh -c "ss -ltnH 'sport = :$port' | grep -q ." || fail "node did not listen: $(cat "$TEST_TMP/node.log")"
	pid=$(listening)
	[ -n "$pid" ] || fail "no pid listens on $port"
	started "$pid"
}
# clients: 2,000 connections held for 1 s; the verdict and how many the
# server dropped.
clients() {
	prlimit --nofile=8192:8192 "$HEADROOM" verify --connect "127.0.0.1:$port" --target 2000 \
		--hold 1 --format json >"$TEST_TMP/verify.json" 2>/dev/null || true
	sed -n 's/^ *"verdict": *"\([a-z]*\)".*/\1/p' "$TEST_TMP/verify.json" | head -n 1
}

# ---- 1: Node.js raises its own soft limit ----
prlimit --nofile=256:4096 node srv.js "$port" >"$TEST_TMP/node.log" 2>&1 &
started $!
wait_listener
run check --target 1000 --pid "$pid" --format json
expect_eq "raises_own_soft" "$(layer_field nofile.soft "$pid" raises_own_soft)" true
expect_eq "its soft limit, raised by itself" "$(layer_field nofile.soft "$pid" limit)" 4096
stop "$pid"

# ---- 2: a short hard limit, no CAP_SYS_RESOURCE: the printed restart ----
$NOCAP prlimit --nofile=1024:1024 node srv.js "$port" >"$TEST_TMP/node.log" 2>&1 &
started $!
wait_listener
expect_grep '^Max open files +1024 +1024 ' "/proc/$pid/limits"
before=$(clients)
echo "2,000 clients under nofile 1024: verdict $before; $(grep -o '"dropped": *[0-9]*' "$TEST_TMP/verify.json" | head -n 1)"
expect_eq "clients before" "$before" fail
run_cmd $NOCAP "$HEADROOM" check --target 2000 --role server --pid "$pid" --format json
expect_eq "nofile.hard before" "$(layer_field nofile.hard "$pid" verdict)" fail
fix=$(layer nofile.hard "$pid" | sed -n 's/.*"fix":{"live":"\(\([^"\\]\|\\.\)*\)".*/\1/p' | sed 's/\\"/"/g')
echo "printed fix: $fix"
n=$(echo "$fix" | sed -n 's/.*headroom exec --nofile \([0-9]*\) .*/\1/p')
[ -n "$n" ] && [ "$n" -ge 2000 ] || fail "no nofile of 2,000 or more in the fix"
expect_eq "fix" "$fix" "kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; cd '$TEST_TMP' && headroom exec --nofile $n -- node srv.js $port  (a restart: hard limit 1024 and no CAP_SYS_RESOURCE here, a live raise cannot lift it)"
expect_eq "the soft row's fix" "$(layer nofile.soft "$pid" | grep -cF "headroom exec --nofile $n -- node srv.js $port")" 1
mkdir "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
old=$pid
PATH="$TEST_TMP/bin:$PATH" $NOCAP sh -c "${fix%%  (a restart*}" >"$TEST_TMP/node.log" 2>&1 &
started $!
wait_until 10 gone "$old" || fail "the printed restart did not stop pid $old"
wait_listener
[ "$pid" != "$old" ] || fail "the same node listens"
soft=$(sed -n 's/^Max open files  *\([0-9]*\) .*/\1/p' "/proc/$pid/limits")
[ "$soft" -ge "$n" ] || fail "its soft limit $soft is below $n"
run_cmd $NOCAP "$HEADROOM" check --target 2000 --role server --pid "$pid" --format json
expect_eq "nofile.hard after" "$(layer_field nofile.hard "$pid" verdict)" ok
expect_eq "nofile.soft after" "$(layer_field nofile.soft "$pid" verdict)" ok
after=$(clients)
echo "2,000 clients after the printed restart: verdict $after"
expect_eq "clients after" "$after" ok

# ---- 3: the backlog Node.js asks for ----
expect_eq "its backlog" "$(layer_field backlog.listen "$pid" limit)" 511
expect_eq "backlog verdict" "$(layer_field backlog.listen "$pid" verdict)" warn
bfix=$(layer backlog.listen "$pid" | sed -n 's/.*"fix":{"live":"\([^"]*\)".*/\1/p')
echo "printed backlog fix: $bfix"
b=$(echo "$bfix" | sed -n 's/.*server.listen({port, host, backlog: \([0-9]*\)}).*/\1/p')
[ -n "$b" ] && [ "$b" -ge 2000 ] || fail "not a backlog for listen(): $bfix"
# Done as it says: the backlog passed to listen(), then a restart.
stop "$pid"
prlimit --nofile=4096:4096 node srv.js "$port" "$b" >"$TEST_TMP/node.log" 2>&1 &
started $!
wait_listener
run check --target 2000 --role server --pid "$pid" --format json
expect_eq "its backlog after" "$(layer_field backlog.listen "$pid" limit)" "$b"
expect_eq "backlog verdict after" "$(layer_field backlog.listen "$pid" verdict)" ok
echo "ok: Node.js raises its own soft limit; the printed restart and backlog fixes applied"
