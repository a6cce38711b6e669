/*
 * fuzz-procfs: the kernel's text files (src/parse.c): /proc/PID/limits,
 * meminfo and status, net/netstat and snmp, sockstat, slabinfo, sysctl
 * values (numbers, lists, reserved ports, limits), each parser on the
 * same text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "parse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t bounds[][2] = {
	    {INT64_MIN, INT64_MAX}, {0, INT64_MAX}, {1, 65535}, {-1, 1}};
	static const int64_t ranges[][2] = {{1, 65535}, {32768, 60999}, {100, 1}, {0, 0}};
	struct rlimit_pair pair;
	int64_t v, list[4];
	char *text = malloc(size + 1);
	size_t i;

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++)
		parse_i64(text, bounds[i][0], bounds[i][1], &v);
	parse_proc_limits(text, "Max open files", &pair);
	parse_proc_limits(text, "Max processes", &pair);
	parse_keyed_i64(text, "MemAvailable", &v);
	parse_keyed_i64(text, "Threads", &v);
	parse_netstat(text, "TcpExt", "ListenOverflows", &v);
	parse_netstat(text, "Tcp", "CurrEstab", &v);
	parse_sockstat(text, "TCP", "inuse", &v);
	parse_sockstat(text, "TCP", "mem", &v);
	parse_slab_objsize(text, "TCP", &v);
	parse_slab_objsize(text, "sock_inode_cache", &v);
	parse_i64_list(text, list, 3);
	parse_i64_list(text, list, 1);
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		parse_reserved_ports(text, ranges[i][0], ranges[i][1]);
	parse_limit_value(text, &v);
	free(text);
	return 0;
}
