/*
 * parse.h: pure parsers for the kernel's text files. Each takes the file's
 * content in a buffer, so tests feed them recorded files; none touches the
 * file system.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>
#include <stddef.h>

/*
 * A whole decimal integer in [min, max]: an optional '-' and digits, the
 * whole string, no blanks, no '+', no base prefix. Returns 0, -EINVAL when
 * s is not such a number, -ERANGE when it is outside [min, max]. The one
 * range-checked number parser: command options, profiles, /proc values.
 */
int parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* The value of one hexadecimal digit, or -1 when c is not one. */
int parse_hex_digit(char c);

/* A value that may be "unlimited"; LAYER_UNLIMITED then. */
struct rlimit_pair {
	int64_t soft;
	int64_t hard;
};

/* /proc/PID/limits: the row whose name starts with `row` ("Max open files").
 * Returns 0, or -ENOENT when the row is missing, -EINVAL when malformed. */
int parse_proc_limits(const char *text, const char *row, struct rlimit_pair *out);

/* "Key:   value ..." files (/proc/meminfo, /proc/PID/status): the first
 * number after "key:". meminfo values are in kB, returned as is. */
int parse_keyed_i64(const char *text, const char *key, int64_t *out);

/* /proc/net/netstat and /proc/net/snmp: a header line "Proto: name ..."
 * followed by a value line "Proto: v ...". */
int parse_netstat(const char *text, const char *proto, const char *name, int64_t *out);

/* /proc/net/sockstat: "TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1". */
int parse_sockstat(const char *text, const char *proto, const char *name, int64_t *out);

/* /proc/slabinfo: objsize of cache `name`; -ENOENT when not listed. */
int parse_slab_objsize(const char *text, const char *name, int64_t *out);

/* Whitespace-separated integers ("32768\t60999", tcp_mem): fills up to
 * max values, returns how many were read or -EINVAL. */
int parse_i64_list(const char *text, int64_t *values, int max);

/* ip_local_reserved_ports ("8080,9000-9010"): how many of them fall in
 * [lo, hi]. Returns the count or -EINVAL. */
int64_t parse_reserved_ports(const char *text, int64_t lo, int64_t hi);

/* A limit value: a number, or "max"/"unlimited"/"infinity" (LAYER_UNLIMITED). */
int parse_limit_value(const char *text, int64_t *out);

#endif
