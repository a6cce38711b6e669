/*
 * fuzz-appproc: a server process as the application layers see it. The
 * first byte picks the server; the rest is its /proc/PID/cmdline (argv,
 * NUL-separated), also written as that server's default configuration
 * file (Debian's paths, /etc/memcached.conf included) and given, up to its
 * first NUL, to the reply parsers (Redis INFO, memcached stats). Then the
 * command-line split (and nginx's title split), the option lookup, the
 * loopback endpoint and the whole assessment, as a probe runs them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app-parsers.h"
#include "app.h"
#include "fuzz.h"
#include "layer.h"

static const char *const conf_paths[] = {
    NGINX_DEFAULT_CONF,
    HAPROXY_DEFAULT_CONF,
    REDIS_DEFAULT_CONF,
    MEMCACHED_DEBIAN_CONF,
    "/etc/postgresql/15/main/postgresql.conf",
    "/etc/mysql/my.cnf",
};

static void
assess(enum app_id app, const struct app_proc *p, const struct app_live *live)
{
	static struct layer_set set;
	struct layer *l;

	layer_set_init(&set);
	l = layer_add(&set, app_layer_kind(app));
	if (l == NULL)
		return;
	app_assess(app, p, live, l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct app_proc p;
	struct app_live live;
	struct app_endpoint ep;
	enum app_id app;
	char *text, why[256];
	size_t i;

	if (size < 1)
		return 0;
	app = (enum app_id)(1 + data[0] % APP_MYSQL);
	data++;
	size--;
	text = malloc(size + 1);
	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < sizeof(conf_paths) / sizeof(conf_paths[0]); i++)
		fuzz_put(conf_paths[i], i + 1 == (size_t)app ? text : NULL, size);

	memset(&p, 0, sizeof(p));
	p.pid = 4300;
	p.nofile_soft = 1024;
	p.nofile_hard = 524288;
	p.children = -1;
	p.child_nofile = LAYER_NONE;
	strcpy(p.cwd, "/");
	app_split_cmdline(&p, text, size);
	app_identify(p.argc > 0 ? p.argv[0] : "", p.argc > 1 ? p.argv[1] : "");
	if (app == APP_NGINX && p.argc > 0 && strncmp(p.argv[0], "nginx:", 6) == 0)
		app_split_title(&p);
	app_arg(&p, "-c", "--config");
	app_arg(&p, NULL, "--port");

	memset(&live, 0, sizeof(live));
	if (app == APP_REDIS) {
		app_redis_parse_reply(text, p.pid, &live);
		app_redis_endpoint(&p, &ep, why, sizeof(why));
	} else if (app == APP_MEMCACHED) {
		app_memcached_parse_stats(text, p.pid, &live);
		app_memcached_endpoint(&p, &ep, why, sizeof(why));
	}
	assess(app, &p, &live);
	free(text);
	return 0;
}
