/*
 * runtime.h: does a process raise its own soft nofile limit at start-up?
 * Go >= 1.19, Node.js and HotSpot Java (-XX:+MaxFDLimit, the default) set
 * the soft limit to the hard one, so for them only the hard limit matters;
 * Python and C servers do not.
 */
#ifndef RUNTIME_H
#define RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct runtime_info {
	bool raises_soft;
	char name[32]; /* "go1.21.3", "node", "" when unknown */
};

/* Go version from the start of a .go.buildinfo section; -EINVAL if absent. */
int runtime_go_version(const unsigned char *buf, size_t len, char *out, size_t size);

/* Compare "go1.19" style versions: true when >= 1.19. */
bool runtime_go_raises_soft(const char *version);

/* The backlog Node.js's net.Server asks for unless told (lib/net.js),
 * whatever somaxconn is. */
#define RUNTIME_NODE_BACKLOG 511

/* A Node.js process, by its comm. */
bool runtime_is_node(const char *comm);

/* Inspect /proc/PID/exe and comm under the root. */
void runtime_detect(pid_t pid, const char *comm, struct runtime_info *info);

#endif
