/*
 * fuzz-goversion (Linux): the Go build information read from a server's
 * executable (runtime_go_version: the buildinfo magic, pointer sizes and
 * varint-prefixed strings), and whether that version raises its own soft
 * nofile limit.
 */
#include "config.h"

#include "fuzz.h"
#include "linux/runtime.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char version[64];

	if (runtime_go_version(data, size, version, sizeof(version)) == 0)
		runtime_go_raises_soft(version);
	runtime_go_version(data, size, version, 4);
	return 0;
}
