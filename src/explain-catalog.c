/*
 * explain-catalog.c: the catalogue of error signatures: which parts it is
 * made of, in which order, and the look-ups over all of them.
 *
 * The entries themselves are data, one file per family of programs
 * (explain-cat-*.c). Adding a signature: add an entry to the file of its
 * family (patterns in the language of explain-pattern.h, the source of
 * the message in a comment beside it), add at least two lines it must
 * explain and one near miss it must not to tests/explain/samples.txt,
 * make sure its cause has a section in man/headroom-errors.7, and add
 * real lines to tests/explain/corpus.txt (the tests check all of it).
 */
#include "config.h"

#include <string.h>

#include "explain-cat.h"
#include "explain.h"
#include "headroom.h"

/* Priority order. ENFILE comes first of all: "too many open files in
 * system" contains the EMFILE wording every other part looks for. Then
 * the most specific wording (the kernel's, the admin tools', the
 * servers', the load tools'), the runtimes', and the errno names last. */
const struct explain_part explain_parts[] = {
    {"generic", explain_cat_first, &explain_cat_first_len},
    {"kernel", explain_cat_kernel, &explain_cat_kernel_len},
    {"admin", explain_cat_admin, &explain_cat_admin_len},
    {"admin", explain_cat_sysctl, &explain_cat_sysctl_len},
    {"servers", explain_cat_web, &explain_cat_web_len},
    {"servers", explain_cat_proxy, &explain_cat_proxy_len},
    {"servers", explain_cat_brokers, &explain_cat_brokers_len},
    {"servers", explain_cat_data, &explain_cat_data_len},
    {"servers", explain_cat_clients, &explain_cat_clients_len},
    {"tools", explain_cat_tools, &explain_cat_tools_len},
    {"runtimes", explain_cat_runtimes, &explain_cat_runtimes_len},
    {"runtimes", explain_cat_langs, &explain_cat_langs_len},
    {"generic", explain_cat_generic, &explain_cat_generic_len},
};

const size_t explain_nparts = nitems(explain_parts);

const struct explain_family explain_families[] = {
    {"servers", "nginx, Apache httpd, HAProxy, Envoy, nghttpx, PHP-FPM, uWSGI, Caddy, "
		"Redis, memcached, PostgreSQL, PgBouncer, MySQL/MariaDB, MongoDB, Elasticsearch, "
		"Kafka, ZooKeeper, RabbitMQ, Erlang/ranch, Tomcat, Squid; the MySQL and Kafka "
		"clients"},
    {"runtimes", "Go, Node.js, Python (asyncio, aiohttp, websockets, requests), "
		 "Java (HotSpot, Netty, Tomcat), .NET, Rust (std, tokio), Ruby (Puma); "
		 "inotify users (watchdog, tail -f, fsnotify)"},
    {"tools", "wrk, wrk2, h2load, tcpkali, ab, Locust, JMeter, k6, vegeta, hey, "
	      "Gatling, httperf, curl"},
    {"admin", "bash, zsh, dash, fish, prlimit, systemd, PAM, docker/runc/crun, "
	      "kubelet, sysctl, launchctl"},
    {"kernel", "the kernel log: dmesg, journalctl -k, headroom explain --kernel (and "
	       "the BSD kernels' listen queue overflows)"},
    {"generic", "the errno messages (EMFILE, ECONNRESET, ETIMEDOUT, ...), Windows' "
		"Winsock ones too"},
};

const size_t explain_nfamilies = nitems(explain_families);

size_t
explain_catalog_size(void)
{
	size_t n = 0, p;

	for (p = 0; p < explain_nparts; p++)
		n += *explain_parts[p].n;
	return n;
}

static const struct explain_part *
part_of(size_t *index)
{
	size_t p;

	for (p = 0; p < explain_nparts; p++) {
		if (*index < *explain_parts[p].n)
			return &explain_parts[p];
		*index -= *explain_parts[p].n;
	}
	return NULL;
}

const struct explain_entry *
explain_entry(size_t index)
{
	const struct explain_part *part = part_of(&index);

	return part != NULL ? &part->entries[index] : NULL;
}

const char *
explain_entry_family(size_t index)
{
	const struct explain_part *part = part_of(&index);

	return part != NULL ? part->family : NULL;
}

bool
explain_cause_is_layer(const char *cause)
{
	return strncmp(cause, "app.", 4) != 0;
}

int
explain_entry_index(const char *id)
{
	size_t i, n = explain_catalog_size();

	for (i = 0; i < n; i++) {
		if (strcmp(explain_entry(i)->id, id) == 0)
			return (int)i;
	}
	return -1;
}

const struct explain_entry *
explain_entry_find(const char *id)
{
	int i = explain_entry_index(id);

	return i >= 0 ? explain_entry((size_t)i) : NULL;
}

size_t
explain_candidates(const struct explain_entry *e, struct explain_candidate *out)
{
	size_t n;

	for (n = 0; n < EXPLAIN_CANDIDATES_PER_ENTRY && e->candidates[n].cause != NULL; n++)
		out[n] = e->candidates[n];
	if (n == 0)
		out[n++] = (struct explain_candidate){e->cause, NULL, e->confirm};
	return n;
}
