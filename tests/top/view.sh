#!/bin/sh
# The live view driven in tmux at 80x24: the header and every layer row
# (scrolling to reach them all), the target key changing the verdict,
# freeze, help, resize (larger, too small, back), colours, NO_COLOR and a
# terminal without colours, and `q` leaving with status 0 and the terminal
# as it was.
. "$top_srcdir/tests/top/lib.sh"
need_tmux

# The layer ids top shows on this machine, from a batch frame.
"$HEADROOM" top --batch --iterations 1 --target 1000 >"$T/batch" || [ $? -le 2 ]
sed -n '/^LAYER /,/^$/p' "$T/batch" | sed '1d;$d' | cut -d' ' -f1 | sort >"$T/ids.batch"
[ "$(wc -l <"$T/ids.batch")" -ge 15 ] || fail "batch frame has too few layers"

tm_start 80 24 "$HEADROOM top --target 1000 --interval 0.3"
tm_wait '^headroom top  host .*  kernel .*  up [0-9]+:[0-9]{2}:[0-9]{2}$'
tm_wait '^target 1000 both  verdict (OK|WARN|FAIL|UNKNOWN)  supports [0-9]+  bottleneck '
tm_wait ' ListenOverflows +[0-9.k]+/s ' # a second frame: rates are known
for row in '^established +[0-9]+ ' '^TIME_WAIT +[0-9]+ ' '^orphans +[0-9]+ ' '^conntrack ' \
	' ListenOverflows +[0-9.k]+/s  \+[0-9]+$' ' ListenDrops ' ' failed connects ' ' accept queue '; do
	grep -Eq -- "$row" "$T/screen" || fail "no counter row /$row/"
done
# Every line fits the width; the footer names the keys.
awk 'length($0) > 80 { exit 1 }' "$T/screen" || fail "a line is wider than 80 columns"
grep -q 'q quit  p pid  t target  r reset  f freeze  h help' "$T/screen" || fail "no key footer"

# Scroll down a page at a time until the last row; collect every layer id.
: >"$T/ids.seen"
for _ in $(seq 1 10); do
	tm_capture >"$T/screen"
	sed -n '7,23p' "$T/screen" | cut -d' ' -f1 | grep -v '^LAYER$' >>"$T/ids.seen" || true
	grep -Eq 'rows [0-9]+-([0-9]+) of \1 *$' "$T/screen" && break
	footer=$(tail -1 "$T/screen")
	tm_keys NPage
	for _ in $(seq 1 50); do
		[ "$(tm_capture | tail -1)" != "$footer" ] && break
		sleep 0.1
	done
done
grep -Eq 'rows [0-9]+-([0-9]+) of \1 *$' "$T/screen" || fail "PgDn never reached the last row"
sort -u "$T/ids.seen" | grep -v '^$' >"$T/ids.view"
diff -u "$T/ids.batch" "$T/ids.view" || fail "the view does not show every layer row"
tm_keys Home
tm_wait '^LAYER '

# A target the machine cannot hold: the verdict turns to FAIL.
tm_keys t
tm_wait 'target connections: _'
tm_keys 2000000000 Enter
tm_wait '^target 2000000000 both  verdict FAIL  supports [0-9]+  bottleneck '
tm_wait 'target set to 2000000000 connections'
# A bad one is refused on the message line, the target stays.
tm_keys t lots Enter
tm_wait "target: not a number: 'lots'"
tm_wait '^target 2000000000 both'

# Freeze: the clock stops; resume: it moves again.
tm_keys f
tm_wait 'FROZEN'
frozen=$(head -1 "$T/screen")
sleep 1.2
[ "$(tm_capture | head -1)" = "$frozen" ] || fail "the screen changed while frozen"
tm_keys f
tm_wait_not 'FROZEN'

# Help overlay; any key closes it.
tm_keys h
tm_wait 'headroom top: keys'
grep -q 'watch another process' "$T/screen" || fail "help does not list p"
# The whole box at 80x24: both corners of its top and bottom borders, and
# every line of it whole, the longest (the bars' legend) included.
# (tmux prints the box-drawing corners as l k m j, the lines as q and x.)
grep -Eq 'lq{20,}k' "$T/screen" || fail "the help box has no top border"
grep -Eq 'mq{20,}j' "$T/screen" || fail "the help box has no bottom border"
grep -Eq 'x Bars: .* past the limit x' "$T/screen" || fail "the legend is not inside the box"
for line in 'headroom top: keys' 'q        quit' 'r        reset the totals and the accept-queue peak' \
	'Up Down PgUp PgDn Home End   scroll the rows' \
	'Bars: # use, = need (no use figure), | need, > past the limit'; do
	grep -qF -- "$line" "$T/screen" || fail "the help box cuts '$line'"
done
tm_keys x
tm_wait_not 'headroom top: keys'

# Resize: wider bars at 100 columns (100 - 63 = 37 cells with brackets).
tm resize-window -t t -x 100 -y 30
tm_wait '^nofile\.soft +\[[^]>]{35}[]>] '
awk 'length($0) > 100 { exit 1 }' "$T/screen" || fail "a line is wider than 100 columns"
# Too small: one clear message instead of a broken layout.
tm resize-window -t t -x 50 -y 10
tm_wait '^terminal too small: 50x10'
tm_wait '^top needs 72x14 \(q quits\)'
[ "$(grep -c . "$T/screen")" -eq 2 ] || fail "more than the message on a small terminal"
tm resize-window -t t -x 80 -y 24
tm_wait '^headroom top  host '
tm_wait '^nofile\.soft +\[[^]>]{15}[]>] '

# Colours: the verdicts are coloured on a colour terminal.
tm_capture -e >"$T/screen.esc"
grep -Eq "$(printf '\033')\[([0-9]+;)*3[1-6][;m]" "$T/screen.esc" ||
	fail "no colour on a colour terminal"

tm_keys q
tm_exited 0

# NO_COLOR: the same screen without a colour, still with attributes.
tm_start 80 24 "env NO_COLOR=1 $HEADROOM top --target 1000000"
tm_wait '^target 1000000 both  verdict FAIL'
tm_capture -e >"$T/screen.esc"
if grep -Eq "$(printf '\033')\[([0-9]+;)*3[0-8][;m]" "$T/screen.esc"; then
	fail "colour escapes with NO_COLOR set"
fi
grep -Eq "$(printf '\033')\[([0-9]+;)*[17][;m]" "$T/screen.esc" ||
	fail "no bold or reverse in monochrome"
tm_keys q
tm_exited 0

# A terminal without colours (vt100): monochrome too.
tm_start 80 24 "env TERM=vt100 $HEADROOM top --target 1000000"
tm_wait '^target 1000000 both  verdict FAIL'
tm_capture -e >"$T/screen.esc"
if grep -Eq "$(printf '\033')\[([0-9]+;)*3[0-8][;m]" "$T/screen.esc"; then
	fail "colour escapes on a vt100"
fi
tm_keys q
tm_exited 0
pass
