/*
 * caps.h: the capabilities that decide what headroom (or a watched
 * process) may raise: CAP_SYS_RESOURCE (hard rlimits above the current
 * hard limit), CAP_SYS_ADMIN (fs.* and kernel.* sysctls), CAP_NET_ADMIN
 * (net.* sysctls in its network namespace).
 */
#ifndef CAPS_H
#define CAPS_H

#include <stdbool.h>
#include <sys/types.h>

struct caps_state {
	bool eff_sys_resource, eff_sys_admin, eff_net_admin;
	bool bnd_sys_resource; /* still in the bounding set: a child could get it */
	uid_t euid;
};

/* Live: this process (pid 0) through libcap. Returns 0 or -errno. */
int caps_read_live(struct caps_state *st, pid_t pid);

/* From /proc/PID/status text (CapEff:, CapBnd:, Uid:), as under --root. */
int caps_parse_status(const char *status, struct caps_state *st);

#endif
