/*
 * term.c: the terminal's width (platform.h), the same ioctl on every
 * platform headroom runs on; it lives behind the platform interface only
 * because <sys/ioctl.h> is not POSIX.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include "platform.h"

int
platform_term_width(int fd)
{
	struct winsize ws;

	if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}
