/*
 * container-detect.c: which container this Linux machine is (container.h),
 * from its markers under the root.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "rootfs.h"

/* Is KUBERNETES_SERVICE_HOST in a NUL-separated environ block? */
static bool
environ_has_k8s(const char *env, size_t len)
{
	static const char key[] = "KUBERNETES_SERVICE_HOST=";
	size_t off;

	for (off = 0; off < len; off += strlen(env + off) + 1)
		if (strncmp(env + off, key, sizeof(key) - 1) == 0)
			return true;
	return false;
}

const struct container_info *
container_detect(void)
{
	static struct container_info ci;
	static bool done;
	static char cgroup[8192], cenv[1024];
	char *env;
	char probe[4];
	ssize_t n, m;
	bool k8s;

	if (done)
		return &ci;
	done = true;
	n = rootfs_read("/proc/self/cgroup", cgroup, sizeof(cgroup) / 2);
	if (n < 0)
		n = 0;
	/* pid 1's too: in a pod the shell may sit in a cgroup of its own. */
	m = rootfs_read("/proc/1/cgroup", cgroup + n, sizeof(cgroup) - (size_t)n);
	if (m < 0)
		cgroup[n] = '\0';
	if (rootfs_is_live()) {
		k8s = getenv("KUBERNETES_SERVICE_HOST") != NULL;
	} else {
		n = rootfs_read_alloc("/proc/self/environ", &env, 16u << 20);
		k8s = n > 0 && environ_has_k8s(env, (size_t)n);
		free(env);
	}
	n = rootfs_read("/run/.containerenv", cenv, sizeof(cenv));
	/* /.dockerenv: only whether it is there */
	container_classify(&ci, cgroup, rootfs_read_head("/.dockerenv", probe, sizeof(probe)) >= 0,
			   n >= 0 ? cenv : NULL, k8s);
	return &ci;
}
