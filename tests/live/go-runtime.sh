#!/bin/sh
# A real Go server (Go >= 1.19) raises its soft nofile limit to the hard one
# at start-up: check reads the version from its .go.buildinfo section, marks
# it (raises_own_soft) and says only the hard limit matters. Needs a Go
# toolchain; skipped without one.
. "$top_srcdir/tests/live/lib.sh"
need_cmd go
need_cmd prlimit

version=$(go env GOVERSION 2>/dev/null || true)
case "$version" in
go1.1[0-8] | go1.1[0-8].* | go1.[0-9] | go1.[0-9].* | "")
	skip "Go ${version:-of unknown version} is older than 1.19" ;;
esac

mkdir "$TEST_TMP/gosrv"
cat >"$TEST_TMP/gosrv/main.go" <<'EOF'
package main

import (
	"os"
	"time"
)

func main() {
	_, _ = os.Getwd()
	time.Sleep(30 * time.Second)
}
EOF
(cd "$TEST_TMP/gosrv" && GOCACHE="$TEST_TMP/gocache" GO111MODULE=off GOFLAGS='' \
	go build -o gosrv main.go) >"$ERR" 2>&1 || fail "go build failed"

prlimit --nofile=256:4096 "$TEST_TMP/gosrv/gosrv" &
pid=$!
started "$pid"
wait_comm "$pid" gosrv
sleep 0.2

run check --target 1000 --pid "$pid" --format json
expect_rc 0 1 2
expect_eq "raises_own_soft of pid $pid" "$(layer_field nofile.soft "$pid" raises_own_soft)" true
# Go did raise it: the soft limit is now the hard one.
expect_eq "nofile.soft of pid $pid" "$(layer_field nofile.soft "$pid" limit)" 4096
layer nofile.soft "$pid" | grep -Fq "$version raises its soft limit to the hard limit" ||
	fail "note: $(layer nofile.soft "$pid")"
pass
