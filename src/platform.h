/*
 * platform.h: the platform interface (htop's Platform.h is the model).
 * Everything headroom asks of the operating system beyond POSIX goes
 * through the functions declared here, and every platform implements all
 * of them. What belongs where:
 *
 *   src/          the portable core, the files directly in src/: the
 *                 layer model and the plan, profiles, changes and the
 *                 journal, the presenters, the commands, and parsers of
 *                 text formats even when the format is one platform's
 *                 (limits.conf, a /proc file read through rootfs,
 *                 `launchctl limit` output in launchd.c): they are plain
 *                 functions over strings, tested on recorded outputs on
 *                 every platform. No <linux/...> header, no Linux- or
 *                 macOS-only call, constant or library (libcap, libmnl),
 *                 no GNU extension outside an #ifdef __GLIBC__. The
 *                 boundary is about reaching the operating system, not
 *                 about file names.
 *   src/linux/    Linux: the probe (/proc and /sys through rootfs, so
 *                 --root reads a fixture tree) and its fixes, the
 *                 sock_diag census (libmnl), verify's engine (epoll,
 *                 signalfd, timerfd, eventfd, prctl), capabilities
 *                 (libcap), prlimit, getdents64, ppoll.
 *   src/darwin/   macOS glue only: sysctlbyname(3), getrlimit(2),
 *                 `launchctl`, _NSGetExecutablePath(3).
 *   src/generic/  POSIX versions for a platform with nothing better
 *                 (htop's generic/): readdir, pselect, an errno table; and
 *                 what macOS does not do yet (census, verify, raise), as
 *                 -ENOSYS with a cause naming the platform.
 *   src/stub/     a platform that implements nothing (htop's unsupported/):
 *                 `make check-portable` (mk/check-portable.sh) builds the
 *                 core without GNU extensions, links it with the stub and
 *                 src/generic/, runs it, and links src/darwin/ the same
 *                 way; .ci/run runs it.
 *
 * Adding a platform: a directory implementing every function below
 * (taking what it lacks from src/generic/), and its sources under a
 * PLATFORM_ conditional in the mk/ fragments. Adding a function: declare
 * it here and implement it in src/linux/, src/darwin/ or src/generic/, and
 * in src/stub/ when generic has none; check-portable fails until every
 * platform links.
 *
 * Functions keep the prefix of the module they serve (probe_, census_,
 * verify_); those with no module of their own are platform_. They return
 * 0 or -errno, with a cause where they take one; -ENOSYS means this
 * platform does not do it, and the cause says so. The commands report
 * that as exit 3.
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

/* ---- the probe (src/linux/probe-*.c, src/darwin/probe-darwin.c) ---- */

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

/* ---- the socket census (src/linux/census*.c) ---- */

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

/* ---- verify's engine (src/linux/verify-*.c) ---- */

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

/* A bare connect/accept loop in one process on loopback, up to 10,000
 * connections of the target held in batches: this host's rate without
 * verify's processes in the way. 0 or -errno with a cause. */
int verify_bare_rate(int64_t target, bool ipv6, struct verify_bare *out, char *cause,
		     size_t causelen);

/* ---- users and groups (src/linux/accounts.c, src/generic/accounts.c) ---- */

/*
 * The user name as pam_limits matches it: uid, primary gid and every group
 * it is in, by name (limitsconf_user_add_group). From libc on the live
 * system, so NSS users (LDAP, sssd) are found; under --root from the tree's
 * /etc/passwd and /etc/group (Linux: fgetpwent, fgetgrent; elsewhere
 * -ENOSYS). 0, -ENOENT when there is no such user, or -errno; cause says
 * why, naming the file under --root.
 */
struct limitsconf_user;
int platform_user_lookup(const char *name, struct limitsconf_user *u, char *cause, size_t causelen);

/* ---- processes, files, waiting (platform-<os>.c, src/generic/) ---- */

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

/*
 * Is pid a live process this session can see? Every command that takes
 * --pid asks here first, so all say the same: 0; -ESRCH with cause "pid N:
 * no such process", or for a zombie "pid N: no such process (a zombie: it
 * has exited and holds no files; its parent, pid P, has not reaped it)";
 * -EACCES when it exists but /proc hides it from this user (hidepid).
 * Under --root, the tree's /proc.
 */
#define CAUSE_PID_MAX 192 /* room for the longest of those causes */
int platform_pid_check(pid_t pid, char *cause, size_t causelen);

/* Set them (prlimit(2)): 0, or -errno (-ESRCH: it exited, -EPERM: not
 * permitted), -ENOSYS where the platform cannot. */
int platform_set_pid_nofile(pid_t pid, const struct rlimit_pair *want);

/*
 * The processes called name, as pidof(8) finds them: comm is name, or the
 * basename of argv[0] or of the executable is. This process is left out.
 * Up to max pids into pids in ascending order; returns how many there are
 * (may be more than max), or -errno (-ENOSYS where the platform cannot
 * list processes). Under --root, the tree's /proc.
 */
int platform_pids_named(const char *name, pid_t *pids, size_t max);

/* openat(dirfd, rel, flags) resolved as if dirfd were the root directory
 * (Linux: openat2 with RESOLVE_IN_ROOT): ".." and absolute symlinks stay
 * inside it, so a --root tree cannot lead to this machine's files. The fd
 * or -errno; -ENOSYS where the platform (or the kernel) cannot, and
 * rootfs then walks the path itself, refusing symlinked directories. */
int platform_open_in_root(int dirfd, const char *rel, int flags);

/* The entries of the directory open at fd, "." and ".." excepted; the
 * caller has rewound it (lseek). The count or -errno. rootfs_count_dir's
 * inner loop: the live view counts /proc/PID/fd with it every refresh. */
int64_t platform_count_dir(int fd);

/* The symbolic name of an errno value ("EMFILE"), or NULL when unknown. */
const char *platform_errno_name(int err);

/* The columns of the terminal on fd (TIOCGWINSZ), or 0 when fd is not a
 * terminal or does not say: the width text tables fit in. */
int platform_term_width(int fd);

/* ppoll(2): wait for fds, the timeout (NULL: none) or a signal, with mask
 * as the signal mask while waiting. Returns as ppoll does: the number of
 * ready descriptors, 0 on timeout, -1 with errno (EINTR for a signal). */
int platform_ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		   const sigset_t *mask);

#endif
