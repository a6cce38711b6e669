/*
 * platform.h: the platform interface (htop's Platform.h is the model).
 * Everything headroom asks of the operating system beyond POSIX goes
 * through the functions declared here, and every platform implements all
 * of them:
 *
 *   src/linux/    Linux: the probe (/proc and /sys through rootfs), the
 *                 fixes, capabilities (libcap).
 *   src/darwin/   macOS glue only: sysctlbyname(3), getrlimit(2) and
 *                 `launchctl`; parsing and decisions live in portable
 *                 modules (launchd.c) that every platform's tests run.
 *
 * The portable core is every other file in src/: the layer model, the
 * plan, profiles, the journal, the presenters and the commands. It
 * includes no <linux/...> header and calls no Linux- or macOS-only
 * function; parsers of one platform's text formats (limits.conf, a /proc
 * file read through rootfs, `launchctl limit` output) are portable code,
 * since they are plain functions over strings. The boundary is about
 * reaching the operating system, not about file names.
 *
 * Functions keep the prefix of the module they serve (probe_, census_,
 * verify_); those with no module of their own are platform_. They return
 * 0 or -errno, with a cause where they take one; -ENOSYS means this
 * platform does not do it, and the cause says so.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "census.h"
#include "parse.h" /* struct rlimit_pair */
#include "plan.h"
#include "probe.h"
#include "verify.h"

/* The platform's name for messages: "Linux", "macOS". */
const char *platform_name(void);

/*
 * Fill set with every layer of this platform. Unreadable layers are
 * recorded as unknown with a reason; the call itself fails (-errno, with
 * cause) only for a bad --pid: one that does not exist (-ESRCH) or that we
 * may not inspect (-EACCES).
 */
int probe_collect(struct layer_set *set, const struct probe_opts *opts, char *cause,
		  size_t causelen);

/* Fill each layer's fix (live command, persistent change) from the plan's
 * recommended values; call after plan_eval. */
void probe_fill_fixes(struct layer_set *set, const struct target *t, const struct probe_opts *opts);

/*
 * Run a census (census.h): the live kernel, or opts->replay. opts may be
 * NULL (all states, no port range). Returns 0, or -errno with cause
 * filled: -EBADMSG for a corrupt, truncated or empty recorded dump;
 * -ENOSYS where the platform has no census; otherwise the errno of the
 * failing step (socket, send, recv, open, write) or of the kernel's
 * netlink error.
 */
int census_collect(struct census *c, const struct census_opts *opts, char *cause, size_t causelen);

/* Close the kept netlink socket (at exit; optional). */
void census_close(void);

/* Whether this platform has verify's engine: 0, or -ENOSYS with a cause.
 * verify asks before it prints anything. */
int verify_supported(char *cause, size_t causelen);

/*
 * Run the layout (verify.h). Blocks SIGINT/SIGTERM/SIGHUP/SIGCHLD while it
 * runs and restores the mask. Returns 0 when the run took place (whatever
 * its outcome, see res->stop), or -errno with a cause when it could not
 * start.
 */
int verify_run(const struct verify_opts *opts, const struct verify_layout *lay,
	       struct verify_result *res, verify_progress_fn progress, void *ctx, char *cause,
	       size_t causelen);

/* The absolute path of the running program (symlinks resolved), for
 * finding what was installed beside it. 0 or -errno. */
int platform_self_exe(char *buf, size_t size);

/* Whether this process may raise hard limits (Linux: CAP_SYS_RESOURCE in
 * its effective set). */
bool platform_can_raise_hard(void);

/*
 * Another process's nofile limits, and its name (comm) when known, for
 * `headroom raise`: 0; -ENOENT or -ESRCH when there is no such process;
 * -ENOSYS where the platform cannot read another process's limits.
 */
int platform_pid_nofile(pid_t pid, struct rlimit_pair *out, char *comm, size_t commlen);

/* Set them (prlimit(2)): 0, or -errno (-ESRCH: it exited, -EPERM: not
 * permitted), -ENOSYS where the platform cannot. */
int platform_set_pid_nofile(pid_t pid, const struct rlimit_pair *want);

/* The entries of the directory open at fd, "." and ".." excepted, read
 * from its start; the count or -errno. rootfs_count_dir's inner loop (the
 * live view counts /proc/PID/fd with it every refresh). */
int64_t platform_count_dir(int fd);

/* The symbolic name of an errno value ("EMFILE"), or NULL when unknown. */
const char *platform_errno_name(int err);

/* ppoll(2): wait for fds, the timeout (NULL: none) or a signal, with mask
 * as the signal mask while waiting. Returns as ppoll does: the number of
 * ready descriptors, 0 on timeout, -1 with errno (EINTR for a signal). */
int platform_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		   const sigset_t *mask);

#endif
