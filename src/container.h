/*
 * container.h: where headroom runs decides the fix. Inside a container
 * (docker, podman, containerd/CRI-O under Kubernetes) a hard nofile limit
 * is set when the container starts (docker run --ulimit, compose
 * ulimits:, the runtime's default ulimits), limits.conf is not applied (no
 * login), namespaced sysctls are set on the container (docker run
 * --sysctl, Kubernetes securityContext.sysctls, safe or allowed by the
 * kubelet) and the others only on the host.
 */
#ifndef CONTAINER_H
#define CONTAINER_H

#include <stdbool.h>
#include <stddef.h>

enum container_kind {
	CONTAINER_NONE,
	CONTAINER_DOCKER,
	CONTAINER_PODMAN,
	CONTAINER_CONTAINERD, /* containerd or CRI-O, without docker */
};

struct container_info {
	enum container_kind kind;
	bool kubernetes;    /* a pod: fixes go in the pod spec or on the node */
	char evidence[192]; /* what said so: "/.dockerenv", "cgroup .../docker-..." */
};

/*
 * Detect it once, under the root: /.dockerenv, /run/.containerenv
 * (podman), the cgroup paths of /proc/self/cgroup and /proc/1/cgroup
 * (docker, libpod, containerd, crio, kubepods), and KUBERNETES_SERVICE_HOST
 * (the environment when live; the root's /proc/self/environ under --root).
 */
const struct container_info *container_detect(void);

/* Pure, for tests: from the cgroup text, the markers and the environment
 * variable's presence. */
void container_classify(struct container_info *ci, const char *cgroup, bool dockerenv,
			const char *containerenv, bool k8s_env);

/* "docker", "podman", "containerd"; "" for none. */
const char *container_runtime_name(const struct container_info *ci);

/* Is a sysctl namespaced (set per container: net.* but the global ones,
 * kernel.shm and msg keys, fs.mqueue.*)? The others only on the host. */
bool container_sysctl_namespaced(const char *key);
/* Is it one of Kubernetes' safe sysctls (allowed in a pod by default)? */
bool container_k8s_safe_sysctl(const char *key);

/* The fix of a sysctl KEY=VALUE inside this container: live and persist. */
void container_sysctl_fix(const struct container_info *ci, const char *key, const char *value,
			  char *live, size_t livelen, char *persist, size_t persistlen);

/* The container's own nofile limit: how the runtime sets it (N:N). */
void container_nofile_fix(const struct container_info *ci, long long n, char *out, size_t size);

#endif
