/*
 * fuzz-sysdconf: systemd configuration text: DefaultLimitNOFILE= in
 * [Manager] and LimitNOFILE= in [Service] (sysdconf_feed, each part a
 * later file), the first line as a bare "soft[:hard]" value, and the text
 * as /proc/PID/cgroup for the unit a process runs in.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "sysdconf.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sysdconf_limit manager = {0}, service = {0};
	struct rlimit_pair pair;
	struct fuzz_parts p;
	char line[256], unit[256];
	size_t i, len;

	fuzz_split(data, size, &p);
	for (i = 0; i < p.n; i++) {
		sysdconf_feed(&manager, "/etc/systemd/system.conf", p.part[i], "Manager",
			      "DefaultLimitNOFILE");
		sysdconf_feed(&service, "/etc/systemd/system/x.service", p.part[i], "Service",
			      "LimitNOFILE");
	}
	len = strcspn(p.part[0], "\n");
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	memcpy(line, p.part[0], len);
	line[len] = '\0';
	sysdconf_parse_value(line, &pair);
	sysdconf_unit_of(p.part[0], unit, sizeof(unit));
	sysdconf_unit_of(p.part[0], unit, 8);
	fuzz_parts_free(&p);
	return 0;
}
