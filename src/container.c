/*
 * container.c: detecting the container headroom runs in, and the fixes
 * that work there (see container.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "rootfs.h"

void
container_classify(struct container_info *ci, const char *cgroup, bool dockerenv,
		   const char *containerenv, bool k8s_env)
{
	memset(ci, 0, sizeof(*ci));
	if (cgroup == NULL)
		cgroup = "";
	ci->kubernetes = k8s_env || strstr(cgroup, "kubepods") != NULL;
	if (dockerenv) {
		ci->kind = CONTAINER_DOCKER;
		snprintf(ci->evidence, sizeof(ci->evidence), "/.dockerenv");
	} else if (containerenv != NULL) {
		ci->kind = strstr(containerenv, "engine=\"podman") != NULL ||
				   containerenv[0] == '\0' || strstr(cgroup, "libpod") != NULL
			       ? CONTAINER_PODMAN
			       : CONTAINER_CONTAINERD;
		snprintf(ci->evidence, sizeof(ci->evidence), "/run/.containerenv");
	} else if (strstr(cgroup, "docker") != NULL) {
		ci->kind = CONTAINER_DOCKER;
		snprintf(ci->evidence, sizeof(ci->evidence), "docker in /proc/self/cgroup");
	} else if (strstr(cgroup, "libpod") != NULL) {
		ci->kind = CONTAINER_PODMAN;
		snprintf(ci->evidence, sizeof(ci->evidence), "libpod in /proc/self/cgroup");
	} else if (strstr(cgroup, "containerd") != NULL || strstr(cgroup, "crio") != NULL ||
		   ci->kubernetes) {
		ci->kind = CONTAINER_CONTAINERD;
		snprintf(ci->evidence, sizeof(ci->evidence), "%s",
			 strstr(cgroup, "kubepods") != NULL ? "kubepods in /proc/self/cgroup"
			 : k8s_env			    ? "KUBERNETES_SERVICE_HOST is set"
							    : "containerd in /proc/self/cgroup");
	}
	if (ci->kubernetes && ci->kind != CONTAINER_NONE && strstr(ci->evidence, "kube") == NULL &&
	    strstr(ci->evidence, "KUBERNETES") == NULL) {
		size_t n = strlen(ci->evidence);
		snprintf(ci->evidence + n, sizeof(ci->evidence) - n, ", %s",
			 k8s_env ? "KUBERNETES_SERVICE_HOST is set" : "kubepods in its cgroup");
	}
}

const char *
container_runtime_name(const struct container_info *ci)
{
	switch (ci->kind) {
	case CONTAINER_DOCKER:
		return "docker";
	case CONTAINER_PODMAN:
		return "podman";
	case CONTAINER_CONTAINERD:
		return "containerd";
	default:
		return "";
	}
}

static bool
prefixed(const char *key, const char *prefix)
{
	return strncmp(key, prefix, strlen(prefix)) == 0;
}

bool
container_sysctl_namespaced(const char *key)
{
	/* Global although under net.: only the initial network namespace
	 * shows or sets them. */
	static const char *const host_net[] = {
	    "net.ipv4.tcp_mem",	    "net.netfilter.nf_conntrack_max",
	    "net.nf_conntrack_max", "net.core.rmem_max",
	    "net.core.wmem_max",    NULL};
	size_t i;

	if (prefixed(key, "net.")) {
		for (i = 0; host_net[i] != NULL; i++)
			if (strcmp(key, host_net[i]) == 0)
				return false;
		return true;
	}
	return prefixed(key, "kernel.shm") || prefixed(key, "kernel.msg") ||
	       strcmp(key, "kernel.sem") == 0 || prefixed(key, "fs.mqueue.");
}

bool
container_k8s_safe_sysctl(const char *key)
{
	/* The kubelet's safe set (Kubernetes 1.29+). */
	static const char *const safe[] = {"kernel.shm_rmid_forced",
					   "net.ipv4.ip_local_port_range",
					   "net.ipv4.tcp_syncookies",
					   "net.ipv4.ping_group_range",
					   "net.ipv4.ip_unprivileged_port_start",
					   "net.ipv4.ip_local_reserved_ports",
					   "net.ipv4.tcp_keepalive_time",
					   "net.ipv4.tcp_fin_timeout",
					   "net.ipv4.tcp_keepalive_intvl",
					   "net.ipv4.tcp_keepalive_probes",
					   NULL};
	size_t i;

	for (i = 0; safe[i] != NULL; i++)
		if (strcmp(key, safe[i]) == 0)
			return true;
	return false;
}

/* KEY=VALUE as one shell word: quoted when the value has blanks
 * (ip_local_port_range, tcp_mem). */
static void
key_value_word(const char *key, const char *value, char *out, size_t size)
{
	const char *q = strchr(value, ' ') != NULL ? "'" : "";

	snprintf(out, size, "%s=%s%s%s", key, q, value, q);
}

void
container_sysctl_fix(const struct container_info *ci, const char *key, const char *value,
		     char *live, size_t livelen, char *persist, size_t persistlen)
{
	const char *rt = container_runtime_name(ci);
	char word[256];

	key_value_word(key, value, word, sizeof(word));
	if (!container_sysctl_namespaced(key)) {
		snprintf(live, livelen,
			 "on the %s, not in the container (%s is not namespaced): sysctl -w %s",
			 ci->kubernetes ? "node" : "host", key, word);
		snprintf(persist, persistlen, "%s = %s in /etc/sysctl.d/ of the %s%s", key, value,
			 ci->kubernetes ? "node" : "host",
			 ci->kubernetes ? " (or a privileged DaemonSet that sets it)" : "");
		return;
	}
	if (ci->kubernetes) {
		bool safe = container_k8s_safe_sysctl(key);

		snprintf(live, livelen,
			 "securityContext.sysctls: [{name: %s, value: \"%s\"}] in the pod spec, "
			 "then recreate the pod (%s)",
			 key, value,
			 safe ? "a safe sysctl: allowed by default"
			      : "not a safe sysctl: the node's kubelet must allow it with "
				"--allowed-unsafe-sysctls");
		if (safe)
			snprintf(persist, persistlen, "the same in the Deployment's pod template");
		else
			snprintf(persist, persistlen,
				 "the same in the Deployment's pod template; allowedUnsafeSysctls: "
				 "[\"%s\"] in the kubelet config of the nodes",
				 key);
		return;
	}
	snprintf(live, livelen,
		 "%s run --sysctl %s ... (start the container again with it; inside, "
		 "/proc/sys is read-only)",
		 rt, word);
	snprintf(persist, persistlen, "compose: sysctls: {%s: \"%s\"} in the service", key, value);
}

void
container_nofile_fix(const struct container_info *ci, long long n, char *out, size_t size)
{
	if (ci->kubernetes) {
		snprintf(out, size,
			 "Kubernetes sets no ulimits per pod: raise the runtime's default on the "
			 "node (%s: LimitNOFILE=%lld in its systemd unit; CRI-O: default_ulimits = "
			 "[\"nofile=%lld:%lld\"] in crio.conf), then recreate the pod",
			 ci->kind == CONTAINER_DOCKER ? "dockerd" : "containerd", n, n, n);
	} else if (ci->kind == CONTAINER_PODMAN) {
		snprintf(out, size,
			 "podman run --ulimit nofile=%lld:%lld ... (start the container again; "
			 "compose: ulimits: {nofile: {soft: %lld, hard: %lld}}; every container: "
			 "default_ulimits = [\"nofile=%lld:%lld\"] in containers.conf)",
			 n, n, n, n, n, n);
	} else {
		snprintf(out, size,
			 "%s run --ulimit nofile=%lld:%lld ... (start the container again; "
			 "compose: ulimits: {nofile: {soft: %lld, hard: %lld}}; every container: "
			 "dockerd --default-ulimit nofile=%lld:%lld or \"default-ulimits\" in "
			 "/etc/docker/daemon.json)",
			 ci->kind == CONTAINER_CONTAINERD ? "nerdctl" : "docker", n, n, n, n, n, n);
	}
}
