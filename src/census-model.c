/*
 * census-model.c: what every platform's census and its presenters share:
 * the TCP state names (as ss(8) prints them) and the order of listeners.
 * The census itself is the platform's (platform.h; src/linux/census.c).
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "census.h"

static const char *const state_names[CENSUS_STATES] = {
    [CENSUS_UNKNOWN] = "UNKNOWN",
    [CENSUS_ESTABLISHED] = "ESTABLISHED",
    [CENSUS_SYN_SENT] = "SYN-SENT",
    [CENSUS_SYN_RECV] = "SYN-RECV",
    [CENSUS_FIN_WAIT1] = "FIN-WAIT-1",
    [CENSUS_FIN_WAIT2] = "FIN-WAIT-2",
    [CENSUS_TIME_WAIT] = "TIME-WAIT",
    [CENSUS_CLOSE] = "CLOSE",
    [CENSUS_CLOSE_WAIT] = "CLOSE-WAIT",
    [CENSUS_LAST_ACK] = "LAST-ACK",
    [CENSUS_LISTEN] = "LISTEN",
    [CENSUS_CLOSING] = "CLOSING",
    [CENSUS_NEW_SYN_RECV] = "NEW-SYN-RECV",
    [CENSUS_BOUND_INACTIVE] = "BOUND-INACTIVE",
};

const char *
census_state_name(int state)
{
	if (state < 0 || state >= CENSUS_STATES)
		return state_names[CENSUS_UNKNOWN];
	return state_names[state];
}

/* Compare ignoring case, with '_' and '-' the same. */
static bool
state_name_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		int x = *a == '_' ? '-' : tolower((unsigned char)*a);
		int y = *b == '_' ? '-' : tolower((unsigned char)*b);

		if (x != y)
			return false;
	}
	return *a == *b;
}

int
census_state_parse(const char *name)
{
	/* ss(8)'s filter names, where they differ from ours. */
	static const struct {
		const char *name;
		int state;
	} aliases[] = {
	    {"estab", CENSUS_ESTABLISHED},     {"listening", CENSUS_LISTEN},
	    {"close", CENSUS_BOUND_INACTIVE},  {"closed", CENSUS_BOUND_INACTIVE},
	    {"unconn", CENSUS_BOUND_INACTIVE}, {"new-syn-recv", CENSUS_SYN_RECV},
	};
	size_t i;

	for (i = CENSUS_ESTABLISHED; i < CENSUS_STATES; i++) {
		if (i != CENSUS_CLOSE && i != CENSUS_NEW_SYN_RECV &&
		    state_name_eq(name, state_names[i]))
			return (int)i;
	}
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (state_name_eq(name, aliases[i].name))
			return aliases[i].state;
	}
	return -1;
}

int
census_listener_cmp(const void *a, const void *b)
{
	const struct census_listener *la = a, *lb = b;

	if (census_listener_fuller(la, lb))
		return -1;
	if (census_listener_fuller(lb, la))
		return 1;
	/* As full: a stable order whatever the order of the dump. */
	if (la->port != lb->port)
		return la->port < lb->port ? -1 : 1;
	if (la->family != lb->family)
		return la->family < lb->family ? -1 : 1;
	return strcmp(la->addr, lb->addr);
}
