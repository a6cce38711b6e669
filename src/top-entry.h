/*
 * top-entry.h: the strings of `headroom top`'s command entry, shared by
 * the main program (which execs src/headroom-top) and headroom-top itself.
 */
#ifndef TOP_ENTRY_H
#define TOP_ENTRY_H

#define TOP_PROGRAM "headroom-top"

#define TOP_USAGE                                                                                  \
	"[--pid PID]... [--name NAME]... [--target N] [--role R] [--user NAME] "                   \
	"[--interval SEC] [--iterations N] [--batch]"

#define TOP_SUMMARY "watch the headroom live"

#endif
