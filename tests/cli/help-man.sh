#!/bin/sh
# Every option a command lists in --help is documented in headroom(1),
# and every command's --help shows an example.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
man="$top_srcdir/man/headroom.1"
for cmd in $("$HEADROOM" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	help=$("$HEADROOM" "$cmd" --help) || fail "$cmd --help exits non-zero"
	printf '%s\n' "$help" | grep -q 'headroom '"$cmd" || fail "$cmd --help has no example"
	for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case "$opt" in --help | --root | --quiet) continue ;; esac
		# mdoc writes --target as "Fl -target".
		if ! grep -q -- "Fl -${opt#--}\b" "$man"; then
			fail "$cmd $opt: not in man/headroom.1"
		fi
	done
	echo "checked $cmd"
done
pass
