#!/bin/bash
# package.sh TARBALL: the Debian package, as .ci/run's package stage
# builds and checks it (also `make package-check`):
#  1. the Debian tools it needs, installed when missing (debhelper, lintian,
#     dpkg-dev, fakeroot);
#  2. dpkg-buildpackage -us -uc -b in a scratch directory, from the
#     release tarball; DEB_BUILD_OPTIONS defaults to "nocheck parallel=N"
#     (CI has run the whole suite on this tree already; set
#     DEB_BUILD_OPTIONS= to run debian/rules' hermetic tests too);
#  3. lintian: no error, no warning;
#  4. reproducible: no path of the build directory in the installed
#     programs (strings); with PACKAGE_REPRO=1, a second build in another
#     directory gives the same files, byte for byte (md5sums);
#  5. installed: the .deb unpacked into a scratch root (dpkg -x), or with
#     PACKAGE_INSTALL=dpkg installed for real (dpkg -i, then removed,
#     for throwaway CI machines), and the installed `headroom --version`,
#     `check`, `profiles`, `top --batch` and its bash completion run from
#     the installed paths.
# Prints the time each step took. Environment: PACKAGE_KEEP=1 keeps the
# scratch directory.
set -euo pipefail
tarball=$(realpath "${1:?usage: package.sh TARBALL}")
here=$(cd "$(dirname "$0")/.." && pwd)
t0=$(date +%s.%N)
step() { # the time since the last step, and what comes next
	local now
	now=$(date +%s.%N)
	[ -z "${what:-}" ] || printf 'package: %-44s %6.1f s\n' "$what" "$(echo "$now - $t0" | bc)"
	t0=$now what=$1
}
fail() {
	echo "package: FAIL: $*" >&2
	exit 1
}

step "Debian tools"
need=""
for p in debhelper lintian dpkg-dev fakeroot bc; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need="$need $p"
done
if [ -n "$need" ]; then
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi

export DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck parallel=$(nproc 2>/dev/null || echo 2)}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/headroom-package.XXXXXX")
[ "${PACKAGE_KEEP:-}" = 1 ] || trap 'rm -rf "$scratch"' EXIT
build() { # DIR: unpack the tarball there and build the binary packages
	mkdir -p "$1"
	tar -xzf "$tarball" -C "$1"
	(cd "$1"/headroom-* && dpkg-buildpackage -us -uc -b >"$1/build.log" 2>&1) ||
		{ tail -40 "$1/build.log" >&2; fail "dpkg-buildpackage failed (log: $1/build.log)"; }
}

step "dpkg-buildpackage -us -uc -b"
build "$scratch/a"
deb=$(echo "$scratch"/a/headroom_*.deb)
[ -f "$deb" ] || fail "no .deb built"

step "lintian (errors and warnings fail)"
# One run (it takes minutes): its status kept, its report shown.
lint_status=0
lintian --fail-on error,warning "$scratch"/a/headroom_*.changes >"$scratch/lintian.out" 2>&1 ||
	lint_status=$?
grep -v '^running with root privileges' "$scratch/lintian.out" || true
[ "$lint_status" -eq 0 ] || fail "lintian found errors or warnings"

step "reproducible: no build path in the programs"
root=$scratch/root
dpkg-deb -x "$deb" "$root"
for prog in "$root/usr/bin/headroom" "$root/usr/libexec/headroom/headroom-top"; do
	[ -x "$prog" ] || fail "not in the package: ${prog#"$root"}"
	if strings -a "$prog" | grep -F -e "$scratch" -e "$here"; then
		fail "${prog#"$root"} holds a build path"
	fi
done
if [ "${PACKAGE_REPRO:-}" = 1 ]; then
	step "reproducible: a second build elsewhere"
	build "$scratch/elsewhere/b"
	diff <(dpkg-deb -I "$deb" md5sums) \
		<(dpkg-deb -I "$(echo "$scratch"/elsewhere/b/headroom_*.deb)" md5sums) ||
		fail "two builds in two directories differ"
fi

if [ "${PACKAGE_INSTALL:-}" = dpkg ]; then
	step "dpkg -i"
	dpkg -i "$deb" >/dev/null
	trap 'dpkg -r headroom >/dev/null; [ "${PACKAGE_KEEP:-}" = 1 ] || rm -rf "$scratch"' EXIT
	root=""
else
	step "installed into a scratch root (dpkg -x)"
fi
hr=$root/usr/bin/headroom
"$hr" --version | grep -qx "headroom $(dpkg-deb -f "$deb" Version)" || fail "--version"
rc=0
"$hr" check --target 1000 >"$scratch/check.out" || rc=$?
[ "$rc" -le 2 ] || fail "installed headroom check: exit $rc: $(cat "$scratch/check.out")"
grep -q 'supports' "$scratch/check.out" || fail "installed check printed no verdict"
"$hr" profiles >"$scratch/profiles.out" || fail "installed headroom profiles: exit $?"
grep -q "^5 profiles from /etc/headroom/profiles and $root/usr/share/headroom/profiles\\. " \
	"$scratch/profiles.out" || fail "profiles: $(tail -1 "$scratch/profiles.out")"
rc=0
"$hr" top --batch --iterations 1 >"$scratch/top.out" || rc=$?
[ "$rc" -le 2 ] || fail "installed headroom top --batch: exit $rc"
grep -q '^headroom top ' "$scratch/top.out" || fail "installed top printed no frame"
out=$(bash -c '. "$1"; COMP_WORDS=("$2" check --format ""); COMP_CWORD=3; _headroom
	echo "${COMPREPLY[*]}"' sh "$root/usr/share/bash-completion/completions/headroom" "$hr")
[ "$out" = "text json prometheus nagios" ] || fail "installed bash completion: '$out'"
step ""
echo "package: $(basename "$deb") built, lintian-clean, installed and run"
