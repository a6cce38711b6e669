/*
 * profile-plan.c: a profile generated from what `check` says a target
 * needs (apply --target N). Maps layers to profile keys (a layer whose row
 * names one sysctl sets that key); the values are the plan's
 * recommendations (need plus margin, rounded), clamped to what the kernel
 * accepts.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "layer.h"
#include "plan.h"
#include "profile.h"
#include "sysctlkey.h"
#include "sysdconf.h"

static int64_t
clamp_to(const char *key, int64_t v)
{
	const struct sysctlkey *k = sysctlkey_find(key);

	if (k != NULL && v > k->max)
		return k->max;
	if (k != NULL && v < k->min)
		return k->min;
	return v;
}

static int
set_number(struct profile *p, enum profile_section s, const char *key, int64_t v)
{
	char value[32];

	snprintf(value, sizeof(value), "%" PRId64, clamp_to(key, v));
	return profile_set(p, s, key, value);
}

static int
set_pair(struct profile *p, enum profile_section s, const char *key, int64_t soft, int64_t hard,
	 char sep)
{
	char value[64];

	if (hard < soft)
		hard = soft;
	snprintf(value, sizeof(value), "%" PRId64 "%c%" PRId64, soft, sep, hard);
	return profile_set(p, s, key, value);
}

static void
add_skipped(char *skipped, size_t len, const char *id)
{
	size_t off = strlen(skipped);

	if (strstr(skipped, id) == NULL)
		snprintf(skipped + off, len - off, "%s%s", off ? ", " : "", id);
}

/* The ephemeral range that holds `ports` ports, ending at 65535. */
static int
set_port_range(struct profile *p, int64_t ports, char *skipped, size_t skippedlen)
{
	char value[32];
	int64_t low = 65535 - ports + 1;

	if (low < 1024) {
		/* below are the well-known ports servers listen on */
		low = 1024;
		add_skipped(skipped, skippedlen,
			    "ports.ephemeral beyond 64512 ports (one source address cannot "
			    "give more: add source addresses, headroom verify --sources)");
	}
	snprintf(value, sizeof(value), "%" PRId64 " 65535", low);
	return profile_set(p, PSEC_SYSCTL, "net.ipv4.ip_local_port_range", value);
}

static int
set_tcp_mem(struct profile *p, int64_t max_pages)
{
	char value[96];

	snprintf(value, sizeof(value), "%" PRId64 " %" PRId64 " %" PRId64, max_pages / 2,
		 max_pages / 4 * 3, max_pages);
	return profile_set(p, PSEC_SYSCTL, "net.ipv4.tcp_mem", value);
}

struct nofile_want {
	bool raise;
	int64_t soft, hard;
};

/* nofile.soft and limits.conf raise the soft value, nofile.hard the hard one. */
static void
want_nofile(struct nofile_want *nf, const struct layer *l)
{
	int64_t v = l->recommend;

	nf->raise = true;
	if (l->kind == LAYER_NOFILE_HARD)
		nf->hard = v > nf->hard ? v : nf->hard;
	else
		nf->soft = v > nf->soft ? v : nf->soft;
}

/* One layer short of the target: set the key that raises it. Returns 1
 * when a key was set, 0 when no profile key raises it, or -errno. */
static int
map_layer(struct profile *p, const struct layer *l, struct nofile_want *nf, char *skipped,
	  size_t skippedlen)
{
	const struct layer_desc *d = &layer_descs[l->kind];
	int64_t v = l->recommend;
	int err;

	switch (l->kind) {
	case LAYER_NOFILE_SOFT:
	case LAYER_NOFILE_HARD:
	case LAYER_LIMITS_CONF:
		want_nofile(nf, l);
		return 1;
	case LAYER_PORTS_EPHEMERAL:
		err = set_port_range(p, v, skipped, skippedlen);
		break;
	case LAYER_TCP_MEM:
		err = set_tcp_mem(p, v);
		break;
	case LAYER_SYSTEMD_DEFAULT:
		err = set_pair(p, PSEC_SYSTEMD, "DefaultLimitNOFILE", v,
			       v > SYSDCONF_DEFAULT_HARD ? v : SYSDCONF_DEFAULT_HARD, ':');
		break;
	case LAYER_NPROC:
		err = set_number(p, PSEC_LIMITS, "nproc", v);
		break;
	case LAYER_LAUNCHD_MAXFILES:
		err = set_pair(p, PSEC_LAUNCHD, "maxfiles", v, v, ' ');
		break;
	default:
		if (d->fix != FIX_SYSCTL || d->key == NULL) {
			add_skipped(skipped, skippedlen, d->id);
			return 0;
		}
		err = set_number(p, PSEC_SYSCTL, d->key, v);
	}
	return err < 0 ? -ENOMEM : 1;
}

int
profile_from_plan(struct profile *p, const struct layer_set *set, const struct target *t,
		  char *skipped, size_t skippedlen)
{
	struct nofile_want nf = {false, 0, 0};
	char desc[128];
	size_t i;
	int err = 0, n = 0, r;

	skipped[0] = '\0';
	for (i = 0; i < set->n; i++) {
		const struct layer *l = &set->v[i];

		if (l->pid != 0)
			continue;
		/* never lower the hard limit a login already gets */
		if (l->kind == LAYER_NOFILE_HARD && l->limit != LAYER_UNLIMITED &&
		    l->limit > nf.hard)
			nf.hard = l->limit;
		if (l->verdict < VERDICT_WARN || l->recommend == LAYER_NONE ||
		    l->recommend == LAYER_UNLIMITED)
			continue;
		r = map_layer(p, l, &nf, skipped, skippedlen);
		if (r < 0)
			return r;
		n += r;
	}
	if (nf.raise)
		err = set_pair(p, PSEC_LIMITS, "nofile", nf.soft > 0 ? nf.soft : nf.hard,
			       nf.hard > nf.soft ? nf.hard : nf.soft, ' ');
	snprintf(desc, sizeof(desc), "generated for --target %" PRId64 " --role %s", t->conns,
		 role_name(t->role));
	if (err == 0)
		err = profile_set(p, PSEC_PROFILE, "description", desc);
	if (err == 0)
		err = set_number(p, PSEC_PROFILE, "target", t->conns);
	if (err == 0)
		err = profile_set(p, PSEC_PROFILE, "role", role_name(t->role));
	return err < 0 ? err : n;
}
