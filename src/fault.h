/*
 * fault.h: fault injection for the tests of the apply transaction.
 *
 * HEADROOM_FAULT="fail=N" makes the Nth change to the system (a sysctl
 * write, a file replaced or removed, a directory made or removed) fail
 * with EIO before it happens; "kill=N" kills the process with SIGKILL
 * right after the Nth change, as a power cut or an OOM kill would;
 * "midkill=N" kills it inside the Nth change (a file's temp file written,
 * not yet renamed; a live sysctl opened, not yet written). Unset,
 * both calls do nothing.
 */
#ifndef FAULT_H
#define FAULT_H

#include <stddef.h>

/* Call before each change; -EIO (with cause) when this one must fail. */
int fault_before_change(const char *what, char *cause, size_t causelen);
/* Call after each change that succeeded. */
void fault_after_change(void);
/* Call inside a change, where a kill would leave it half made. */
void fault_mid_change(void);

#endif
