/*
 * plan.h: from a target (N connections, a role) to what each layer needs,
 * how many connections it supports, its verdict and the recommended value;
 * then the bottleneck and max_supported over all layers.
 */
#ifndef PLAN_H
#define PLAN_H

#include <stdint.h>
#include "layer.h"

enum role {
	ROLE_CLIENT, /* N outbound connections */
	ROLE_SERVER, /* N inbound connections on one listener */
	ROLE_BOTH,   /* client and server on this host, as a local test does */
};

#define PLAN_MARGIN_DEFAULT 0.20
#define PLAN_OVERHEAD_FDS   16		 /* stdio, logs, the listener, resolver files */
#define PLAN_TARGET_MAX	    2147483648LL /* 2^31 */

struct target {
	int64_t conns; /* 0: no target, judge current use only */
	enum role role;
	int sources;   /* source addresses the client side spreads over */
	double margin; /* warn when within this fraction of a limit */
};

struct plan_result {
	enum verdict verdict;
	int64_t max_supported;		/* LAYER_UNLIMITED when nothing caps */
	const struct layer *bottleneck; /* NULL when nothing caps */
	const struct layer *first_fix;	/* the worst layer with a fix to make */
};

void target_init(struct target *t);
int role_parse(const char *s, enum role *out);
const char *role_name(enum role r);

/* Sockets (fds) per connection held on this host for the role. */
int plan_sockets_per_conn(enum role r);

/* Fill need/supports/recommend/verdict of every layer and the result. */
void plan_eval(struct layer_set *set, const struct target *t, struct plan_result *res);

/* Round a needed value up to the value a fix should set (margin, rounding). */
int64_t plan_recommend(int64_t need, double margin);

#endif
