#!/bin/sh
# MariaDB's own cap, live: mariadbd from Debian's mariadb-server-core, a
# data directory made by mariadb-install-db in the test's directory, its
# option file there (socket in the directory, no TCP), run in a private
# network namespace, stopped by pid. Clients are raw unix-socket
# connections that read the server's first packet: its greeting (0x0a),
# or an error packet (0xff: "Too many connections"), or nothing when its
# accept() failed for want of fds.
#   1. max_connections 20 with fds to spare: check finds 20 for a target
#      of 200; the printed SET GLOBAL, run as printed (its socket named),
#      lets the same 200 clients in.
#   2. max_connections 1500 under nofile 1024:1024 without
#      CAP_SYS_RESOURCE: MariaDB keeps 1500 and shrinks its table cache,
#      then fails accept() with "Too many open files". The printed fix is
#      a restart with more fds; run as printed, the 1,500 clients get in.
. "$top_srcdir/tests/live/lib.sh"
. "$top_srcdir/tests/live/app-lib.sh"
need_cmd mariadbd
need_cmd mariadb-install-db
need_cmd mysql
need_cmd python3
need_cmd prlimit
need_cmd setpriv
[ "$(id -u)" = 0 ] || skip "needs root to run mariadbd as root in its own directory"
need_netns

d=$TEST_TMP/my
mkdir -p "$d"
cat >"$d/my.cnf" <<CONF
[client-server]

[mysqld]
datadir = $d/data
socket = $d/sock
pid-file = $d/pid
log-error = $d/err.log
skip-networking
innodb_buffer_pool_size = 16M
# Clients that never log in are held a minute, not 10 s: the count of
# connections that got in is then the count it holds at once.
connect_timeout = 60
max_connections = 20
CONF
line=$(grep -n '^max_connections' "$d/my.cnf" | cut -d: -f1)
mariadb-install-db --defaults-file="$d/my.cnf" --user=root \
	--auth-root-authentication-method=socket >"$d/install.log" 2>&1 ||
	fail "mariadb-install-db failed: $(tail -5 "$d/install.log")"

# clients N: open N connections at once (bounded: 2 s each, 3 failures), print
# "greeted G refused R failed F", and close them all.
cat >"$d/clients.py" <<'PY'
import socket, sys
path, n = sys.argv[1], int(sys.argv[2])
held, greeted, refused, failed = [], 0, 0, 0
for _ in range(n):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(2)
    held.append(s)
    try:
        s.connect(path)
        head = s.recv(5, socket.MSG_WAITALL)
    except OSError:
        head = b""
    if len(head) == 5 and head[4] == 0x0A:
        greeted += 1
    elif len(head) == 5 and head[4] == 0xFF:
        refused += 1
    else:
        failed += 1
        if failed >= 3:
            break
print("greeted", greeted, "refused", refused, "failed", failed)
PY
clients() {
	prlimit --nofile=4096:4096 python3 "$d/clients.py" "$d/sock" "$1"
}

# start PREFIX...: mariadbd with the option file, after PREFIX; $pid.
start() {
	rm -f "$d/pid"
	"$@" mariadbd --defaults-file="$d/my.cnf" --user=root >>"$d/out" 2>&1 &
	started $!
	wait_until 30 test -s "$d/pid" || fail "mariadbd did not start: $(tail -5 "$d/err.log")"
	pid=$(cat "$d/pid")
	started "$pid"
	wait_until 10 test -S "$d/sock" || fail "no socket: $(tail -5 "$d/err.log")"
}

# ---- 1: SET GLOBAL, with fds to spare ----
start prlimit --nofile=8192:8192
out=$(clients 200)
echo "max_connections 20, 200 clients: $out"
case $out in "greeted 200 "*) fail "all 200 got in past max_connections 20" ;; esac
[ "$(echo "$out" | cut -d' ' -f4)" -gt 0 ] || fail "none refused with \"Too many connections\""
run check --pid "$pid" --target 200 --role server --format json
expect_eq "limit" "$(layer_field app.mysql.max_connections "$pid" limit)" 20
expect_eq "verdict" "$(layer_field app.mysql.max_connections "$pid" verdict)" fail
expect_grep '"id":"app.mysql.max_connections".*max_connections 20 \('"$d"'/my.cnf:'"$line"'\)' "$OUT"
fix=$(fix_live app.mysql.max_connections "$pid")
echo "printed fix: $fix"
r=$(echo "$fix" | sed -n "s/^mysql --socket=.* -e 'SET GLOBAL max_connections = \([0-9]*\)' (live until a restart)\$/\1/p")
[ -n "$r" ] || fail "not a SET GLOBAL on its socket: $fix"
[ "$r" -ge 200 ] || fail "it sets $r, below the target"
expect_eq "fix" "$fix" "mysql --socket=$d/sock -e 'SET GLOBAL max_connections = $r' (live until a restart)"
sh -c "${fix% (live until a restart)}" >"$d/set.log" 2>&1 || fail "the printed SET GLOBAL failed: $(cat "$d/set.log")"
expect_eq "max_connections after" "$(mysql --socket="$d/sock" -Ne 'SELECT @@max_connections')" "$r"
out=$(clients 200)
echo "after the printed SET GLOBAL, 200 clients: $out"
expect_eq "clients after" "$out" "greeted 200 refused 0 failed 0"
stop "$pid"

# ---- 2: past its hard nofile, without CAP_SYS_RESOURCE ----
sed -i "${line}s/.*/max_connections = 1500/" "$d/my.cnf"
NOCAP="setpriv --bounding-set=-sys_resource --inh-caps=-sys_resource --"
start $NOCAP prlimit --nofile=1024:1024
expect_grep '^Max open files +1024 +1024 ' "/proc/$pid/limits"
expect_eq "it keeps max_connections" "$(mysql --socket="$d/sock" -Ne 'SELECT @@max_connections')" 1500
out=$(clients 1500)
echo "max_connections 1500 under nofile 1024, 1500 clients: $out"
case $out in "greeted 1500 "*) fail "1,500 clients got in with 1,024 fds" ;; esac
wait_until 5 grep -q 'Too many open files' "$d/err.log" || fail "no EMFILE in its log: $(tail -3 "$d/err.log")"
run_cmd $NOCAP "$HEADROOM" check --pid "$pid" --target 1500 --role server --format json
expect_eq "limit" "$(layer_field app.mysql.max_connections "$pid" limit)" 1500
expect_eq "verdict" "$(layer_field app.mysql.max_connections "$pid" verdict)" warn
expect_eq "its nofile" "$(layer_field nofile.soft "$pid" verdict)" fail
expect_grep '"id":"app.mysql.max_connections".*its nofile \(1024\) cannot hold max_connections 1500' "$OUT"
fix=$(fix_live app.mysql.max_connections "$pid")
echo "printed fix: $fix"
r=$(echo "$fix" | sed -n 's/.* --max-connections=\([0-9]*\)  (a restart.*/\1/p')
fds=$(echo "$fix" | sed -n 's/.*headroom exec --nofile \([0-9]*\) .*/\1/p')
[ -n "$r" ] && [ "$r" -ge 1500 ] || fail "no max_connections of 1500 or more in the restart: $fix"
[ -n "$fds" ] && [ "$fds" -ge $((r + 10)) ] || fail "no nofile that holds $r in the restart: $fix"
expect_eq "fix" "$fix" "kill $pid; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; cd '$d/data' && headroom exec --nofile $fds -- mariadbd --defaults-file=$d/my.cnf --user=root --max-connections=$r  (a restart: hard limit 1024 and no CAP_SYS_RESOURCE here, a live raise cannot lift it, and SET GLOBAL gives it no fds)"
cmd=${fix%%  (a restart*}
mkdir "$TEST_TMP/bin"
ln -s "$HEADROOM" "$TEST_TMP/bin/headroom"
PATH="$TEST_TMP/bin:$PATH" $NOCAP sh -c "$cmd" >"$d/restart" 2>&1 &
started $!
old=$pid
new_one() { gone "$old" && test -s "$d/pid" && [ "$(cat "$d/pid")" != "$old" ] && test -S "$d/sock"; }
wait_until 30 new_one || fail "the printed restart did not bring it back: $(cat "$d/restart"; tail -3 "$d/err.log")"
pid=$(cat "$d/pid")
started "$pid"
# headroom exec sets the soft limit; the hard one is its own or the higher
# one it inherited (exec does not lower it).
expect_grep "^Max open files +$fds +[0-9]+ " "/proc/$pid/limits"
expect_eq "max_connections after" "$(mysql --socket="$d/sock" -Ne 'SELECT @@max_connections')" "$r"
run_cmd $NOCAP "$HEADROOM" check --pid "$pid" --target 1500 --role server --format json
expect_eq "verdict after" "$(layer_field app.mysql.max_connections "$pid" verdict)" ok
expect_eq "its nofile after" "$(layer_field nofile.soft "$pid" verdict)" ok
out=$(clients 1500)
echo "after the printed restart, 1500 clients: $out"
expect_eq "clients after" "$out" "greeted 1500 refused 0 failed 0"
echo "ok: MariaDB's max_connections and its fds found; both printed fixes applied"
