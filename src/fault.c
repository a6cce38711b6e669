/*
 * fault.c: HEADROOM_FAULT, read once; see fault.h.
 */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fault.h"

static struct {
	bool loaded;
	long fail_at; /* 0: never */
	long kill_at;
	long mid_at;  /* kill inside change N: after its temp file, before the rename */
	long changes; /* changes attempted so far */
} fault;

static void
fault_load(void)
{
	const char *spec = getenv("HEADROOM_FAULT");

	fault.loaded = true;
	if (spec == NULL)
		return;
	if (strncmp(spec, "fail=", 5) == 0)
		fault.fail_at = strtol(spec + 5, NULL, 10);
	else if (strncmp(spec, "kill=", 5) == 0)
		fault.kill_at = strtol(spec + 5, NULL, 10);
	else if (strncmp(spec, "midkill=", 8) == 0)
		fault.mid_at = strtol(spec + 8, NULL, 10);
}

int
fault_before_change(const char *what, char *cause, size_t causelen)
{
	if (!fault.loaded)
		fault_load();
	fault.changes++;
	if (fault.fail_at > 0 && fault.changes == fault.fail_at) {
		snprintf(cause, causelen, "%s: injected failure (HEADROOM_FAULT=fail=%ld)", what,
			 fault.fail_at);
		return -EIO;
	}
	return 0;
}

void
fault_after_change(void)
{
	if (fault.kill_at > 0 && fault.changes == fault.kill_at)
		raise(SIGKILL);
}

void
fault_mid_change(void)
{
	if (fault.mid_at > 0 && fault.changes == fault.mid_at)
		raise(SIGKILL);
}
