/*
 * test-runtime.c: the Go version from crafted .go.buildinfo blobs, which
 * versions raise their own soft nofile limit, and the detection of a
 * process's runtime from a crafted ELF file under a temporary root.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "linux/runtime.h"
#include "tmptree.h"

#define FLAG_VERSION_INLINE 2

/* A .go.buildinfo section start: magic, pointer size, flags, then (with
 * the inline flag) the varint-prefixed version string at offset 32. */
static size_t
buildinfo(unsigned char *buf, size_t size, unsigned char flags, const char *version)
{
	size_t len = strlen(version), off = 32;

	memset(buf, 0, size);
	memcpy(buf, "\xff Go buildinf:", 14);
	buf[14] = 8;
	buf[15] = flags;
	if (len >= 0x80) {
		buf[off++] = (unsigned char)(0x80 | (len & 0x7f));
		buf[off++] = (unsigned char)(len >> 7);
	} else {
		buf[off++] = (unsigned char)len;
	}
	memcpy(buf + off, version, len);
	return off + len;
}

static void
inline_version(void **state)
{
	unsigned char buf[256];
	char out[32];
	size_t len;

	(void)state;
	len = buildinfo(buf, sizeof(buf), FLAG_VERSION_INLINE, "go1.21.3");
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), 0);
	assert_string_equal(out, "go1.21.3");
	/* Exactly the bytes of the version are enough. */
	assert_int_equal(runtime_go_version(buf, len, out, sizeof(out)), 0);
	assert_string_equal(out, "go1.21.3");
	/* Big-endian flag set as well: still inline. */
	buildinfo(buf, sizeof(buf), FLAG_VERSION_INLINE | 1, "go1.19");
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), 0);
	assert_string_equal(out, "go1.19");
}

static void
pointer_format(void **state)
{
	unsigned char buf[64];
	char out[32];

	(void)state;
	/* Go < 1.18 stores pointers to the version, not the string. */
	buildinfo(buf, sizeof(buf), 0, "");
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), 0);
	assert_string_equal(out, "go<1.18");
	assert_false(runtime_go_raises_soft(out));
}

static void
truncated_or_foreign(void **state)
{
	unsigned char buf[128];
	char out[32], small[6];
	size_t len;

	(void)state;
	len = buildinfo(buf, sizeof(buf), FLAG_VERSION_INLINE, "go1.22.1");
	/* The string runs past the end of what was read. */
	assert_int_equal(runtime_go_version(buf, len - 1, out, sizeof(out)), -EINVAL);
	assert_int_equal(runtime_go_version(buf, 33, out, sizeof(out)), -EINVAL);
	assert_int_equal(runtime_go_version(buf, 32, out, sizeof(out)), -EINVAL);
	assert_int_equal(runtime_go_version(buf, 0, out, sizeof(out)), -EINVAL);
	/* The caller's buffer is too small for the version. */
	assert_int_equal(runtime_go_version(buf, sizeof(buf), small, sizeof(small)), -EINVAL);
	/* Wrong magic. */
	buf[1] = 'g';
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), -EINVAL);
	/* An empty or non-Go version string. */
	buildinfo(buf, sizeof(buf), FLAG_VERSION_INLINE, "");
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), -EINVAL);
	buildinfo(buf, sizeof(buf), FLAG_VERSION_INLINE, "rust1.70");
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), -EINVAL);
	/* A varint that never ends. */
	buildinfo(buf, sizeof(buf), FLAG_VERSION_INLINE, "");
	memset(buf + 32, 0xff, sizeof(buf) - 32);
	assert_int_equal(runtime_go_version(buf, sizeof(buf), out, sizeof(out)), -EINVAL);
}

static void
raises_soft(void **state)
{
	(void)state;
	assert_false(runtime_go_raises_soft("go1.18"));
	assert_false(runtime_go_raises_soft("go1.18.10"));
	assert_false(runtime_go_raises_soft("go1.9"));
	assert_true(runtime_go_raises_soft("go1.19"));
	assert_true(runtime_go_raises_soft("go1.19rc1"));
	assert_true(runtime_go_raises_soft("go1.21.3"));
	assert_true(runtime_go_raises_soft("go1.100"));
	assert_true(runtime_go_raises_soft("go2.0"));
	assert_false(runtime_go_raises_soft("go"));
	assert_false(runtime_go_raises_soft("node"));
	assert_false(runtime_go_raises_soft(""));
}

/* A minimal ELF64 file: sections null, .shstrtab, .go.buildinfo. */
static size_t
go_elf(unsigned char *file, size_t size, const char *version)
{
	static const char names[] = "\0.shstrtab\0.go.buildinfo";
	const size_t strtab_off = 64, info_off = 128, sh_off = 512;
	Elf64_Ehdr eh = {0};
	Elf64_Shdr sh[3] = {{0}};

	assert_true(size >= sh_off + sizeof(sh));
	memset(file, 0, size);
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	eh.e_shoff = sh_off;
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = 3;
	eh.e_shstrndx = 1;
	sh[1].sh_name = 1;
	sh[1].sh_type = SHT_STRTAB;
	sh[1].sh_offset = strtab_off;
	sh[1].sh_size = sizeof(names);
	sh[2].sh_name = 11;
	sh[2].sh_type = SHT_PROGBITS;
	sh[2].sh_offset = info_off;
	sh[2].sh_size = 256;
	memcpy(file, &eh, sizeof(eh));
	memcpy(file + strtab_off, names, sizeof(names));
	buildinfo(file + info_off, 256, FLAG_VERSION_INLINE, version);
	memcpy(file + sh_off, sh, sizeof(sh));
	return sh_off + sizeof(sh);
}

static void
detect_from_exe(void **state)
{
	unsigned char file[1024];
	struct runtime_info info;
	size_t len;

	(void)state;
	assert_non_null(tmptree_make());
	len = go_elf(file, sizeof(file), "go1.22.5");
	assert_int_equal(tmptree_write_bytes("/proc/4242/exe", file, len), 0);
	runtime_detect(4242, "server", &info);
	assert_string_equal(info.name, "go1.22.5");
	assert_true(info.raises_soft);

	len = go_elf(file, sizeof(file), "go1.17.13");
	assert_int_equal(tmptree_write_bytes("/proc/4243/exe", file, len), 0);
	runtime_detect(4243, "legacy", &info);
	assert_string_equal(info.name, "go1.17.13");
	assert_false(info.raises_soft);

	/* Not Go: a file without the section, and one that is no ELF. */
	len = go_elf(file, sizeof(file), "go1.22.5");
	memcpy(file + 64 + 11, ".rodata\0\0\0\0\0\0", 13);
	assert_int_equal(tmptree_write_bytes("/proc/4244/exe", file, len), 0);
	runtime_detect(4244, "nginx", &info);
	assert_string_equal(info.name, "");
	assert_false(info.raises_soft);
	assert_int_equal(tmptree_write("/proc/4245/exe", "#!/bin/sh\n"), 0);
	runtime_detect(4245, "sh", &info);
	assert_false(info.raises_soft);
	/* A vanished process. */
	runtime_detect(4246, "gone", &info);
	assert_false(info.raises_soft);

	/* Node.js is known by its name; its exe is not read. */
	runtime_detect(4247, "node", &info);
	assert_string_equal(info.name, "node");
	assert_true(info.raises_soft);
	tmptree_remove();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(inline_version),	    cmocka_unit_test(pointer_format),
	    cmocka_unit_test(truncated_or_foreign), cmocka_unit_test(raises_soft),
	    cmocka_unit_test(detect_from_exe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
