/*
 * fuzz.h: what the fuzz harnesses share. Each tests/fuzz/fuzz-NAME.c
 * defines LLVMFuzzerTestOneInput for one parser; `make fuzz` links it with
 * libFuzzer (clang), and tests/fuzz/replay.c turns the same file into a
 * plain program that make check runs on the seeds and on the regression
 * inputs (tests/fuzz/regress/NAME/), with any compiler.
 *
 * An input that feeds several files is split on NUL bytes: no text parser
 * sees a NUL inside a file, so the split costs the fuzzer nothing.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

#define FUZZ_PARTS_MAX 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The input split on NUL into up to FUZZ_PARTS_MAX NUL-terminated parts
 * (the last holds the rest, NULs and all, cut at its first NUL when read
 * as a string). n is at least 1. */
struct fuzz_parts {
	char *part[FUZZ_PARTS_MAX];
	size_t len[FUZZ_PARTS_MAX];
	size_t n;
	char *buf;
};

void fuzz_split(const uint8_t *data, size_t size, struct fuzz_parts *p);
void fuzz_parts_free(struct fuzz_parts *p);
/* Part i, or "" when the input has fewer parts. */
const char *fuzz_part(const struct fuzz_parts *p, size_t i);

/* A private scratch root (under $TMPDIR), made once and selected with
 * rootfs_init; removed at exit. */
const char *fuzz_root(void);
/* Write (or, with text NULL, remove) an absolute path under the root,
 * making its directories. Aborts on failure: a harness that cannot set
 * up its input tests nothing. */
void fuzz_put(const char *path, const char *text, size_t len);

/* Part i as DIR/iSUFFIX ("/f/0.conf", "/f/1.conf", ...) for every part,
 * and no such file for the parts the input lacks. */
void fuzz_put_parts(const struct fuzz_parts *p, const char *dir, const char *suffix);

#endif
