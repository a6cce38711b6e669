#!/bin/sh
# The option convention, command by command: options after operands, `--`,
# exec's and explain's operands, "did you mean", the long option named in
# every error, and a shared option refused with the same status and
# message by every command that takes it. Runs on fixture roots only.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
H=$HEADROOM
hosts=$top_srcdir/tests/fixtures/hosts
census=$top_srcdir/tests/fixtures/census
tmp=$TEST_TMP
export NO_COLOR=1

# run NAME ARGS...: headroom's stdout, stderr and status in $tmp/NAME.*
run() {
	run_name=$1
	shift
	"$H" "$@" >"$tmp/$run_name.out" 2>"$tmp/$run_name.err" </dev/null
	echo $? >"$tmp/$run_name.rc"
}

# same A B WHAT: runs A and B printed the same and exited alike.
same() {
	# a JSON document carries the second it was made: not a difference
	golden_normalise "$tmp/$1.out"
	golden_normalise "$tmp/$2.out"
	if ! cmp -s "$tmp/$1.out" "$tmp/$2.out" || ! cmp -s "$tmp/$1.rc" "$tmp/$2.rc"; then
		fail "$3: output or status differs"
		diff "$tmp/$1.out" "$tmp/$2.out" | head -5
	elif [ ! -s "$tmp/$1.out" ]; then
		fail "$3: printed nothing ($(cat "$tmp/$1.err"))"
	else
		echo "ok $3"
	fi
}

# expect_rc NAME STATUS WHAT
expect_rc() {
	got=$(cat "$tmp/$1.rc")
	[ "$got" = "$2" ] || fail "$3: exit $got, want $2: $(cat "$tmp/$1.err")"
}

# expect_err NAME STATUS LINE1 CMD: the two-line command-line error.
expect_err() {
	expect_rc "$1" "$2" "$4"
	printf '%s\nTry %s.\n' "$3" "'headroom${4:+ $4} --help'" >"$tmp/want"
	if cmp -s "$tmp/want" "$tmp/$1.err"; then
		echo "ok $1"
	else
		fail "$1: stderr is"
		cat "$tmp/$1.err"
		echo "   want"
		cat "$tmp/want"
	fi
}

# A throw-away copy of the tuning fixture root, owned by whoever runs this.
R=$tmp/root
cp -a "$top_srcdir/tests/fixtures/tune/root-linux" "$R"
chmod -R u+w,go-w "$R"

# ---- options after operands, in each command that takes operands ----
run apply-before --root "$R" apply --dry-run c10k
run apply-after --root "$R" apply c10k --dry-run
same apply-before apply-after "apply c10k --dry-run"
grep -q '^dry run: nothing was changed$' "$tmp/apply-after.out" || fail "apply c10k --dry-run: not a dry run"

run apply apply c10k --root "$R" -q
expect_rc apply 0 "apply c10k --root R -q"
run history-after history 1 --root "$R"
run history-before --root "$R" history 1
same history-before history-after "history 1 --root R"
echo '# changed by hand' >>"$R/etc/sysctl.d/90-headroom.conf"
run revert-noforce --root "$R" revert 1
expect_rc revert-noforce 2 "revert 1 refuses after a change by hand"
run revert-after revert 1 --force --root "$R"
expect_rc revert-after 0 "revert 1 --force"
grep -q '^reverted entry 1' "$tmp/revert-after.out" || fail "revert 1 --force: $(cat "$tmp/revert-after.out")"
run revert-F revert 1 -F --root "$R"
expect_rc revert-F 0 "revert 1 -F"

run profiles-before -q --root "$R" profiles c10k
run profiles-after profiles c10k --root "$R" -q
same profiles-before profiles-after "profiles c10k --root R -q"

msg='socket: too many open files'
run explain-before explain --no-live "$msg"
run explain-after explain "$msg" --no-live
same explain-before explain-after "explain TEXT --no-live"
run explain-json explain "$msg" --no-live --format json
grep -q '^{"schema":1,' "$tmp/explain-json.out" || fail "explain TEXT --format json: not JSON"

# ---- options among options: global ones after the command too ----
args="--census $census/debian12.nl --target 10000 --user alice"
# shellcheck disable=SC2086 # the arguments are split on purpose
run check-before -q --root "$hosts/debian12" check $args
# shellcheck disable=SC2086
run check-after check $args --root "$hosts/debian12" -q
same check-before check-after "check ... --root DIR -q"
# shellcheck disable=SC2086
run check-short check --census "$census/debian12.nl" -qn10000 -ualice --root "$hosts/debian12"
same check-before check-short "check -qn10000 -ualice"
run census-before census --format json --replay "$census/debian12.nl" --root "$hosts/debian12"
run census-after --root "$hosts/debian12" census --replay="$census/debian12.nl" -f json
same census-before census-after "census --replay=FILE -f json"

# ---- -- ends the options ----
run dd-explain explain --no-live -- '-x: too many open files'
expect_rc dd-explain 0 "explain -- -x..."
run dd-check check -- --target
expect_err dd-check 64 "headroom check: unexpected argument '--target'" check
run dd-profiles --root "$R" profiles -- c10k
same profiles-before dd-profiles "profiles -- c10k"
run dd-exec exec -- sh -c 'echo "$@"' sh --nofile 5 -- x
[ "$(cat "$tmp/dd-exec.out")" = "--nofile 5 -- x" ] || fail "exec --: the command's arguments: $(cat "$tmp/dd-exec.out")"
run exec-stop exec --nofile 1000 sh -c 'ulimit -n; echo "$@"' sh --nofile 5
[ "$(cat "$tmp/exec-stop.out")" = "1000
--nofile 5" ] || fail "exec: options end at COMMAND: $(cat "$tmp/exec-stop.out")"
run exec-none exec --nofile 1000 --
expect_err exec-none 64 "headroom exec: no COMMAND to run" exec

# ---- explain: text pasted as it is, options after it ----
paste='-bash: ulimit: open files: cannot modify limit: Operation not permitted'
run paste-dd explain --no-live -- "$paste"
run paste-after explain "$paste" --no-live
same paste-dd paste-after "explain '-bash: ...' --no-live"
grep -q '^sh.ulimit-eperm:' "$tmp/paste-after.out" || fail "explain '-bash: ...': $(head -1 "$tmp/paste-after.out")"
run paste-q explain "$paste" --no-live -q
[ "$(wc -l <"$tmp/paste-q.out")" -eq 1 ] || fail "explain '-bash: ...' -q: not one line"
run paste-bogus explain -bogus --no-live
expect_err paste-bogus 64 "headroom explain: unknown option '-b'" explain

# ---- the main program's own options ----
run version-long --version
run version-short -V
same version-long version-short "-V is --version"
run main-unknown -x check
expect_err main-unknown 64 "headroom: unknown option '-x'" ""
run main-missing check --root
expect_err main-missing 64 "headroom check: --root: missing argument" check

# ---- did you mean ----
run dym-cmd chek --target 10000
expect_err dym-cmd 64 "headroom: unknown command 'chek'; did you mean 'check'?" ""
run dym-cmd2 histroy
expect_err dym-cmd2 64 "headroom: unknown command 'histroy'; did you mean 'history'?" ""
run dym-none frobnicate
expect_err dym-none 64 "headroom: unknown command 'frobnicate'" ""
run dym-opt check --taget 10000
expect_err dym-opt 64 "headroom check: unknown option '--taget'; did you mean '--target'?" check
run dym-opt2 --root "$R" apply c10k --dryrun
expect_err dym-opt2 64 "headroom apply: unknown option '--dryrun'; did you mean '--dry-run'?" apply
run dym-opt3 explain --nolive x
expect_err dym-opt3 64 "headroom explain: unknown option '--nolive'; did you mean '--no-live'?" explain
run dym-global --rot "$R" check
expect_err dym-global 64 "headroom: unknown option '--rot'; did you mean '--root'?" ""
run dym-word check --format jsno
expect_err dym-word 64 "headroom check: --format: 'jsno' is not text, json, prometheus or nagios; did you mean 'json'?" check

# ---- the long name in every error, from every command's own table ----
cmds=$("$H" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
n=0
for cmd in $cmds; do
	"$H" "$cmd" --help | sed -n '/^Options:$/,/^$/p' |
		sed -n 's/^  -\([a-zA-Z0-9]\), --\([a-z0-9-]*\) [A-Z].*/\1 \2/p' >"$tmp/rows"
	while read -r letter name; do
		run "miss-$cmd-$letter" "$cmd" "-$letter"
		expect_err "miss-$cmd-$letter" 64 "headroom $cmd: --$name: missing argument" "$cmd"
		run "missl-$cmd-$letter" "$cmd" "--$name"
		expect_err "missl-$cmd-$letter" 64 "headroom $cmd: --$name: missing argument" "$cmd"
		n=$((n + 1))
	done <"$tmp/rows"
	run "unknown-$cmd" "$cmd" --frobnicate
	expect_err "unknown-$cmd" 64 "headroom $cmd: unknown option '--frobnicate'" "$cmd"
done
[ "$n" -ge 15 ] || fail "only $n options with a letter and an argument found in --help"

# ---- a shared option: the same status and message in every command ----
# shared OPTION VALUE STATUS MESSAGE: every command whose --help lists
# OPTION refuses VALUE with STATUS and "headroom CMD: MESSAGE".
shared() {
	takers=0
	for cmd in $cmds; do
		"$H" "$cmd" --help | grep -q -- "^  -., $1 \|^      $1 " || continue
		takers=$((takers + 1))
		extra=
		case $cmd in explain) extra=x ;; exec) extra=true ;; esac
		run "shared-$cmd" "$cmd" "$1" "$2" $extra
		expect_err "shared-$cmd" "$3" "headroom $cmd: $4" "$cmd"
	done
	[ "$takers" -ge "$5" ] || fail "$1: only $takers commands take it"
}
shared --target 0 65 "--target: 0 is out of range (1..2147483648)" 4
shared --target lots 65 "--target: not a number: 'lots'" 4
shared --pid self 65 "--pid: no process named 'self'" 4
shared --pid 0 65 "--pid: 0 is out of range (1..2147483647)" 4
shared --sources 0 65 "--sources: 0 is out of range (1..16777214)" 2
shared --sources 16777215 65 "--sources: 16777215 is out of range (1..16777214)" 2
shared --role peer 64 "--role: 'peer' is not client, server or both" 3
shared --nofile lots 65 "--nofile: not a number or max: 'lots'" 2
shared --nofile 0 65 "--nofile: 0 is out of range (1..9223372036854775806)" 2
# --format: the same rule and message shape; the choices are the command's.
for cmd in check verify explain census; do
	run "fmt-$cmd" "$cmd" --format yaml x
	sed -n 1p "$tmp/fmt-$cmd.err" | grep -q "^headroom $cmd: --format: 'yaml' is not text.* or json\|^headroom $cmd: --format: 'yaml' is not text, json, prometheus or nagios$" ||
		fail "$cmd --format yaml: $(cat "$tmp/fmt-$cmd.err")"
	expect_rc "fmt-$cmd" 64 "$cmd --format yaml"
done
# --pid PID given more often than a probe takes: the same limit everywhere.
many=
i=0
while [ $i -le 32 ]; do many="$many --pid 1"; i=$((i + 1)); done
for cmd in check explain top; do
	# shellcheck disable=SC2086 # the --pid options are split on purpose
	run "many-$cmd" "$cmd" $many x
	expect_err "many-$cmd" 64 "headroom $cmd: --pid: at most 32 allowed" "$cmd"
done
# --user NAME (check, top: whose next login session limits.conf
# describes): a name that cannot be a user, and a user the root does not
# know, refused alike by both (top took the latter as an UNKNOWN row).
shared --user 'A B' 65 "--user: user 'A B' is not a valid name (shadow-utils: a lower-case letter or _, then a-z 0-9 _ . -, optionally ending in \$)" 2
for cmd in check top; do
	run "nouser-$cmd" --root "$hosts/debian12" "$cmd" --batch --user nosuchuser
	[ "$cmd" = check ] && run "nouser-$cmd" --root "$hosts/debian12" "$cmd" --user nosuchuser
	expect_rc "nouser-$cmd" 65 "$cmd --user nosuchuser"
	printf "headroom: %s --user: user 'nosuchuser' is not in /etc/passwd\n" "$cmd" >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/nouser-$cmd.err" || fail "$cmd --user nosuchuser: $(cat "$tmp/nouser-$cmd.err")"
	[ -s "$tmp/nouser-$cmd.out" ] && fail "$cmd --user nosuchuser: wrote to stdout"
done
pass
