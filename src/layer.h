/*
 * layer.h: the model. A layer is one limit that caps concurrency: what it
 * limits, its scope, its limit, its current use, what a target needs, a
 * verdict and the fix. Probes fill limit/use; the plan fills the rest;
 * the output modules only format.
 */
#ifndef LAYER_H
#define LAYER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "layer-table.h"
#include "names.h"

#define LAYER_UNLIMITED INT64_MAX /* no limit / does not cap connections */
#define LAYER_NONE	(-1)	  /* no figure: not reported or not applicable */

#define LAYER_SET_MAX 96 /* fixed: the live view allocates nothing per refresh */

/* Ordered by severity for ok/warn/fail; unknown ranks between ok and warn. */
enum verdict {
	VERDICT_OK,
	VERDICT_UNKNOWN,
	VERDICT_WARN,
	VERDICT_FAIL,
};

struct layer_fix {
	char live[1024];    /* command that raises it now (a restart holds a command line) */
	char persist[1024]; /* change that survives a reboot / new login */
	bool needs_root;
};

/*
 * An application layer's fix (src/app-fix.c): which server, where its
 * setting is (or the file and block to add it to), how the server takes a
 * change, and how the plan's value maps to the setting's.
 */
struct layer_app {
	int app;	  /* enum app_id (src/app.h); 0: not an application layer */
	char file[256];	  /* where the setting is set, or the file to add it to */
	int line;	  /* its line; 0: not set there, add it */
	char context[48]; /* the block or section to add it in ("events", "[mysqld]") */
	char reload[512]; /* the server's own way to take the change live */
	int64_t per;	  /* nginx: workers; the setting is ceil(value / per) */
	int64_t reserved; /* added to the value (PostgreSQL's reserved slots) */
	int64_t fd_soft;  /* the server's nofile soft limit, LAYER_NONE unknown */
	int64_t fd_need;  /* fds the server needs beyond one per client (Redis: 32) */
	int64_t fd_raise; /* the live fix raises its hard nofile to this first
			     (Redis); 0: it does not */
	int64_t
	    fd_hard; /* nginx, HAProxy: the (master) process's hard nofile, LAYER_NONE unknown */
	bool fd_hard_final; /* nginx, HAProxy: the process lacks CAP_SYS_RESOURCE */
	char conf[256];	    /* nginx: its main configuration file */
	char restart[384];  /* nginx: its command to start it again; "" unknown */
	bool root_owned;    /* the server runs as root: its files and signals need root */
	bool takeover;	    /* HAProxy: its reload is a new process (-sf) that gets the
			       limits of the shell it is started from */
};

/*
 * What the fix of a watched process's layer depends on besides the plan:
 * who owns it, how it was started (to restart it) and whether this
 * session may change its limits (src/linux/fix.c).
 */
struct layer_proc {
	bool ids_known;
	uid_t uid[3]; /* real, effective, saved */
	gid_t gid[3];
	char owner[64];	   /* its user's name, or the uid */
	char cmdline[640]; /* its command line, shell-quoted; "" when unreadable */
	char cwd[192];	   /* its working directory; "" when unreadable */
	bool other_owner;  /* this session may not prlimit it: another user's,
			      and no CAP_SYS_RESOURCE */
	bool start_up_cap; /* a server that sized its own cap from the limit at
			      start-up (Redis, HAProxy, memcached, nginx) */
};

/*
 * One instance of a layer: its kind (the row of layer_descs) and, for the
 * layers of a watched process, its pid. title, scope and unit start as the
 * row has them; a platform may refine the scope (macOS has no network
 * namespaces).
 */
struct layer {
	enum layer_kind kind;
	const char *title; /* what it limits, one short phrase */
	enum layer_scope scope;
	enum layer_unit unit;

	int64_t limit;	  /* LAYER_UNLIMITED, LAYER_NONE when unknown */
	int64_t use;	  /* LAYER_NONE when the kernel does not report it */
	double unit_cost; /* units of the limit one socket takes (bytes, pages); 0 = 1 */

	/*
	 * Filled by the plan from the target: what the target needs of this
	 * limit, how many connections the limit allows, the value a fix
	 * should set (need plus margin, rounded), and the verdict.
	 */
	int64_t need;
	int64_t supports;
	int64_t recommend;
	enum verdict verdict;
	/* The least verdict the probe found on its own (a lint finding, an
	 * unreadable file); the plan never judges better than this, and keeps
	 * it apart from verdict so the same set can be planned again. */
	enum verdict floor;

	/* The layer caps connections now; false for persistent-state layers
	 * (limits.conf, systemd.default: scope session) that describe the
	 * next session. */
	bool caps_now;

	/* caps layer: this process cannot raise its hard limits. */
	bool cannot_raise;

	/* Does not apply on this host (systemd not running): no figures, ok. */
	bool not_applicable;

	/* Set for per-process layers of a watched --pid. */
	pid_t pid;
	char comm[32];
	char unit_name[NAMES_UNIT_MAX + 1]; /* systemd unit the pid runs in, if any */
	bool raises_own_soft;		    /* Go >= 1.19, Node.js: only the hard limit matters */
	struct layer_proc proc;		    /* nofile layers of a watched pid */
	char listen[64];		    /* backlog.listen: the listener, "127.0.0.1:8080" */
	char file[256];	  /* the file that holds the limit, when one does (cgroup.*) */
	bool file_at_top; /* it is at the top of the tree this process sees (a cgroup
			     namespace's root: a container's limit) */

	char note[1536]; /* why unknown, lint findings, details; '\n' separated */
	struct layer_fix fix;
	struct layer_app app; /* application layers only */
};

struct layer_set {
	struct layer v[LAYER_SET_MAX];
	size_t n;
};

void layer_set_init(struct layer_set *set);

/* Append a layer of the given kind, set up from its row; returns NULL
 * when the set is full. */
struct layer *layer_add(struct layer_set *set, enum layer_kind kind);
/* The layer of that kind and pid (0: not a watched process's); NULL if none. */
struct layer *layer_find(struct layer_set *set, enum layer_kind kind, pid_t pid);

/* The stable id of a layer, for output. */
const char *layer_id(const struct layer *l);

/* Mark a layer unknown with a reason (printf-style). */
void layer_unknown(struct layer *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append a line to the note (printf-style). */
void layer_note(struct layer *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const char *verdict_name(enum verdict v);
const char *scope_name(enum layer_scope s);
int verdict_exit_status(enum verdict v);

#endif
