#!/bin/sh
# Where headroom runs: KUBERNETES_SERVICE_HOST in the environment makes a
# live check a Kubernetes pod (its sysctl fixes go in the pod spec);
# under --root the environment is the root's (/proc/self/environ), not
# this shell's, so a fixture host reads the same whatever runs the test.
. "$top_srcdir/tests/live/lib.sh"
hosts=$top_srcdir/tests/fixtures/hosts
census=$top_srcdir/tests/fixtures/census

run_cmd env KUBERNETES_SERVICE_HOST=10.96.0.1 "$HEADROOM" check --target 100 --format json
expect_rc 0 1 2
layer caps | grep -Fq "container of a Kubernetes pod" ||
	fail "KUBERNETES_SERVICE_HOST set, but the caps row does not say so: $(layer caps)"

# A fixture without markers is no container, whatever the environment
# and whatever this machine is (it may have /.dockerenv itself).
for env in "" KUBERNETES_SERVICE_HOST=10.96.0.1; do
	run_cmd env $env "$HEADROOM" --root "$hosts/container" check --census "$census/container.nl" \
		--target 10000 --user root --format json
	expect_rc 1
	if layer caps | grep -Eq "in a [a-z]+ container"; then
		fail "fixture 'container' taken for a container ($env): $(layer caps)"
	fi
done
# The docker fixture is docker by its /.dockerenv, a pod by its environ.
run_cmd env KUBERNETES_SERVICE_HOST=10.96.0.1 "$HEADROOM" --root "$hosts/docker" check \
	--census "$census/container.nl" --target 10000 --user root --format json
layer caps | grep -Fq "in a docker container (/.dockerenv)" ||
	fail "docker fixture: $(layer caps)"
layer caps | grep -Fq "Kubernetes" && fail "docker fixture read this shell's environment"
run_cmd "$HEADROOM" --root "$hosts/k8s-pod" check --census "$census/container.nl" \
	--target 10000 --user root --format json
layer caps | grep -Fq "container of a Kubernetes pod" || fail "k8s-pod fixture: $(layer caps)"
pass
