/*
 * fuzz-census (Linux): a recorded sock_diag dump replayed through the
 * census (--replay FILE): netlink headers, NLMSG_ERROR and NLMSG_DONE,
 * inet_diag messages, truncation, with all states and with listeners
 * only; and the input's first line as a state name.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "census.h"
#include "fuzz.h"
#include "platform.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct census c;
	struct census_opts opts = {.port_lo = 32768, .port_hi = 60999};
	char path[512], cause[512], name[32];
	size_t len;

	snprintf(path, sizeof(path), "%s/dump.nl", fuzz_root());
	fuzz_put("/dump.nl", (const char *)data, size);
	opts.replay = path;
	census_collect(&c, &opts, cause, sizeof(cause));
	opts.state_mask = CENSUS_STATE_BIT(CENSUS_LISTEN);
	opts.port_lo = 0;
	opts.port_hi = 0;
	census_collect(&c, &opts, cause, sizeof(cause));
	len = size < sizeof(name) - 1 ? size : sizeof(name) - 1;
	memcpy(name, data, len);
	name[len] = '\0';
	census_state_parse(name);
	return 0;
}
