/*
 * fuzz-haproxy: HAProxy configuration: /f/0.cfg alone, then the directory
 * /f of all parts as /f/N.cfg (as -f DIR reads it), and the maxconn HAProxy
 * computes from what was read (an unlimited nofile limit must count as
 * the kernel's ceiling).
 */
#include "config.h"

#include <stdlib.h>

#include "app-parsers.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct haproxy_conf c;
	struct fuzz_parts p;
	char cause[512];

	fuzz_split(data, size, &p);
	fuzz_put_parts(&p, "/f", ".cfg");
	haproxy_conf_init(&c);
	if (haproxy_parse_path(&c, "/f/0.cfg", cause, sizeof(cause)) == 0) {
		haproxy_ideal_maxconn(&c, 1024, 1);
		haproxy_ideal_maxconn(&c, 1048576, 64);
		/* An unlimited nofile counts as the kernel's ceiling, INT_MAX. */
		if (haproxy_ideal_maxconn(&c, LAYER_UNLIMITED, 4) !=
		    haproxy_ideal_maxconn(&c, INT32_MAX, 4))
			abort();
	}
	haproxy_conf_init(&c);
	if (haproxy_parse_path(&c, "/f", cause, sizeof(cause)) == 0)
		haproxy_ideal_maxconn(&c, 65536, 2);
	fuzz_parts_free(&p);
	return 0;
}
