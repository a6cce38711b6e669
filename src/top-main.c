/*
 * top-main.c: main of headroom-top, the live view, which `headroom top`
 * execs. It takes the same arguments as `headroom top` (global options
 * included) and is the only program that links ncurses.
 */
#include "config.h"

#include "cmd.h"

int
main(int argc, char **argv)
{
	cmd_detect_color();
	return cmd_top_entry.exec(argc, argv);
}
