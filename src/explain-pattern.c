/*
 * explain-pattern.c: compile and match catalogue patterns (see
 * explain-pattern.h for the language).
 *
 * Bit i of the state is set when the first i+1 positions of the pattern
 * match text ending at the current byte. Per byte:
 *   advance: (state << 1 | 1) & accept[byte]   (1: a match may start anywhere)
 *   repeat:  state & repeat & accept[byte]     (# and @ take more bytes)
 *   gap:     state & gap                       (* lets any byte pass)
 * The line is framed by a virtual '\n' on each side, which only a ~
 * position accepts: that is how ~ matches at the start and end of a line.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "explain-pattern.h"

enum position_kind {
	POS_LITERAL,
	POS_DIGITS,
	POS_TOKEN,
	POS_BOUNDARY,
};

static bool
is_word_byte(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static void
accept_position(struct explain_pattern *p, unsigned bit, enum position_kind kind, unsigned char lit)
{
	uint64_t mask = (uint64_t)1 << bit;
	unsigned c;

	switch (kind) {
	case POS_LITERAL:
		/* the byte and its other ASCII case */
		p->accept[lit] |= mask;
		if (lit >= 'A' && lit <= 'Z')
			p->accept[lit + ('a' - 'A')] |= mask;
		else if (lit >= 'a' && lit <= 'z')
			p->accept[lit - ('a' - 'A')] |= mask;
		return;
	case POS_DIGITS:
		for (c = '0'; c <= '9'; c++)
			p->accept[c] |= mask;
		break;
	case POS_TOKEN:
		for (c = 0; c < 256; c++) {
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				p->accept[c] |= mask;
		}
		break;
	case POS_BOUNDARY:
		for (c = 0; c < 256; c++) {
			if (!is_word_byte(c))
				p->accept[c] |= mask;
		}
		return;
	}
	p->repeat |= mask;
}

/* Track the longest run of literal positions: the prefilter's anchor. On a
 * tie the later run wins: in an error message the specific words tend to
 * come last ("Error: @ EMFILE" anchors on " emfile", not "error: "). */
struct run {
	char text[EXPLAIN_PATTERN_POSITIONS + 1];
	size_t len;
};

static void
run_end(struct explain_pattern *p, struct run *run)
{
	if (run->len >= p->anchor_len && run->len > 0) {
		memcpy(p->anchor, run->text, run->len);
		p->anchor[run->len] = '\0';
		p->anchor_len = run->len;
	}
	run->len = 0;
}

int
explain_pattern_compile(struct explain_pattern *p, const char *text, char *cause, size_t causelen)
{
	struct run run = {.len = 0};
	unsigned npos = 0;
	const char *s;

	memset(p, 0, sizeof(*p));
	for (s = text; *s != '\0'; s++) {
		enum position_kind kind = POS_LITERAL;
		unsigned char lit = (unsigned char)*s;

		if (*s == '*') {
			run_end(p, &run);
			if (npos > 0)
				p->gap |= (uint64_t)1 << (npos - 1);
			continue;
		}
		if (*s == '#' || *s == '@' || *s == '~') {
			kind = *s == '#' ? POS_DIGITS : *s == '@' ? POS_TOKEN : POS_BOUNDARY;
			run_end(p, &run);
		} else if (*s == '\\') {
			if (*++s == '\0') {
				snprintf(cause, causelen, "pattern '%s': '\\' at the end", text);
				return -EINVAL;
			}
			lit = (unsigned char)*s;
		}
		if (npos == EXPLAIN_PATTERN_POSITIONS) {
			snprintf(cause, causelen, "pattern '%s': longer than %d positions", text,
				 EXPLAIN_PATTERN_POSITIONS);
			return -EINVAL;
		}
		accept_position(p, npos, kind, lit);
		if (kind == POS_LITERAL)
			run.text[run.len++] = (char)explain_fold(lit);
		npos++;
	}
	run_end(p, &run);
	if (npos == 0) {
		snprintf(cause, causelen, "pattern '%s': empty", text);
		return -EINVAL;
	}
	/* A trailing '*' asks for nothing: a match ends at the last position. */
	p->gap &= ~((uint64_t)1 << (npos - 1));
	p->final = (uint64_t)1 << (npos - 1);
	if (p->anchor_len < EXPLAIN_ANCHOR_MIN) {
		snprintf(cause, causelen,
			 "pattern '%s': needs a literal run of at least %d characters", text,
			 EXPLAIN_ANCHOR_MIN);
		return -EINVAL;
	}
	return 0;
}

static inline uint64_t
step(const struct explain_pattern *p, uint64_t state, unsigned char c)
{
	uint64_t acc = p->accept[c];

	return (((state << 1) | 1) & acc) | (state & p->repeat & acc) | (state & p->gap);
}

bool
explain_pattern_match(const struct explain_pattern *p, const char *line, size_t len)
{
	const unsigned char *s = (const unsigned char *)line;
	uint64_t state = step(p, 0, '\n');
	size_t i;

	for (i = 0; i < len; i++) {
		state = step(p, state, s[i]);
		if (state & p->final)
			return true;
	}
	return (step(p, state, '\n') & p->final) != 0;
}

int
explain_pattern_to_ere(const char *text, char *out, size_t outlen)
{
	size_t n = 0;
	const char *s;

	for (s = text; *s != '\0'; s++) {
		const char *piece;
		char lit[3] = {0};

		if (*s == '*') {
			piece = ".*";
		} else if (*s == '#') {
			piece = "[0-9]+";
		} else if (*s == '@') {
			piece = "[^ \t]+";
		} else if (*s == '~') {
			piece = "([^[:alnum:]_]|^|$)";
		} else {
			if (*s == '\\' && s[1] != '\0')
				s++;
			if (strchr("\\^$.[]|()*+?{}", *s) != NULL) {
				lit[0] = '\\';
				lit[1] = *s;
			} else {
				lit[0] = *s;
			}
			piece = lit;
		}
		if (n + strlen(piece) >= outlen)
			return -ENOSPC;
		memcpy(out + n, piece, strlen(piece));
		n += strlen(piece);
	}
	out[n] = '\0';
	return 0;
}
