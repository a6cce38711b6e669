/*
 * verify-cause.h: what a verify result means. Which layer stopped the run
 * (from the errno and the listen-queue counters), and whether check's
 * prediction for the same target agrees with what verify reached.
 */
#ifndef VERIFY_CAUSE_H
#define VERIFY_CAUSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layer.h"
#include "plan.h"
#include "verify.h"

/* The layer responsible for a failed run, or LAYER_KIND_NONE when no limit
 * is to blame (complete, interrupted, a server that is not there); why gets
 * one line either way. */
enum layer_kind verify_cause_layer(const struct verify_result *res, const struct verify_layout *lay,
				   char *why, size_t whylen);

/* Does a server's first reply read as an error? (RESP "-ERR", memcached
 * "ERROR" / "SERVER_ERROR", HTTP 4xx/5xx, a MySQL error packet, or words
 * like "too many".) */
bool verify_reply_is_error(const char *buf, size_t len);

/* Connections the server dropped after the handshake. */
int64_t verify_dropped(const struct verify_result *res);
/* The server dropped connections or answered with errors: verify fails. */
bool verify_rejected(const struct verify_result *res);
/* Count dropped connections out of those established. */
void verify_cause_drops_apply(struct verify_result *res);

enum verify_agreement {
	AGREE_NONE, /* nothing to compare (no prediction, interrupted) */
	AGREE_YES,
	AGREE_CHECK_LOW,  /* verify held more than check allows: a bug in check */
	AGREE_CHECK_HIGH, /* verify hit a limit below check's figure: a bug in check */
	AGREE_VERIFY_LOW, /* verify stopped early with no limit to blame: a bug in verify */
};

struct verify_prediction {
	bool have;
	int64_t check_max;		  /* check's max_supported: one process per side */
	enum layer_kind check_bottleneck; /* LAYER_KIND_NONE: no limit */
	int64_t layout_max;		  /* the same layers, for verify's processes */
	bool spread;			  /* processes are added as needed: no per-process cap */
	enum layer_kind layout_bottleneck;
	enum verify_agreement agreement;
	char note[320];
};

/* The prediction for verify's layout from a layer set the plan has judged. */
void verify_predict(const struct layer_set *set, const struct plan_result *plan,
		    const struct verify_opts *opts, const struct verify_layout *lay,
		    struct verify_prediction *p);

/* Compare; fills agreement and note. cause is verify_cause_layer's answer. */
void verify_compare(struct verify_prediction *p, const struct verify_result *res,
		    const struct verify_layout *lay, int64_t target, enum layer_kind cause);

#endif
