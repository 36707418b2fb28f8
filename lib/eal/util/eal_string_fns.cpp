/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* String helpers of rte_string_fns.h and rte_str_to_size() of rte_common.h. */

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_string_fns.h>

#include "eal_log_macros.h"

int
rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens, char delim)
{
	if (string == nullptr || tokens == nullptr) {
		EAL_LOG(ERR, "rte_strsplit: %s is NULL; pass a string and a token array",
			string == nullptr ? "string" : "tokens");
		errno = EINVAL;
		rte_errno = EINVAL;
		return -1;
	}

	int count = 0;
	bool at_token_start = true;
	for (int i = 0; i < stringlen && string[i] != '\0' && count < maxtokens; i++) {
		if (at_token_start) {
			tokens[count++] = &string[i];
			at_token_start = false;
		}
		if (string[i] == delim) {
			string[i] = '\0';
			at_token_start = true;
		}
	}
	return count;
}

ssize_t
rte_strscpy(char *dst, const char *src, size_t dsize)
{
	size_t i;

	for (i = 0; i < dsize; i++) {
		dst[i] = src[i];
		if (src[i] == '\0')
			return (ssize_t)i;
	}
	/* src did not fit: keep what fits, terminated */
	if (dsize != 0)
		dst[dsize - 1] = '\0';
	rte_errno = E2BIG;
	return -E2BIG;
}

uint64_t
rte_str_to_size(const char *str)
{
	if (str == nullptr)
		return 0;
	while (isspace((unsigned char)*str))
		str++;
	/* strtoull would silently wrap a negative number */
	if (*str == '-' || !isdigit((unsigned char)*str))
		return 0;

	char *end;
	errno = 0;
	unsigned long long size = strtoull(str, &end, 0);
	if (errno != 0)
		return 0;
	if (*end == ' ') /* "512 M" is accepted too */
		end++;

	unsigned int shift = 0;
	switch (toupper((unsigned char)*end)) {
	case 'E': shift = 60; break;
	case 'P': shift = 50; break;
	case 'T': shift = 40; break;
	case 'G': shift = 30; break;
	case 'M': shift = 20; break;
	case 'K': shift = 10; break;
	default: break;
	}
	/* a size that does not fit in 64 bits is not a size */
	if (shift != 0 && size > (UINT64_MAX >> shift))
		return 0;
	return (uint64_t)size << shift;
}
