/*
 * limitsconf.h: what pam_limits will give a new login session, from
 * /etc/security/limits.conf and limits.d/ files, with a lint of the
 * mistakes that make `ulimit -n` "have no effect". Follows pam_limits:
 * limits.conf first, then limits.d in name order; a user entry beats a
 * group entry beats `*`, and a later entry of the same rank wins.
 */
#ifndef LIMITSCONF_H
#define LIMITSCONF_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "layer.h"

#define LIMITSCONF_LINT_MAX 16

/* A user as pam_limits matches it. The group lists have no fixed bound
 * (an LDAP user may be in hundreds): limitsconf_lookup_user allocates
 * them, limitsconf_user_free releases them. */
struct limitsconf_user {
	char name[64];
	uid_t uid;
	gid_t gid;
	size_t ngroups;
	char **groups; /* names of every group it is in (a number when unnamed) */
	gid_t *gids;
};

struct limitsconf_value {
	int64_t value;	 /* LAYER_NONE when no entry sets it */
	int rank;	 /* pam_limits source rank: lower is more specific */
	char where[160]; /* file:line of the entry that set it */
};

struct limitsconf_lint {
	enum verdict severity;
	char msg[224]; /* "file:line: ..." */
};

struct limitsconf {
	struct limitsconf_value nofile_soft, nofile_hard, nproc_soft, nproc_hard;
	bool no_limits; /* a "<domain> -" line matched: pam_limits sets nothing */
	size_t nlint;
	struct limitsconf_lint lint[LIMITSCONF_LINT_MAX];
	size_t lint_omitted;
	int files; /* files read */
};

void limitsconf_init(struct limitsconf *lc);

/* Feed one file's text; nr_open bounds nofile (0 to skip that check). */
void limitsconf_feed(struct limitsconf *lc, const struct limitsconf_user *user, const char *file,
		     const char *text, int64_t nr_open);

/* After every file: the soft-above-hard check on the resolved values. */
void limitsconf_finish(struct limitsconf *lc);

/* Look the user up (platform_user_lookup: libc on the live system, the
 * tree's /etc/passwd and /etc/group under --root). 0; -ENOENT when there
 * is no such user; -errno otherwise; cause says why. user is always
 * initialised: free it with limitsconf_user_free whatever the result. */
int limitsconf_lookup_user(const char *name, struct limitsconf_user *user, char *cause,
			   size_t causelen);
/* Add a group the user is in (for the platform's lookup): 0 or -ENOMEM. */
int limitsconf_user_add_group(struct limitsconf_user *user, const char *group, gid_t gid);
void limitsconf_user_free(struct limitsconf_user *user);

/* Read limits.conf and limits.d/ (sorted) under the root into lc. */
int limitsconf_load(struct limitsconf *lc, const struct limitsconf_user *user, int64_t nr_open);

/* Does the PAM session stack apply pam_limits? Fills which file said so. */
bool limitsconf_pam_enabled(char *where, size_t wherelen);

#endif
