#!/bin/bash
# check-portable.sh: prove the platform boundary (src/platform.h).
#
#  1. The portable core (src/*.c) includes only C11, POSIX and BSD headers
#     that macOS has too, and names none of the Linux-only constants that
#     glibc declares whatever the feature macros (SOCK_CLOEXEC, ...).
#  2. It compiles without _GNU_SOURCE (POSIX.1-2008 and BSD only, as close
#     to macOS's C library as glibc gets), without the files of src/linux/
#     and src/darwin/, with -Werror.
#  3. It links with the stub platform (src/stub/ + src/generic/) into
#     headroom and headroom-top without libcap or libmnl: the interface is
#     all the core needs. The stub binary then runs: --version, --help and
#     explain print what the real build prints; census, verify, raise and
#     check say they are not implemented (exit 3).
#  4. src/darwin/*.c compiles against declarations of the few macOS calls
#     it uses (mk/darwin-shim/), and links with the core and src/generic/
#     into a program: the darwin platform implements the whole interface,
#     and what macOS lacks (census, verify, raise) says so by name. Syntax
#     and completeness only: no macOS behaviour is tested here.
#
# Usage: check-portable.sh OUTDIR LIB_SOURCES -- HEADROOM_SOURCES -- TOP_SOURCES
# (the automake source lists; headers and src/linux/, src/darwin/ files are
# dropped). Environment: CC, CFLAGS, CPPFLAGS (the -D flags), CURSES_LIBS,
# top_srcdir, top_builddir, HEADROOM (the real build, for comparison).
# CFLAGS, CPPFLAGS and CURSES_LIBS are word lists: split on purpose.
# shellcheck disable=SC2086,SC2206
set -euo pipefail
: "${CC:?}" "${top_srcdir:?}" "${top_builddir:?}" "${HEADROOM:?}"

out=$1
shift
lib=() main=() top=()
dest=lib
for f in "$@"; do
	case $f in
	--) [ "$dest" = lib ] && dest=main || dest=top ;;
	*.c)
		case $f in src/linux/* | src/darwin/* | src/generic/*) continue ;; esac
		case $dest in
		lib) lib+=("$f") ;;
		main) main+=("$f") ;;
		top) top+=("$f") ;;
		esac
		;;
	esac
done
stub=(src/stub/platform-stub.c src/generic/posix.c src/generic/raise-none.c
	src/generic/census-none.c src/generic/verify-none.c src/generic/accounts.c
	src/generic/term.c)
darwin=(src/darwin/probe-darwin.c src/darwin/platform-darwin.c src/generic/posix.c
	src/generic/raise-none.c src/generic/census-none.c src/generic/verify-none.c
	src/generic/accounts.c src/generic/term.c)

fail() {
	echo "check-portable: $*" >&2
	exit 1
}

# 1. Headers and Linux-only names, in the core's own sources and headers.
# A block under #ifdef __GLIBC__ is portable by construction: skipped.
allowed=' arpa/inet.h assert.h ctype.h curses.h dirent.h errno.h fcntl.h fnmatch.h
getopt.h inttypes.h libgen.h limits.h math.h netdb.h netinet/in.h poll.h pwd.h
signal.h spawn.h stdarg.h stdatomic.h stdbool.h stddef.h stdint.h stdio.h stdlib.h
string.h strings.h sys/file.h sys/resource.h sys/select.h sys/socket.h sys/stat.h
sys/time.h sys/types.h sys/wait.h time.h unistd.h '
allowed=${allowed//$'\n'/ }
core_files=("${lib[@]}" "${main[@]}" "${top[@]}")
for f in "$top_srcdir"/src/*.h; do core_files+=("src/${f##*/}"); done
bad=0
for f in "${core_files[@]}"; do
	src=$top_srcdir/$f
	[ -f "$src" ] || src=$top_builddir/$f
	hdrs=$(awk '/^#if.*__GLIBC__/ { skip = 1 } !skip && /^#include </ {
		sub(/^#include </, ""); sub(/>.*/, ""); print } /^#endif/ { skip = 0 }' "$src")
	for h in $hdrs; do
		case $allowed in
		*" $h "*) ;;
		*)
			echo "$f: includes <$h>: not a portable header (src/platform.h)" >&2
			bad=1
			;;
		esac
	done
	# Comments out (the compiler's own view); then, outside strings, the
	# names glibc declares whatever the feature macros but macOS lacks; and
	# a path literal that starts with /proc/self, which is this process on
	# Linux only (advice text that mentions it mid-string is not a path).
	code=$("$CC" -fpreprocessed -E -P "$src" 2>/dev/null)
	if printf '%s\n' "$code" | sed -E "s/'([^'\\\\]|\\\\.)'/''/g; s/\"([^\"\\\\]|\\\\.)*\"/\"\"/g" |
		grep -E '\b(SOCK_NONBLOCK|SOCK_CLOEXEC|IP_BIND_ADDRESS_NO_PORT|TCP_DEFER_ACCEPT|SO_PEERCRED|SYS_[a-z0-9_]+)\b' >&2 ||
		printf '%s\n' "$code" | grep -E '"/proc/self' >&2; then
		echo "$f: uses a Linux-only name (above); it belongs in src/linux/" >&2
		bad=1
	fi
done
[ "$bad" -eq 0 ] || fail "the portable core reaches past the platform interface"
echo "check-portable: ${#core_files[@]} core files use portable headers and names"

# 2 and 3. Compile without GNU extensions; link with the stub.
mkdir -p "$out/core" "$out/stub" "$out/darwin" "$out/shim"
sed '/define _GNU_SOURCE/d' "$top_builddir/config.h" >"$out/config.h"
cat >>"$out/config.h" <<'EOF'

/* check-portable: POSIX.1-2008 and BSD interfaces only, no GNU extensions. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
/* What macOS (and POSIX.1-2024) declares but glibc hides without
 * _GNU_SOURCE. */
#include <stddef.h>
void *memmem(const void *, size_t, const void *, size_t);
EOF
flags=(-I"$out" -I"$top_srcdir/src" -I"$top_builddir" $CPPFLAGS $CFLAGS -Werror)
grep -q 'define _GNU_SOURCE' "$out/config.h" && fail "config.h still defines _GNU_SOURCE"

# compile DIR SOURCES... [-- FLAGS...]: objects into DIR; their names in $built.
compile() {
	local dir=$1 src obj extra=() srcs=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do srcs+=("$1") && shift; done
	[ $# -gt 0 ] && shift && extra=("$@")
	built=()
	for src in "${srcs[@]}"; do
		obj=$dir/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
		"$CC" "${flags[@]}" "${extra[@]}" -c "$top_srcdir/$src" -o "$obj" ||
			fail "$src does not compile"
		built+=("$obj")
	done
}
compile "$out/core" "${lib[@]}" && lib_o=("${built[@]}")
compile "$out/core" "${main[@]}" && main_o=("${built[@]}")
compile "$out/core" "${top[@]}" && top_o=("${built[@]}")
compile "$out/stub" "${stub[@]}" && stub_o=("${built[@]}")
echo "check-portable: ${#lib_o[@]} library, ${#main_o[@]} headroom and ${#top_o[@]} headroom-top" \
	"sources compile without _GNU_SOURCE and without src/linux/"

# An archive, as src/libheadroom.a: each program takes the objects it needs.
rm -f "$out/libcore.a"
ar cr "$out/libcore.a" "${lib_o[@]}"
"$CC" $CFLAGS -o "$out/headroom" "${main_o[@]}" "${stub_o[@]}" "$out/libcore.a" ||
	fail "the core and the stub do not link: a platform function is missing from the stub, or the core uses one outside platform.h"
"$CC" $CFLAGS -o "$out/headroom-top" "${top_o[@]}" "${stub_o[@]}" "$out/libcore.a" $CURSES_LIBS -lm ||
	fail "headroom-top does not link with the stub"
echo "check-portable: headroom and headroom-top link with the stub platform (no libcap, no libmnl)"

# The stub binary runs, and the portable commands print what Linux's print
# (a JSON document's generated_at aside: the two runs may straddle a second).
same() { # what, input file, then the command's arguments
	local what=$1 in=$2 when='s/"generated_at":"[^"]*"/"generated_at":"@TIME"/'
	shift 2
	"$out/headroom" "$@" <"$in" 2>&1 | sed "$when" >"$out/stub.out" || true
	"$HEADROOM" "$@" <"$in" 2>&1 | sed "$when" >"$out/real.out" || true
	cmp -s "$out/stub.out" "$out/real.out" ||
		{ diff -u "$out/real.out" "$out/stub.out" >&2; fail "$what differs from the Linux build's"; }
}
unsupported() { # program, expected message, then the command's arguments
	local prog=$1 want=$2 rc=0
	shift 2
	"$prog" "$@" >"$out/stub.out" 2>&1 </dev/null || rc=$?
	[ "$rc" -eq 3 ] || fail "${prog##*/} $*: exit $rc, want 3"
	grep -q "$want" "$out/stub.out" || fail "${prog##*/} $*: no '$want' in: $(cat "$out/stub.out")"
}
same "--version" /dev/null --version
same "--help" /dev/null --help
same "explain --list" /dev/null explain --list
same "explain" /dev/null explain --no-live 'accept: too many open files' \
	'dial tcp: lookup localhost: no such host'
same "explain of a log" "$top_srcdir/tests/explain/small.log" explain --no-live --format json -
unsupported "$out/headroom" "census: the socket census is not implemented on the stub platform" census
unsupported "$out/headroom" "verify: not implemented on the stub platform" verify --target 10
unsupported "$out/headroom" "raise: not implemented on the stub platform" raise --pid 1
unsupported "$out/headroom" "no probe on the stub platform" \
	check --root "$top_srcdir/tests/fixtures/hosts/debian12"
echo "check-portable: the stub build runs: --version, --help and explain match the Linux build;" \
	"census, verify, raise and check exit 3 saying why"

# 4. The darwin platform: compiled against the shim, linked with the core.
compile "$out/darwin" "${darwin[@]}" -- -I"$top_srcdir/mk/darwin-shim" && darwin_o=("${built[@]}")
"$CC" "${flags[@]}" -c "$top_srcdir/mk/darwin-shim/shim.c" -o "$out/shim/shim.o" ||
	fail "the darwin shim does not compile"
"$CC" $CFLAGS -o "$out/headroom-darwin" "${main_o[@]}" "${darwin_o[@]}" "$out/shim/shim.o" \
	"$out/libcore.a" || fail "the darwin platform does not implement the whole interface"
"$out/headroom-darwin" --version >/dev/null || fail "the darwin link does not run"
# What macOS does not do yet says so, by name (src/generic/ with darwin's
# platform_name), rather than failing on a missing /proc.
unsupported "$out/headroom-darwin" "not implemented on macOS" census
unsupported "$out/headroom-darwin" "verify: not implemented on macOS" verify --target 10
unsupported "$out/headroom-darwin" "raise: not implemented on macOS" raise --pid 1
echo "check-portable: src/darwin/ compiles on $(uname -s) against mk/darwin-shim/ and links" \
	"with the core: the darwin platform implements all of src/platform.h;" \
	"census, verify and raise say they are not implemented on macOS"
