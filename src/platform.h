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

#include <stddef.h>

#include "census.h"
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

#endif
