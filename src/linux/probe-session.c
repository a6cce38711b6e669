/*
 * probe-session.c: what the next login session and service start will
 * get (limits.conf through pam_limits, systemd's DefaultLimitNOFILE and a
 * watched unit's LimitNOFILE), and the capabilities to raise limits now.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "caps.h"
#include "container.h"
#include "limitsconf.h"
#include "probe-linux.h"
#include "rootfs.h"
#include "sysdconf.h"

static struct sysdconf_limit default_limit;
static struct caps_state caller;
static bool caller_known;

const struct caps_state *
probe_caller(void)
{
	return caller_known ? &caller : NULL;
}

/* prlimit(2) without CAP_SYS_RESOURCE: the caller's real uid must be the
 * target's real, effective and saved uid, and its real gid the gids. */
static bool
same_owner(const struct caps_state *st, const struct layer_proc *pr)
{
	int i;

	for (i = 0; i < 3; i++)
		if (pr->uid[i] != st->ruid || pr->gid[i] != st->rgid)
			return false;
	return true;
}

bool
probe_other_owner(const struct layer_proc *pr)
{
	return caller_known && pr->ids_known && !caller.eff_sys_resource &&
	       !same_owner(&caller, pr);
}

/* Watched processes this session may not prlimit: say so on the caps row
 * (the plan warns when one of them is short) and mark their layers. */
static void
note_other_owners(struct probe_ctx *ctx, struct layer *caps, const struct caps_state *st)
{
	size_t i;

	for (i = 0; i < ctx->set->n; i++) {
		struct layer *l = &ctx->set->v[i];

		if (l->pid == 0 || (l->kind != LAYER_NOFILE_SOFT && l->kind != LAYER_NOFILE_HARD) ||
		    !l->proc.ids_known || st->eff_sys_resource || same_owner(st, &l->proc))
			continue;
		l->proc.other_owner = true;
		if (l->kind == LAYER_NOFILE_HARD)
			layer_note(caps,
				   "pid %d (%s) belongs to %s (uid %u, gid %u): without "
				   "CAP_SYS_RESOURCE only its owner may change its limits",
				   (int)l->pid, l->comm, l->proc.owner, (unsigned)l->proc.uid[0],
				   (unsigned)l->proc.gid[0]);
	}
}

/* The nofile a session gets when nothing in limits.conf sets it. */
static struct rlimit_pair
inherited_nofile(void)
{
	struct rlimit_pair r = {SYSDCONF_DEFAULT_SOFT, SYSDCONF_DEFAULT_HARD};

	if (default_limit.set)
		r = default_limit.nofile;
	return r;
}

static int64_t
resolve(int64_t value, int64_t fallback, int64_t nr_open)
{
	if (value == LAYER_NONE)
		return fallback;
	/* pam_limits turns an unlimited nofile into fs.nr_open. */
	if (value == LAYER_UNLIMITED && nr_open > 0)
		return nr_open;
	return value;
}

static void
add_limits_conf(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_LIMITS_CONF);
	static struct limitsconf lc;
	struct limitsconf_user user;
	struct rlimit_pair inherited = inherited_nofile();
	char cause[256], pam_where[256];
	int64_t soft, hard;
	bool pam;
	size_t i;

	if (l == NULL)
		return;
	if (ctx->opts->user == NULL) {
		layer_unknown(l, "no user to resolve limits.conf for (give --user NAME)");
		return;
	}
	if (limitsconf_lookup_user(ctx->opts->user, &user, cause, sizeof(cause)) < 0) {
		layer_unknown(l, "%s", cause);
		return;
	}
	limitsconf_init(&lc);
	limitsconf_load(&lc, &user, ctx->nr_open);
	limitsconf_user_free(&user);
	pam = limitsconf_pam_enabled(pam_where, sizeof(pam_where));
	if (!pam || lc.no_limits) {
		soft = inherited.soft;
		hard = inherited.hard;
	} else {
		hard = resolve(lc.nofile_hard.value, inherited.hard, ctx->nr_open);
		soft = resolve(lc.nofile_soft.value, inherited.soft, ctx->nr_open);
	}
	l->limit = soft < hard ? soft : hard;
	layer_note(l, "user %s: soft %lld, hard %lld (%s)", user.name, (long long)soft,
		   (long long)hard,
		   !pam			     ? "limits.conf not applied: inherited default"
		   : lc.nofile_soft.where[0] ? lc.nofile_soft.where
					     : "not set: inherited default");
	if (pam)
		layer_note(l, "pam_limits is in the session stack of %s", pam_where);
	if (!pam) {
		layer_note(l,
			   "pam_limits is not in the session stack (%s): limits.conf is not "
			   "applied to logins",
			   pam_where);
		if (lc.nofile_soft.value != LAYER_NONE || lc.nofile_hard.value != LAYER_NONE)
			l->floor = VERDICT_WARN;
	}
	for (i = 0; i < lc.nlint; i++) {
		layer_note(l, "%s", lc.lint[i].msg);
		if (lc.lint[i].severity > l->floor)
			l->floor = lc.lint[i].severity;
	}
	if (lc.lint_omitted > 0)
		layer_note(l, "%zu more findings not shown", lc.lint_omitted);
}

/* A systemd file that is there but was not read: what it sets is not
 * known, so the figure shown may not be the one in force. */
static void
unread_note(struct layer *l, const struct sysdconf_limit *lim)
{
	if (lim->unread[0] == '\0')
		return;
	layer_note(l, "%s", lim->unread);
	if (l->floor < VERDICT_WARN)
		l->floor = VERDICT_WARN;
}

static void
add_systemd_default(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_SYSTEMD_DEFAULT);
	struct rlimit_pair r = inherited_nofile();

	if (l == NULL)
		return;
	if (!sysdconf_booted()) {
		l->not_applicable = true;
		layer_note(l, "systemd is not the init system here: no service limits to check");
		return;
	}
	l->limit = r.soft;
	layer_note(l,
		   "soft %lld, hard %lld (%s); services that raise their own soft limit get "
		   "the hard one",
		   (long long)r.soft, (long long)r.hard,
		   default_limit.set ? default_limit.where : "compiled-in default");
	unread_note(l, &default_limit);
}

static void
add_systemd_units(struct probe_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->set->n; i++) {
		const struct layer *p = &ctx->set->v[i];
		struct sysdconf_limit unit;
		struct layer *l;
		struct rlimit_pair r;

		if (p->pid == 0 || p->unit_name[0] == '\0' || p->kind != LAYER_NOFILE_HARD)
			continue;
		l = probe_add(ctx, LAYER_SYSTEMD_UNIT);
		if (l == NULL)
			return;
		l->pid = p->pid;
		snprintf(l->comm, sizeof(l->comm), "%s", p->comm);
		snprintf(l->unit_name, sizeof(l->unit_name), "%s", p->unit_name);
		sysdconf_load_unit(&unit, p->unit_name);
		r = unit.set ? unit.nofile : inherited_nofile();
		l->limit = p->raises_own_soft ? r.hard : r.soft;
		layer_note(l, "%s: LimitNOFILE soft %lld, hard %lld (%s)", p->unit_name,
			   (long long)r.soft, (long long)r.hard,
			   unit.set ? unit.where : "not set: DefaultLimitNOFILE");
		unread_note(l, &unit);
	}
}

static bool
proc_sys_read_only(void)
{
	char path[512];
	struct statvfs sv;

	if (!rootfs_is_live() || rootfs_path("/proc/sys", path, sizeof(path)) < 0)
		return false;
	return statvfs(path, &sv) == 0 && (sv.f_flag & ST_RDONLY);
}

static void
add_caps(struct probe_ctx *ctx)
{
	struct layer *l = probe_add(ctx, LAYER_CAPS);
	struct caps_state st = {0};
	char status[4096];
	int err;

	if (l == NULL)
		return;
	if (rootfs_is_live())
		err = caps_read_live(&st, 0);
	else if ((err = (int)rootfs_read("/proc/self/status", status, sizeof(status))) >= 0)
		err = caps_parse_status(status, &st);
	caller_known = false;
	if (err < 0) {
		layer_unknown(l, "cannot read this process's capabilities");
		return;
	}
	caller = st;
	caller_known = true;
	layer_note(l, "CAP_SYS_RESOURCE %s, CAP_SYS_ADMIN %s, CAP_NET_ADMIN %s",
		   st.eff_sys_resource ? "yes" : "no", st.eff_sys_admin ? "yes" : "no",
		   st.eff_net_admin ? "yes" : "no");
	note_other_owners(ctx, l, &st);
	if (container_detect()->kind != CONTAINER_NONE)
		layer_note(l,
			   "in a %s container%s (%s): limits and sysctls are set where it starts",
			   container_runtime_name(container_detect()),
			   container_detect()->kubernetes ? " of a Kubernetes pod" : "",
			   container_detect()->evidence);
	if (proc_sys_read_only())
		layer_note(l, "/proc/sys is mounted read-only: sysctls cannot be changed here");
	if (st.eff_sys_resource)
		return;
	if (st.euid == 0 && !st.bnd_sys_resource)
		layer_note(l, "root, but CAP_SYS_RESOURCE is not in the bounding set (a container "
			      "or sandbox): the hard limit is final for this session; only the "
			      "parent environment can raise it");
	else
		layer_note(l, "cannot raise a hard limit above its current value without sudo");
	l->cannot_raise = true; /* the plan warns when nofile.hard is short */
}

void
probe_session(struct probe_ctx *ctx)
{
	sysdconf_load_default(&default_limit);
	add_limits_conf(ctx);
	add_systemd_default(ctx);
	add_systemd_units(ctx);
	add_caps(ctx);
}
