/*
 * probe-linux.h: the Linux probe's internal interface. probe.c runs the
 * groups below in display order; each adds its layers to the set.
 */
#ifndef PROBE_LINUX_H
#define PROBE_LINUX_H

#include "caps.h"
#include "census.h"
#include "layer.h"
#include "plan.h"
#include "platform.h"
#include "probe.h"

struct probe_ctx {
	const struct probe_opts *opts;
	struct layer_set *set;
	int64_t nr_open;	       /* LAYER_NONE when unreadable */
	int64_t socket_bytes;	       /* kernel memory one idle TCP socket takes */
	const char *socket_bytes_from; /* where the slab sizes came from; NULL: estimate */
	struct census *census;	       /* NULL when no census could be taken */
	char census_error[160];
	char port_range_error[160]; /* why port_range_read is false */
	int census_err;		    /* census_collect's -errno when it failed */
	int64_t port_lo, port_hi;   /* ip_local_port_range, or the kernel default */
	bool port_range_read;	    /* false: the sysctl is unreadable or no range */
};

/* Add a layer, or return NULL when the set is full (it never is). */
struct layer *probe_add(struct probe_ctx *ctx, enum layer_kind kind);

/* Read the sysctl of the layer's row (its .key) into its limit; on
 * failure mark it unknown. */
int probe_sysctl_limit(struct layer *l);

int probe_fds(struct probe_ctx *ctx, char *cause, size_t causelen);
void probe_net(struct probe_ctx *ctx);
void probe_mem(struct probe_ctx *ctx);
void probe_threads(struct probe_ctx *ctx);
void probe_session(struct probe_ctx *ctx);
/* Layers of the listeners of watched pids, and of listeners whose backlog
 * is below somaxconn (probe-listen.c). */
void probe_listeners(struct probe_ctx *ctx, int64_t somaxconn);
/* The name of uid (accounts.c: libc, or the tree's /etc/passwd under
 * --root): 0, -ENOENT when it has none, -ENAMETOOLONG, -errno. */
int probe_user_name(uid_t uid, char *out, size_t size);
/* A watched process's owner, command line and working directory (for
 * its fix). */
void probe_proc_facts(pid_t pid, const char *comm, struct layer_proc *pr);
/* Append arg to out (at *len, blank-separated), quoted for sh when it
 * needs it; false when it does not fit. */
bool probe_append_quoted(char *out, size_t size, size_t *len, const char *arg);
/* This session's capabilities and ids, as probe_session read them; NULL
 * when they could not be read. */
const struct caps_state *probe_caller(void);
/* Whether this session may not prlimit a process of these facts: another
 * user's, and no CAP_SYS_RESOURCE (after probe_session). */
bool probe_other_owner(const struct layer_proc *pr);
/* Application layers of the watched pids that are known servers (app.h). */
void probe_apps(struct probe_ctx *ctx);

#endif
