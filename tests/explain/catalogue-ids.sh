#!/bin/sh
# A layer id is spelled once, as a LAYER_ID_* macro in src/layer-table.h
# (issue 9): the explain catalogue names its causes (.cause, .also, the
# candidates) with those macros, never as a bare string a typo would let
# through to run time. A sysctl key that happens to equal an id
# (SYSCTL_PATTERNS("fs.nr_open")) and comments are not causes.
. "$top_srcdir/tests/lib/functions.sh"
keep_going
src=$top_srcdir/src
ids=$(sed -n 's/^#define LAYER_ID_[A-Z0-9_]*[[:space:]]*"\([^"]*\)"$/\1/p' "$src/layer-table.h")
n=$(echo "$ids" | wc -w)
[ "$n" -gt 30 ] || fail "src/layer-table.h: $n LAYER_ID_* macros, expected every layer"
for id in $ids; do
	# the row uses its macro, and the string is defined once
	expect_eq "$id in layer-table.h" "$(grep -c "\"$id\"" "$src/layer-table.h")" 1
	grep -n "\.id = \"$id\"" "$src/layer-table.c" && fail "$id: layer-table.c spells the id"
done
# No catalogue string is a cause spelled out: one made of layer ids (and
# app.* causes) only, as .cause, .also and a candidate's first field are.
hits=$(grep -n '"' "$src"/explain-cat*.c "$src"/explain-cat.h |
	grep -v 'SYSCTL_PATTERNS(' | grep -vE '^[^:]*:[0-9]+:[[:space:]]*/?\*' | awk -v ids="$ids" '
	BEGIN { n = split(ids, a); for (i = 1; i <= n; i++) id[a[i]] = 1 }
	{ rest = $0
	  while (match(rest, /"[a-z0-9_. -]+"/)) {
		lit = substr(rest, RSTART + 1, RLENGTH - 2); rest = substr(rest, RSTART + RLENGTH)
		n = split(lit, w, " "); layer = 0; other = 0
		for (i = 1; i <= n; i++) if (w[i] in id) layer++; else if (w[i] !~ /^app\./) other++
		if (layer > 0 && other == 0) print
	  } }')
[ -z "$hits" ] || fail "layer ids spelled as strings in the catalogue: $hits"
# and the macros are what the catalogue uses
expect_grep 'LAYER_ID_NOFILE_SOFT' "$src/explain-cat-tools.c"
pass
