#!/bin/sh
# headroom explain on the command line: golden outputs (with --no-live, so
# they do not depend on this machine), exit statuses, options, bad input.
. "$top_srcdir/tests/explain/lib.sh"

# expect STATUS NAME COMMAND...: run, keep stdout in $tmp/NAME, check status.
expect() {
	want=$1 name=$2
	shift 2
	"$@" >"$tmp/$name" 2>"$tmp/$name.err"
	got=$?
	[ "$got" -eq "$want" ] || fail "$name: exit $got, want $want: $(cat "$tmp/$name.err")"
}

golden() {
	expect_golden "$here/expected/$1" "$tmp/$1" && echo "ok $1"
}

# One message: cause, why, confirm, fix.
expect 0 lookup.txt "$HEADROOM" explain --no-live 'dial tcp: lookup localhost: no such host'
golden lookup.txt
# A log: counts, first and last lines, one block per cause.
expect 0 small-log.txt "$HEADROOM" explain --no-live - <"$here/small.log"
golden small-log.txt
# -q: the table only.
expect 0 small-log-q.txt "$HEADROOM" -q explain --no-live - <"$here/small.log"
golden small-log-q.txt

# The live check, read from a fixture host with --root (its path printed
# as ROOT so the output does not depend on where the tree is).
root="$top_srcdir/tests/fixtures/hosts/debian12"
expect 0 root-live.raw "$HEADROOM" --root "$root" explain \
	'2024/05/01 12:00:00 dial tcp 127.0.0.1:8080: socket: too many open files'
sed "s|$root|ROOT|" "$tmp/root-live.raw" >"$tmp/root-live.txt"
golden root-live.txt
expect 0 root-live.json "$HEADROOM" --root "$root" explain --format json 'socket: too many open files'
grep -q '"live":{"schema":1,.*"layers":\[' "$tmp/root-live.json" || fail "root-live.json: no live report"
grep -q '"id":"nofile.hard",.*"limit":524288,' "$tmp/root-live.json" || fail "root-live.json: nofile.hard"

# Unquoted words are one message; -- protects a message starting with '-'.
expect 0 words "$HEADROOM" explain --no-live dial tcp 10.0.0.1:80: socket: too many open files
grep -q '^go.socket-emfile:' "$tmp/words" || fail "words: $(head -1 "$tmp/words")"
expect 0 dashdash "$HEADROOM" explain --no-live -- \
	'-bash: ulimit: open files: cannot modify limit: Operation not permitted'
grep -q '^sh.ulimit-eperm:' "$tmp/dashdash" || fail "dashdash: $(head -1 "$tmp/dashdash")"
# Pasted as it is, without --: a leading '-' with a blank in it is the
# message, and the options after it are options (--no-live: no live report,
# --format json), not words joined to the message.
expect 0 pasted-dash "$HEADROOM" explain \
	'-bash: ulimit: open files: cannot modify limit: Operation not permitted' --no-live --format json
grep -q '"signature":"sh.ulimit-eperm"' "$tmp/pasted-dash" || fail "pasted-dash: $(head -c 300 "$tmp/pasted-dash")"
grep -q '"live":{"schema"' "$tmp/pasted-dash" && fail "pasted-dash: --no-live after the message was not an option"
grep -q -- '--no-live\|--format' "$tmp/pasted-dash" && fail "pasted-dash: the options were joined to the message"

# Nothing recognised: exit 1, like grep, and a pointer to the catalogue.
expect 1 nomatch "$HEADROOM" explain --no-live 'all is well'
grep -q 'no known signature' "$tmp/nomatch" || fail "nomatch: no message"
printf 'INFO a\nINFO b\n' | expect 1 nomatch-log "$HEADROOM" explain -
grep -q '^2 lines read: 0 explained by 0 signatures, 2 not recognised' "$tmp/nomatch-log" ||
	fail "nomatch-log: $(head -1 "$tmp/nomatch-log")"

# Usage errors (64) and bad data (65), each with a one-line message.
expect 64 noargs "$HEADROOM" explain
expect 64 extra "$HEADROOM" explain - extra
expect 64 format "$HEADROOM" explain --format xml 'x'
expect 64 nolive-pid "$HEADROOM" explain --no-live --pid 1 'x'
expect 64 list-text "$HEADROOM" explain --list 'x'
expect 64 badopt "$HEADROOM" explain --bogus 'x'
expect 64 kernel-text "$HEADROOM" explain --kernel 'x'
expect 64 kernel-journal "$HEADROOM" explain --kernel --journal
expect 64 list-kernel "$HEADROOM" explain --list --kernel
expect 65 pid0 "$HEADROOM" explain --pid 0 'x'
expect 65 pidword "$HEADROOM" explain --pid abc 'x'
expect 65 nopid "$HEADROOM" explain --pid 2147483647 'socket: too many open files'
grep -q 'no such process' "$tmp/nopid.err" || fail "nopid: $(cat "$tmp/nopid.err")"
[ -s "$tmp/nopid" ] && fail "nopid: printed a report"
# Unreadable input: 3, naming it.
expect 3 readerr "$HEADROOM" explain - <"$here"
grep -q 'standard input' "$tmp/readerr.err" || fail "readerr: $(cat "$tmp/readerr.err")"

# --list: every entry of the samples file, one line per pattern, under a
# header per family.
expect 0 list "$HEADROOM" explain --list
for id in $(sed -n 's/^\[\(.*\)\]$/\1/p' "$here/samples.txt"); do
	grep -q "^$id	" "$tmp/list" || fail "--list lacks $id"
done
for family in servers runtimes tools admin kernel generic; do
	grep -q "^# $family ([0-9]* signatures): " "$tmp/list" || fail "--list: no $family header"
done
awk '/^# servers /{f=1;next} /^# /{f=0} f && /^nginx.emfile\t/{ok=1} END{exit !ok}' "$tmp/list" ||
	fail "--list: nginx.emfile not under servers"

# Ambiguous lines list their candidates with what tells them apart and the
# command that confirms each; the line's own words decide where they can.
expect 0 reset "$HEADROOM" explain --no-live 'read tcp 10.0.0.7:41000->10.0.0.5:80: read: connection reset by peer'
grep -q '^  candidates, most likely first:' "$tmp/reset" || fail "reset: no candidates"
grep -q '^  1\. backlog.somaxconn$' "$tmp/reset" || fail "reset: first candidate"
grep -q '^  2\. nofile.soft$' "$tmp/reset" || fail "reset: second candidate"
[ "$(grep -c '^     tells:' "$tmp/reset")" -eq 3 ] || fail "reset: tells of each candidate"
[ "$(grep -c '^     check:' "$tmp/reset")" -eq 3 ] || fail "reset: check of each candidate"
expect 0 port0 "$HEADROOM" explain --no-live 'dial tcp 0.0.0.0:0->127.0.0.1:8080: bind: address already in use'
grep -q '^  cause:   ports.ephemeral$' "$tmp/port0" || fail "port 0 bind: $(grep cause: "$tmp/port0")"
expect 0 listen "$HEADROOM" explain --no-live 'listen tcp :8080: bind: address already in use'
grep -q '^  cause:   app.port-in-use' "$tmp/listen" || fail "listen bind: $(grep cause: "$tmp/listen")"
expect 0 curl7 "$HEADROOM" explain --no-live "curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server"
grep -q '^  cause:   ports.ephemeral$' "$tmp/curl7" || fail "curl 7: $(grep cause: "$tmp/curl7")"
expect 0 reset-json "$HEADROOM" explain --no-live --format json 'Error: read ECONNRESET'
grep -q '"candidates":\[{"cause":"backlog.somaxconn","tells":"[^"]*","confirm":"[^"]*","evidence":0,"live":null},{"cause":"nofile.soft"' \
	"$tmp/reset-json" || fail "reset-json: candidates"

# Pasted as it is: colour codes, a docker JSON record, a Kubernetes event.
esc=$(printf '\033')
expect 0 ansi "$HEADROOM" explain --no-live "${esc}[31mERRO${esc}[0m[0001] dial tcp 127.0.0.1:80: socket: too many open ${esc}[1mfiles${esc}[0m"
grep -q '^go.socket-emfile:' "$tmp/ansi" || fail "ansi: $(head -1 "$tmp/ansi")"
expect 0 docker-json "$HEADROOM" explain --no-live '{"log":"*** uWSGI listen queue of socket \":8019\" (fd: 3) full !!! (101/100) ***\n","stream":"stderr"}'
grep -q '^uwsgi.listen-queue:' "$tmp/docker-json" || fail "docker json: $(head -1 "$tmp/docker-json")"
expect 0 k8s-event "$HEADROOM" explain --no-live '{"reason":"SysctlForbidden","message":"forbidden sysctl: \"net.core.somaxconn\" not allowlisted"}'
grep -q '^sysctl.somaxconn:' "$tmp/k8s-event" || fail "k8s event: $(head -1 "$tmp/k8s-event")"

# --kernel: /dev/kmsg records (dictionary lines dropped, timestamps as dmesg
# prints them) from a fixture root, or dmesg text on standard input.
expect 0 kmsg "$HEADROOM" --root "$here/kmsg-root" -q explain --no-live --kernel
grep -q '^5 lines read: 4 explained by 4 signatures, 1 not recognised' "$tmp/kmsg" ||
	fail "kmsg: $(head -1 "$tmp/kmsg")"
expect 0 kmsg-text "$HEADROOM" --root "$here/kmsg-root" explain --no-live --kernel
grep -q '^  line 1: \[ 2290.290217\] TCP: request_sock_TCP: Possible SYN flooding' "$tmp/kmsg-text" ||
	fail "kmsg: the record's timestamp"
printf '[ 12.345678] nf_conntrack: nf_conntrack: table full, dropping packet\n[ 13.000001] eth0: link up\n' |
	expect 0 dmesg "$HEADROOM" -q explain --no-live --kernel -
grep -q '^2 lines read: 1 explained' "$tmp/dmesg" || fail "dmesg: $(head -1 "$tmp/dmesg")"
expect 3 kmsg-missing "$HEADROOM" --root "$tmp" explain --no-live --kernel
grep -q 'kmsg' "$tmp/kmsg-missing.err" || fail "kmsg-missing: $(cat "$tmp/kmsg-missing.err")"
# This machine's kernel log: read without blocking to its end (root, or
# dmesg_restrict=0); refused with 77 to a user who may not read it.
# Exit 1 (nothing explained) is as good as 0 here: the log is the machine's.
if [ -r /dev/kmsg ]; then
	rc=0
	timeout 60 "$HEADROOM" -q explain --no-live --kernel >"$tmp/live-kmsg" 2>&1 || rc=$?
	case $rc in
	0 | 1) grep -q ' lines\{0,1\} read: ' "$tmp/live-kmsg" || fail "live kmsg: $(head -1 "$tmp/live-kmsg")" ;;
	*) fail "live kmsg: exit $rc: $(head -1 "$tmp/live-kmsg")" ;;
	esac
fi
if [ "$(id -u)" -eq 0 ] && [ "$(cat /proc/sys/kernel/dmesg_restrict 2>/dev/null)" = 1 ] &&
	command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$HEADROOM" explain --no-live --kernel >"$tmp/kmsg-perm" 2>&1
	rc=$?
	[ "$rc" -eq 77 ] || fail "kmsg as nobody: exit $rc: $(cat "$tmp/kmsg-perm")"
	grep -q 'dmesg_restrict' "$tmp/kmsg-perm" || fail "kmsg as nobody: $(cat "$tmp/kmsg-perm")"
fi

# --journal: journalctl -o cat with the units given; a stand-in journalctl
# records its arguments. Without journalctl: 3 and a clear message.
mkdir "$tmp/bin"
cat >"$tmp/bin/journalctl" <<'JEOF'
#!/bin/sh
printf '%s\n' "$*" >"$JOURNAL_ARGS"
printf 'Started myserver.\nhttp: Accept error: accept tcp [::]:80: accept4: too many open files; retrying in 5ms\n'
JEOF
chmod +x "$tmp/bin/journalctl"
JOURNAL_ARGS="$tmp/jargs" PATH="$tmp/bin:$PATH" expect 0 journal "$HEADROOM" -q explain --no-live --journal myserver.service nginx
grep -q '^-o cat --no-pager -u myserver.service -u nginx$' "$tmp/jargs" || fail "journal args: $(cat "$tmp/jargs")"
grep -q '^2 lines read: 1 explained' "$tmp/journal" || fail "journal: $(head -1 "$tmp/journal")"
printf '#!/bin/sh\necho "Failed to open journal" >&2\nexit 1\n' >"$tmp/bin/journalctl"
PATH="$tmp/bin:$PATH" expect 3 journal-fails "$HEADROOM" explain --no-live --journal
grep -q 'journalctl failed' "$tmp/journal-fails.err" || fail "journal-fails: $(cat "$tmp/journal-fails.err")"
mkdir "$tmp/nobin"
ln -s "$(command -v sh)" "$tmp/nobin/sh"
PATH="$tmp/nobin" expect 3 journal-missing "$HEADROOM" explain --no-live --journal
grep -q 'journalctl not found' "$tmp/journal-missing.err" || fail "journal-missing: $(cat "$tmp/journal-missing.err")"

# --help documents the options, the exit status and examples.
expect 0 help "$HEADROOM" explain --help
for word in --pid --format --no-live --list --kernel --journal 'Exit status' 'headroom explain -'; do
	grep -q -- "$word" "$tmp/help" || fail "--help lacks $word"
done

# JSON: one object with exact counts; valid JSON when python3 can tell.
expect 0 json "$HEADROOM" explain --no-live --format json - <"$here/small.log"
grep -q '"lines":13,"recognised":10,"unrecognised":3,' "$tmp/json" || fail "json counts"
grep -q '"signature":"go.accept-emfile","family":"runtimes","cause":"nofile.soft"' "$tmp/json" || fail "json cause"
grep -q '"live":null' "$tmp/json" || fail "json live with --no-live"
expect 0 list-json "$HEADROOM" explain --list --format json
if command -v python3 >/dev/null 2>&1; then
	for f in json list-json root-live.json; do
		python3 -m json.tool "$tmp/$f" >/dev/null || fail "$f: not valid JSON"
	done
fi
pass
