/*
 * test-container.c: which container a machine is, from its markers, and
 * which sysctls a container may set (namespaced, Kubernetes-safe) and
 * where each fix goes.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "container.h"

static void
test_classify(void **state)
{
	struct container_info ci;

	(void)state;
	container_classify(&ci, "0::/\n", false, NULL, false);
	assert_int_equal(ci.kind, CONTAINER_NONE);
	assert_false(ci.kubernetes);
	/* A host's own systemd slices are not a container. */
	container_classify(&ci, "0::/user.slice/user-1000.slice/session-2.scope\n", false, NULL,
			   false);
	assert_int_equal(ci.kind, CONTAINER_NONE);
	container_classify(&ci, "0::/\n", true, NULL, false);
	assert_int_equal(ci.kind, CONTAINER_DOCKER);
	assert_string_equal(ci.evidence, "/.dockerenv");
	container_classify(&ci, "12:pids:/docker/0123abcd\n", false, NULL, false);
	assert_int_equal(ci.kind, CONTAINER_DOCKER);
	container_classify(&ci, "0::/\n", false, "engine=\"podman-4.9.3\"\n", false);
	assert_int_equal(ci.kind, CONTAINER_PODMAN);
	container_classify(&ci, "0::/machine.slice/libpod-5e9a.scope\n", false, NULL, false);
	assert_int_equal(ci.kind, CONTAINER_PODMAN);
	container_classify(&ci,
			   "0::/kubepods.slice/kubepods-besteffort.slice/"
			   "kubepods-besteffort-pod1.slice/cri-containerd-5e9a.scope\n",
			   false, NULL, false);
	assert_int_equal(ci.kind, CONTAINER_CONTAINERD);
	assert_true(ci.kubernetes);
	/* A pod with its own cgroup namespace: only the environment says. */
	container_classify(&ci, "0::/\n", false, NULL, true);
	assert_int_equal(ci.kind, CONTAINER_CONTAINERD);
	assert_true(ci.kubernetes);
	assert_string_equal(ci.evidence, "KUBERNETES_SERVICE_HOST is set");
	container_classify(&ci, "0::/\n", true, NULL, true);
	assert_int_equal(ci.kind, CONTAINER_DOCKER);
	assert_true(ci.kubernetes);
}

static void
test_sysctls(void **state)
{
	(void)state;
	assert_true(container_sysctl_namespaced("net.core.somaxconn"));
	assert_true(container_sysctl_namespaced("net.ipv4.ip_local_port_range"));
	assert_true(container_sysctl_namespaced("kernel.shmmax"));
	assert_false(container_sysctl_namespaced("net.ipv4.tcp_mem"));
	assert_false(container_sysctl_namespaced("fs.file-max"));
	assert_false(container_sysctl_namespaced("fs.nr_open"));
	assert_false(container_sysctl_namespaced("vm.max_map_count"));
	assert_false(container_sysctl_namespaced("kernel.threads-max"));
	assert_false(container_sysctl_namespaced("kernel.pid_max"));
	assert_true(container_k8s_safe_sysctl("net.ipv4.ip_local_port_range"));
	assert_true(container_k8s_safe_sysctl("net.ipv4.tcp_syncookies"));
	assert_false(container_k8s_safe_sysctl("net.core.somaxconn"));
	assert_false(container_k8s_safe_sysctl("net.ipv4.tcp_max_syn_backlog"));
}

static void
test_fixes(void **state)
{
	struct container_info ci;
	char live[512], persist[512], n[512];

	(void)state;
	container_classify(&ci, "0::/\n", true, NULL, false);
	container_sysctl_fix(&ci, "net.core.somaxconn", "8192", live, sizeof(live), persist,
			     sizeof(persist));
	assert_non_null(strstr(live, "docker run --sysctl net.core.somaxconn=8192"));
	assert_non_null(strstr(persist, "sysctls: {net.core.somaxconn: \"8192\"}"));
	/* A value with a blank stays one word for the shell. */
	container_sysctl_fix(&ci, "net.ipv4.ip_local_port_range", "1024 65535", live, sizeof(live),
			     persist, sizeof(persist));
	assert_non_null(
	    strstr(live, "docker run --sysctl net.ipv4.ip_local_port_range='1024 65535' ..."));
	container_sysctl_fix(&ci, "net.ipv4.tcp_mem", "100 150 200", live, sizeof(live), persist,
			     sizeof(persist));
	assert_non_null(strstr(live, "sysctl -w net.ipv4.tcp_mem='100 150 200'"));
	container_sysctl_fix(&ci, "vm.max_map_count", "262144", live, sizeof(live), persist,
			     sizeof(persist));
	assert_non_null(strstr(live, "on the host, not in the container"));
	assert_non_null(strstr(live, "sysctl -w vm.max_map_count=262144"));
	container_nofile_fix(&ci, 65536, n, sizeof(n));
	assert_non_null(strstr(n, "docker run --ulimit nofile=65536:65536"));
	assert_non_null(strstr(n, "ulimits: {nofile: {soft: 65536, hard: 65536}}"));

	container_classify(&ci, "0::/kubepods.slice/x\n", false, NULL, true);
	container_sysctl_fix(&ci, "net.core.somaxconn", "8192", live, sizeof(live), persist,
			     sizeof(persist));
	assert_non_null(strstr(live, "securityContext.sysctls: [{name: net.core.somaxconn"));
	assert_non_null(strstr(live, "--allowed-unsafe-sysctls"));
	assert_non_null(strstr(persist, "allowedUnsafeSysctls: [\"net.core.somaxconn\"]"));
	container_sysctl_fix(&ci, "net.ipv4.ip_local_port_range", "1024 65535", live, sizeof(live),
			     persist, sizeof(persist));
	assert_non_null(strstr(live, "a safe sysctl: allowed by default"));
	container_sysctl_fix(&ci, "fs.file-max", "200000", live, sizeof(live), persist,
			     sizeof(persist));
	assert_non_null(strstr(live, "on the node, not in the container"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_classify),
	    cmocka_unit_test(test_sysctls),
	    cmocka_unit_test(test_fixes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
