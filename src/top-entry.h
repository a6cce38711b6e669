/*
 * top-entry.h: the strings of `headroom top`'s command entry, shared by
 * the main program (which execs src/headroom-top) and headroom-top itself.
 */
#ifndef TOP_ENTRY_H
#define TOP_ENTRY_H

#define TOP_PROGRAM "headroom-top"

#define TOP_USAGE                                                                                  \
	"[--pid PID]... [--target N] [--role R] [--user NAME] [--interval SEC] "                   \
	"[--iterations N] [--batch]"

#define TOP_SUMMARY "watch the headroom live"

#define TOP_HELP                                                                                   \
	"Options:\n"                                                                               \
	"  -p, --pid PID         watch this process's open fds against its limit\n"                \
	"                        (repeatable, up to 32; `p` adds one live)\n"                      \
	"  -n, --target N        connections to plan for (1..2^31; `t` changes it live)\n"         \
	"  -r, --role ROLE       client, server or both (default)\n"                               \
	"  -u, --user NAME       whose login session limits.conf describes\n"                      \
	"                        (default: SUDO_USER, else the invoking user)\n"                   \
	"  -d, --interval SEC    seconds between refreshes, fractions allowed (default 1)\n"       \
	"  -i, --iterations N    stop after N refreshes\n"                                         \
	"  -b, --batch           print frames as plain text instead of drawing; exits\n"           \
	"                        with the last frame's verdict (0 ok, 1 warn, 2 fail)\n"           \
	"\nKeys: q quit, p add a pid, t set the target, r reset the totals, f freeze,\n"           \
	"h help, arrows/PgUp/PgDn scroll.\n"                                                       \
	"\nExamples:\n"                                                                            \
	"  headroom top --target 10000 --pid $(pidof myserver) --pid $(pidof loadgen)\n"           \
	"  headroom top --batch --interval 5 --iterations 12 >> headroom.log\n"

#endif
