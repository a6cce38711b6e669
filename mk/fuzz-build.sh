#!/bin/bash
# fuzz-build.sh: build the libFuzzer harnesses (`make fuzz`, mk/fuzz.am).
#
# The library's sources are compiled once more with clang and
# -fsanitize=fuzzer-no-link,address,undefined (coverage for the fuzzer,
# ASan and UBSan to turn silent corruption into a crash) into
# OUTDIR/obj/, archived, and linked with each harness and libFuzzer into
# OUTDIR/fuzz-NAME. An object is rebuilt when its source or any header of
# src/ is newer. Without clang, or with a clang that cannot link libFuzzer
# (Debian: the clang package brings it), it says so and exits 0: fuzzing
# is for the developer and CI, not needed to build or test headroom.
#
# Usage: fuzz-build.sh OUTDIR LIB_SOURCES -- HARNESS...
# Environment: CLANG (clang), CPPFLAGS, WARN_CFLAGS, LIBS (word lists,
# split on purpose), top_srcdir, FUZZ_JOBS (parallel compiles, 2).
# shellcheck disable=SC2086
set -euo pipefail
: "${top_srcdir:?}"

out=$1
shift
srcs=() harnesses=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	case $1 in *.c) srcs+=("$1") ;; esac
	shift
done
[ $# -gt 0 ] && shift
harnesses=("$@")

CLANG=${CLANG:-clang}
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "make fuzz: skipped: $CLANG not found (Debian: apt-get install clang; or make fuzz CLANG=clang-NN)"
	exit 0
fi
mkdir -p "$out/obj"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$out/probe.c"
if ! "$CLANG" -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" 2>"$out/probe.err"; then
	echo "make fuzz: skipped: $CLANG cannot link libFuzzer (-fsanitize=fuzzer):"
	sed 's/^/  /' "$out/probe.err" | head -5
	exit 0
fi

# The warnings are gcc's (configure's); clang warns about more (positional
# initialisers of src/layer-table.c), so here they stay warnings: this
# build looks for crashes, the gcc build keeps the code clean.
CFLAGS="-std=c11 -g -O1 -fno-omit-frame-pointer ${WARN_CFLAGS//-Werror/} \
-Wno-missing-field-initializers -Wno-format-nonliteral -Wno-unused-command-line-argument"
SAN="address,undefined -fno-sanitize-recover=undefined"
export CLANG CFLAGS SAN CPPFLAGS top_srcdir out

# The newest header: every object older than it is rebuilt.
newest_header=$(ls -t "$top_srcdir"/src/*.h "$top_srcdir"/src/linux/*.h 2>/dev/null | head -1)
export newest_header

compile() {
	local src=$1 obj
	obj="$out/obj/$(echo "${src%.c}" | tr / _).o"
	if [ -f "$obj" ] && [ "$obj" -nt "$top_srcdir/$src" ] && [ "$obj" -nt "$newest_header" ]; then
		return 0
	fi
	echo "  CC(fuzz) $src"
	$CLANG $CFLAGS -fsanitize=fuzzer-no-link,$SAN $CPPFLAGS -c "$top_srcdir/$src" -o "$obj"
}
export -f compile
printf '%s\n' "${srcs[@]}" | xargs -P "${FUZZ_JOBS:-2}" -I{} bash -c 'compile "$1"' _ {}

rm -f "$out/libheadroom-fuzz.a"
ar cr "$out/libheadroom-fuzz.a" "$out"/obj/*.o

built=0
for h in "${harnesses[@]}"; do
	echo "  LINK(fuzz) fuzz/fuzz-$h"
	$CLANG $CFLAGS -fsanitize=fuzzer,$SAN $CPPFLAGS -I"$top_srcdir/tests/fuzz" \
		"$top_srcdir/tests/fuzz/fuzz-$h.c" "$top_srcdir/tests/fuzz/fuzz.c" \
		"$out/libheadroom-fuzz.a" $LIBS -o "$out/fuzz-$h"
	built=$((built + 1))
done
echo "make fuzz: $built harnesses in $out (run them: tests/fuzz/run)"
