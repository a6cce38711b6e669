#!/bin/sh
# Every option a command lists in --help is documented in headroom(1) and
# named in the command's synopsis; every command's --help shows an example
# and fits 80 columns; a short letter means one long option in every
# command, and headroom(1)'s table of letters says so.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
man="$top_srcdir/man/headroom.1"
tmp=$TEST_TMP
: >"$tmp/letters"
for cmd in $("$HEADROOM" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	help=$("$HEADROOM" "$cmd" --help) || fail "$cmd --help exits non-zero"
	printf '%s\n' "$help" | grep -q 'headroom '"$cmd" || fail "$cmd --help has no example"
	printf '%s\n' "$help" | awk -v c="$cmd" 'length > 79 {
		print c " --help: line of " length " columns: " $0; bad = 1 } END { exit bad }' ||
		fail "$cmd --help is wider than 79 columns"
	# The synopsis: from "usage:" to the first empty line.
	synopsis=$(printf '%s\n' "$help" | sed -n '1,/^$/p')
	for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case "$opt" in --help | --root | --quiet) continue ;; esac
		# mdoc writes --target as "Fl -target".
		if ! grep -q -- "Fl -${opt#--}\b" "$man"; then
			fail "$cmd $opt: not in man/headroom.1"
		fi
	done
	# Each row of the option list: "  -n, --target N" or "      --census FILE".
	printf '%s\n' "$help" | sed -n '/^Options:$/,/^$/p' |
		sed -n 's/^  \(-[a-zA-Z0-9], \|    \)--\([a-z0-9-]*\).*/\1\2/p' >"$tmp/rows"
	[ -s "$tmp/rows" ] || [ "$cmd" = history ] || [ "$cmd" = profiles ] ||
		fail "$cmd --help lists no options"
	while read -r row; do
		name=${row##* }
		name=${name#, }
		case "$row" in
		-?,*)
			letter=${row%%,*}
			echo "$letter --$name $cmd" >>"$tmp/letters"
			grep -q -- "^\.It Fl ${letter#-} Ta Fl -$name Ta .*$cmd" "$man" ||
				fail "$cmd $letter --$name: not in the letter table of man/headroom.1"
			grep -q -- "^\.It Fl ${letter#-} , Fl -$name\b" "$man" ||
				fail "$cmd: man/headroom.1 does not list $letter, --$name"
			;;
		esac
		printf '%s\n' "$synopsis" | grep -q -- "--$name\b" ||
			fail "$cmd --$name: not in the synopsis of $cmd --help"
	done <"$tmp/rows"
	echo "checked $cmd"
done
# One letter, one long option, in every command.
sort -u "$tmp/letters" | awk '{ if ($1 in long && long[$1] != $2) {
	print $1 " is " long[$1] " in " cmd[$1] " but " $2 " in " $3; bad = 1 }
	long[$1] = $2; cmd[$1] = $3 } END { exit bad }' || fail "a letter means two long options"
echo "letters: $(cut -d' ' -f1,2 "$tmp/letters" | sort -u | wc -l) letter/option pairs"
pass
