#!/bin/sh
# --pid as people type it: `--pid "$(pidof NAME)"` (several pids in one
# argument, blank or comma separated), a name (--pid NAME, --name NAME:
# every process of that name, said on stderr), in check, explain, raise
# and top. Three processes of a name nothing else has (a copy of sleep).
. "$top_srcdir/tests/live/lib.sh"
need_cmd prlimit

name=hr-pidtest$$
name=$(printf '%.15s' "$name") # comm keeps 15 bytes
cp "$(command -v sleep)" "$TEST_TMP/$name"
pids=
for i in 1 2 3; do
	prlimit --nofile=256:4096 "$TEST_TMP/$name" 30 &
	started $!
	wait_comm $! "$name"
	pids="$pids $!"
done
pids=${pids# }
set -- $pids
p1=$1 p2=$2 p3=$3
commas=$(echo "$pids" | tr ' ' ,)

# pidof's output as it is: blanks inside one argument.
run check --target 100 --pid "$pids" --format json
expect_rc 0 1 "check --pid \"$pids\""
for p in $pids; do
	expect_eq "nofile.soft of $p" "$(layer_field nofile.soft "$p" limit)" 256
done
[ ! -s "$ERR" ] || fail "pids given as numbers are not announced: $(cat "$ERR")"
run check --target 100 --pid "$commas" --pid "$p1" --format json
expect_rc 0 1 "check --pid $commas --pid $p1"
expect_eq "layers of the three (a pid given twice counts once)" \
	"$(grep -c '"id":"nofile.soft".*"pid":' "$OUT")" 3

# A name: every process of it, and which ones were taken.
for opt in --pid --name; do
	run check --target 100 $opt "$name" --format json
	expect_rc 0 1 "check $opt $name"
	for p in $pids; do
		[ -n "$(layer nofile.hard "$p")" ] || fail "check $opt $name: no layer of pid $p"
	done
	expect_grep "^headroom check: $opt $name: 3 processes: $p1 $p2 $p3\$" "$ERR"
done
run check --target 100 --name "$name" -q
expect_rc 0 1
[ ! -s "$ERR" ] || fail "-q still announces: $(cat "$ERR")"
# A pid and a name mixed in one argument.
run check --target 100 --pid "1,$name" --format json
expect_rc 0 1
[ -n "$(layer nofile.soft 1)" ] || fail "--pid 1,$name: pid 1 not watched"

# explain and top take the same.
run explain --pid "$pids" 'accept: too many open files'
expect_rc 0
run explain --name "$name" 'accept: too many open files'
expect_rc 0
expect_grep "^headroom explain: --name $name: 3 processes: " "$ERR"
run top --batch --iterations 1 --interval 0.1 --target 100 --pid "$commas"
expect_rc 0 1 2
for p in $pids; do
	grep -q "$p" "$OUT" || fail "top --pid $commas: pid $p not in the frame"
done

# raise every process of the name; each one's limits read back.
run raise --name "$name" --nofile 1000
expect_rc 0 "raise --name $name"
for p in $pids; do
	expect_grep "^Max open files +1000 +4096 " "/proc/$p/limits"
done
run raise --pid "$p1 $p2" --nofile 2000
expect_rc 0
expect_grep "^Max open files +2000 +4096 " "/proc/$p2/limits"
expect_grep "^Max open files +1000 +4096 " "/proc/$p3/limits"

# Bad tokens: named, exit 65, nothing changed.
expect_error 65 "^headroom check: --pid: no process named 'no-such-proc-x'\$" \
	"$HEADROOM" check --pid "$p1,no-such-proc-x"
expect_error -G 65 "^headroom check: --pid: 0 is out of range (1..2147483647)\$" \
	"$HEADROOM" check --pid "$p1 0"
expect_error 65 "^headroom check: --pid: 'a/b' is not a pid or a process name\$" \
	"$HEADROOM" check --pid "$p1 a/b"
expect_error 65 "^headroom check: --pid: ' , ' holds no pid or process name\$" \
	"$HEADROOM" check --pid " , "
expect_error 65 "^headroom raise: --pid: no process named 'no-such-proc-x'\$" \
	"$HEADROOM" raise --pid "$p3,no-such-proc-x" --nofile 3000
expect_grep "^Max open files +1000 +4096 " "/proc/$p3/limits"
expect_error 65 "^headroom top: --name: no process named 'no-such-proc-x'\$" \
	"$HEADROOM" top --batch --iterations 1 --name no-such-proc-x
many=$(seq 1 33 | tr '\n' ,)
expect_error 64 "^headroom check: --pid: 33 processes, at most 32 can be watched\$" \
	"$HEADROOM" check --pid "$many"
pass
