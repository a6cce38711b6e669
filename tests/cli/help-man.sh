#!/bin/sh
# Every option a command lists in --help is documented in headroom(1),
# and every command's --help shows an example.
set -u
: "${HEADROOM:?}" "${top_srcdir:?}"
man="$top_srcdir/man/headroom.1"
status=0
for cmd in $("$HEADROOM" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p'); do
	help=$("$HEADROOM" "$cmd" --help) || { echo "FAIL $cmd --help exits non-zero"; status=1; }
	printf '%s\n' "$help" | grep -q 'headroom '"$cmd" || {
		echo "FAIL $cmd --help has no example"; status=1; }
	for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case "$opt" in --help | --root | --quiet) continue ;; esac
		# mdoc writes --target as "Fl -target".
		if ! grep -q -- "Fl -${opt#--}\b" "$man"; then
			echo "FAIL $cmd $opt: not in man/headroom.1"; status=1
		fi
	done
	echo "checked $cmd"
done
exit $status
