# tests/explain/lib.sh: sourced by the explain shell tests: the shared
# library (tests/lib/functions.sh) in keep-going mode, so a test reports
# every failed check, and two short names: $here (this directory) and
# $tmp (the test's scratch directory, removed on exit).
. "$top_srcdir/tests/lib/functions.sh"
keep_going
here=$TEST_DIR
tmp=$TEST_TMP
