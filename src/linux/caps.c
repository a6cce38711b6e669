/*
 * caps.c: capabilities through libcap, or from a recorded status file.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/capability.h>
#include <unistd.h>

#include "caps.h"
#include "parse.h"

static bool
flag_set(cap_t caps, cap_value_t cap)
{
	cap_flag_value_t v = CAP_CLEAR;

	return cap_get_flag(caps, cap, CAP_EFFECTIVE, &v) == 0 && v == CAP_SET;
}

int
caps_read_live(struct caps_state *st, pid_t pid)
{
	cap_t caps = pid == 0 ? cap_get_proc() : cap_get_pid(pid);

	if (caps == NULL)
		return -errno;
	st->eff_sys_resource = flag_set(caps, CAP_SYS_RESOURCE);
	st->eff_sys_admin = flag_set(caps, CAP_SYS_ADMIN);
	st->eff_net_admin = flag_set(caps, CAP_NET_ADMIN);
	st->eff_setuid = flag_set(caps, CAP_SETUID);
	st->eff_setgid = flag_set(caps, CAP_SETGID);
	st->ruid = getuid();
	st->rgid = getgid();
	/* The bounding set is only readable for ourselves. */
	st->bnd_sys_resource = pid == 0 ? cap_get_bound(CAP_SYS_RESOURCE) == 1 : false;
	st->euid = geteuid();
	cap_free(caps);
	return 0;
}

static int
hex_field(const char *text, const char *key, uint64_t *out)
{
	const char *p = strstr(text, key);
	char *end;

	if (p == NULL)
		return -ENOENT;
	p += strlen(key);
	errno = 0;
	*out = strtoull(p, &end, 16);
	return end == p || errno != 0 ? -EINVAL : 0;
}

/* "Uid:\treal\teffective\tsaved\tfs": the first three. */
static int
three_ids(const char *status, const char *key, long long out[3])
{
	const char *p = strstr(status, key);
	char *end;
	int i;

	if (p == NULL)
		return -EINVAL;
	p += strlen(key);
	for (i = 0; i < 3; i++) {
		out[i] = strtoll(p, &end, 10);
		if (end == p)
			return -EINVAL;
		p = end;
	}
	return 0;
}

int
caps_parse_ids(const char *status, struct caps_ids *ids)
{
	long long u[3], g[3];
	int i;

	if (three_ids(status, "\nUid:", u) < 0 || three_ids(status, "\nGid:", g) < 0)
		return -EINVAL;
	for (i = 0; i < 3; i++) {
		ids->uid[i] = (uid_t)u[i];
		ids->gid[i] = (gid_t)g[i];
	}
	return 0;
}

int
caps_parse_status(const char *status, struct caps_state *st)
{
	struct caps_ids ids = {{0, 0, 0}, {0, 0, 0}};
	uint64_t eff, bnd;

	if (hex_field(status, "\nCapEff:", &eff) < 0 || hex_field(status, "\nCapBnd:", &bnd) < 0)
		return -EINVAL;
	st->eff_sys_resource = (eff >> CAP_SYS_RESOURCE) & 1;
	st->eff_sys_admin = (eff >> CAP_SYS_ADMIN) & 1;
	st->eff_net_admin = (eff >> CAP_NET_ADMIN) & 1;
	st->eff_setuid = (eff >> CAP_SETUID) & 1;
	st->eff_setgid = (eff >> CAP_SETGID) & 1;
	st->bnd_sys_resource = (bnd >> CAP_SYS_RESOURCE) & 1;
	caps_parse_ids(status, &ids); /* a status without them: root, as before */
	st->ruid = ids.uid[0];
	st->euid = ids.uid[1];
	st->rgid = ids.gid[0];
	return 0;
}
