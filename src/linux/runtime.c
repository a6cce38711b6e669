/*
 * runtime.c: recognise runtimes that raise their own soft nofile limit.
 * A Go binary carries a .go.buildinfo section holding its version; it is
 * found through the ELF section headers so nothing large is read.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rootfs.h"
#include "runtime.h"

static const char go_magic[] = "\xff Go buildinf:";

int
runtime_go_version(const unsigned char *buf, size_t len, char *out, size_t size)
{
	size_t vlen, shift = 0, i = 32;

	if (len < 33 || memcmp(buf, go_magic, 14) != 0)
		return -EINVAL;
	/* Go >= 1.18 stores the version inline (flag bit 2) as a varint-prefixed
	 * string at offset 32; older binaries store pointers: report "go<1.18". */
	if ((buf[15] & 2) == 0) {
		snprintf(out, size, "go<1.18");
		return 0;
	}
	vlen = 0;
	while (i < len) {
		vlen |= (size_t)(buf[i] & 0x7f) << shift;
		if ((buf[i++] & 0x80) == 0)
			break;
		shift += 7;
		if (shift > 28)
			return -EINVAL;
	}
	if (vlen == 0 || vlen >= size || i + vlen > len)
		return -EINVAL;
	memcpy(out, buf + i, vlen);
	out[vlen] = '\0';
	return strncmp(out, "go", 2) == 0 ? 0 : -EINVAL;
}

bool
runtime_go_raises_soft(const char *version)
{
	int major = 0, minor = 0;

	if (sscanf(version, "go%d.%d", &major, &minor) != 2)
		return false;
	return major > 1 || (major == 1 && minor >= 19);
}

static int
read_at(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n = pread(fd, buf, len, off);

	return n == (ssize_t)len ? 0 : -EIO;
}

/* Find .go.buildinfo in an ELF64 file and read the start of it. */
static int
go_buildinfo(int fd, unsigned char *buf, size_t len)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strsh;
	char name[16];
	int i;

	if (read_at(fd, &eh, sizeof(eh), 0) < 0 || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    eh.e_shstrndx >= eh.e_shnum || eh.e_shnum > 4096)
		return -EINVAL;
	if (read_at(fd, &strsh, sizeof(strsh), (off_t)(eh.e_shoff + eh.e_shstrndx * sizeof(sh))) <
	    0)
		return -EIO;
	for (i = 0; i < eh.e_shnum; i++) {
		if (read_at(fd, &sh, sizeof(sh), (off_t)(eh.e_shoff + (size_t)i * sizeof(sh))) < 0)
			return -EIO;
		if (sh.sh_name >= strsh.sh_size ||
		    pread(fd, name, sizeof(name), (off_t)(strsh.sh_offset + sh.sh_name)) <= 0)
			continue;
		name[sizeof(name) - 1] = '\0';
		if (strcmp(name, ".go.buildinfo") == 0)
			return read_at(fd, buf, len, (off_t)sh.sh_offset);
	}
	return -ENOENT;
}

bool
runtime_is_node(const char *comm)
{
	return strcmp(comm, "node") == 0 || strcmp(comm, "nodejs") == 0;
}

void
runtime_detect(pid_t pid, const char *comm, struct runtime_info *info)
{
	unsigned char buf[96];
	char path[64];
	int fd;

	info->raises_soft = false;
	info->name[0] = '\0';
	if (runtime_is_node(comm)) {
		snprintf(info->name, sizeof(info->name), "node");
		info->raises_soft = true;
		return;
	}
	/* HotSpot raises the soft limit to the hard one at start-up unless
	 * started with -XX:-MaxFDLimit (on by default on Linux). */
	if (strcmp(comm, "java") == 0) {
		snprintf(info->name, sizeof(info->name), "java");
		info->raises_soft = true;
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	fd = rootfs_open(path, O_RDONLY);
	if (fd < 0)
		return;
	if (go_buildinfo(fd, buf, sizeof(buf)) == 0 &&
	    runtime_go_version(buf, sizeof(buf), info->name, sizeof(info->name)) == 0)
		info->raises_soft = runtime_go_raises_soft(info->name);
	close(fd);
}
