/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The boundary between the EAL's C++ internals and its C API (internal,
 * C++ only). A C entry point whose work may allocate from the C++ library
 * (strings, vectors, std::function) runs that work through nothrow_call():
 * an exception becomes one log line, rte_errno = ENOMEM and the entry
 * point's failure value, so nothing thrown inside ever reaches C code
 * (where it would end the process). The work must leave nothing behind
 * when it throws: locks and resources it holds are released by
 * destructors, or the code that holds them does not allocate
 * (pages_alloc, the heap growth).
 */

#ifndef _EAL_NOTHROW_H_
#define _EAL_NOTHROW_H_

#include <errno.h>

#include <exception>
#include <new>

#include <rte_errno.h>
#include <rte_log.h>

namespace dpkit::eal_detail {

template <typename R, typename Fn>
R
nothrow_call(const char *what, R on_error, Fn &&fn) noexcept
{
	try {
		return fn();
	} catch (const std::bad_alloc &) {
		RTE_LOG(ERR, EAL,
			"%s: out of process memory (malloc failed); free some or "
			"raise the process's memory limit\n",
			what);
	} catch (const std::exception &e) {
		RTE_LOG(ERR, EAL, "%s: internal error: %s\n", what, e.what());
	} catch (...) {
		RTE_LOG(ERR, EAL, "%s: internal error\n", what);
	}
	rte_errno = ENOMEM;
	return on_error;
}

} // namespace dpkit::eal_detail

#endif /* _EAL_NOTHROW_H_ */
