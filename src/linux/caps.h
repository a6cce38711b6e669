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
	bool eff_setuid, eff_setgid; /* may run a command as another user (setpriv) */
	bool bnd_sys_resource;	     /* still in the bounding set: a child could get it */
	uid_t euid;
	uid_t ruid; /* prlimit(2) compares the caller's real ids with the target's */
	gid_t rgid;
};

/* A process's user and group ids: real, effective, saved. */
struct caps_ids {
	uid_t uid[3];
	gid_t gid[3];
};

/* From /proc/PID/status text (Uid:, Gid:). 0 or -EINVAL. */
int caps_parse_ids(const char *status, struct caps_ids *ids);

/* Live: this process (pid 0) through libcap. Returns 0 or -errno. */
int caps_read_live(struct caps_state *st, pid_t pid);

/* From /proc/PID/status text (CapEff:, CapBnd:, Uid:), as under --root. */
int caps_parse_status(const char *status, struct caps_state *st);

#endif
