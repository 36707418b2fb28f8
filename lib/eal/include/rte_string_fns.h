/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/**
 * @file
 * Bounded string copies and a tokenizer.
 *
 * rte_strlcpy / rte_strlcat follow BSD strlcpy/strlcat: they always
 * NUL-terminate (given room for at least the NUL) and return the length
 * the result would have had, so "ret >= size" means "truncated".
 * rte_strscpy returns what was copied or -E2BIG, which reads better in
 * code that must fail on truncation. glibc before 2.38 has no strlcpy, so
 * strlcpy/strlcat are defined here as the rte_ versions, as DPDK does.
 */

#ifndef _RTE_STRING_FNS_H_
#define _RTE_STRING_FNS_H_

#pragma GCC visibility push(default)

#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Split @p string in place at each @p delim, at most maxtokens - 1 times:
 * every delimiter found becomes a NUL and tokens[] receives the start of
 * each piece. Empty pieces count ("a,,b" gives "a", "", "b"); a delimiter
 * at the very end does not start a last empty piece. Scanning stops at a
 * NUL or after @p stringlen bytes.
 * @return the number of tokens stored, or -1 with errno = EINVAL when
 *   @p string or @p tokens is NULL.
 */
int rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens, char delim);

/**
 * Copy @p src into @p dst of @p size bytes, truncating if needed; @p dst is
 * NUL-terminated when size > 0.
 * @return strlen(src): a value >= size means the copy was truncated.
 */
static inline size_t
rte_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size != 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/**
 * Append @p src to the string in @p dst (a buffer of @p size bytes),
 * truncating if needed; the result is NUL-terminated when dst had a NUL
 * within its first @p size bytes.
 * @return the length the concatenation would have: >= size means truncated.
 */
static inline size_t
rte_strlcat(char *dst, const char *src, size_t size)
{
	size_t used = 0;

	/* strnlen is POSIX, not C11: measure by hand to stay portable */
	while (used < size && dst[used] != '\0')
		used++;
	if (used == size) /* no terminator in the buffer: nothing to append to */
		return size + strlen(src);
	return used + rte_strlcpy(dst + used, src, size - used);
}

#ifndef strlcpy
#define strlcpy(dst, src, size) rte_strlcpy(dst, src, size)
#endif
#ifndef strlcat
#define strlcat(dst, src, size) rte_strlcat(dst, src, size)
#endif

/**
 * Copy @p src into @p dst of @p dsize bytes; at most dsize - 1 characters
 * are copied and dst is NUL-terminated unless dsize is 0.
 * @return the number of characters copied (NUL excluded), or -E2BIG (with
 *   rte_errno = E2BIG) when src did not fit; dst then holds the truncated
 *   string.
 */
ssize_t rte_strscpy(char *dst, const char *src, size_t dsize);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif /* _RTE_STRING_FNS_H_ */
