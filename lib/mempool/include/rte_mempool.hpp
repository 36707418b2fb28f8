/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#pragma once

/**
 * @file
 * C++ layer over rte_mempool.h: a pool handle that frees its pool, typed
 * get/put of spans, ranges over a pool's objects and memory chunks, and a
 * small result type for calls that can fail. Everything here calls the C
 * API; a dpkit::mempool and the rte_mempool * it wraps can be mixed
 * freely. Nothing throws: errors come back as negative errno values, as in
 * the C API.
 *
 *     auto mp = dpkit::mempool::create("pkts", 4095, 2048, 256);
 *     if (!mp) { ...mp.error() is an errno value... }
 *     std::array<packet *, 32> burst;
 *     if (mp->get(std::span(burst)) == 0) { ...; mp->put(std::span(burst)); }
 *     for (const rte_mempool_memhdr &chunk : mp->chunks()) register_dma(chunk);
 */

#include <cstddef>
#include <iterator>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <rte_errno.h>
#include <rte_mempool.h>

namespace dpkit {

/** A value, or an errno value saying why there is none. */
template <typename T>
class result {
public:
	result(T value) : value_(std::move(value)), error_(0) {}
	static result failure(int err) { return result(err, nullptr); }

	bool has_value() const { return error_ == 0; }
	explicit operator bool() const { return has_value(); }
	/** The errno value (positive), 0 when there is a value. */
	int error() const { return error_; }

	T &value() & { return value_; }
	const T &value() const & { return value_; }
	T &&value() && { return std::move(value_); }
	T &operator*() & { return value_; }
	T &&operator*() && { return std::move(value_); }
	T *operator->() { return &value_; }
	const T *operator->() const { return &value_; }
	T value_or(T other) const { return has_value() ? value_ : other; }

private:
	result(int err, std::nullptr_t) : value_(), error_(err) {}
	T value_;
	int error_;
};

namespace mempool_detail {

/* Forward iterator over a pool's objects (elt_list) or chunks (mem_list). */
template <typename Hdr, typename Ref>
class list_iterator {
public:
	using iterator_category = std::forward_iterator_tag;
	using difference_type = std::ptrdiff_t;
	using value_type = std::remove_reference_t<Ref>;

	list_iterator() = default;
	explicit list_iterator(Hdr *h) : h_(h) {}

	Ref operator*() const
	{
		if constexpr (std::is_same_v<Hdr, rte_mempool_objhdr>)
			return static_cast<void *>(h_ + 1); /* the object follows its header */
		else
			return *h_;
	}
	list_iterator &operator++()
	{
		h_ = STAILQ_NEXT(h_, next);
		return *this;
	}
	list_iterator operator++(int)
	{
		list_iterator t = *this;
		++*this;
		return t;
	}
	bool operator==(const list_iterator &o) const { return h_ == o.h_; }

private:
	Hdr *h_ = nullptr;
};

template <typename It, typename Hdr>
class list_range {
public:
	explicit list_range(Hdr *first) : first_(first) {}
	It begin() const { return It(first_); }
	It end() const { return It(nullptr); }

private:
	Hdr *first_;
};

} // namespace mempool_detail

/** Iterates the objects of a pool (void *), in the order they were added. */
using mempool_object_range = mempool_detail::list_range<
	mempool_detail::list_iterator<rte_mempool_objhdr, void *>, rte_mempool_objhdr>;
/** Iterates the memory chunks of a pool (address, IOVA, length). */
using mempool_chunk_range = mempool_detail::list_range<
	mempool_detail::list_iterator<rte_mempool_memhdr, const rte_mempool_memhdr &>,
	rte_mempool_memhdr>;

/** A user-owned cache, for threads that are not EAL lcores. */
class mempool_cache {
public:
	mempool_cache() = default;
	mempool_cache(const mempool_cache &) = delete;
	mempool_cache &operator=(const mempool_cache &) = delete;
	mempool_cache(mempool_cache &&o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
	mempool_cache &operator=(mempool_cache &&o) noexcept
	{
		std::swap(c_, o.c_);
		return *this;
	}
	/** Frees the cache; flush it into its pool first. */
	~mempool_cache() { rte_mempool_cache_free(c_); }

	static result<mempool_cache> create(uint32_t size, int socket_id = SOCKET_ID_ANY)
	{
		rte_mempool_cache *c = rte_mempool_cache_create(size, socket_id);
		if (c == nullptr)
			return result<mempool_cache>::failure(rte_errno);
		return mempool_cache(c);
	}

	rte_mempool_cache *get() const { return c_; }
	uint32_t len() const { return c_ != nullptr ? c_->len : 0; }

private:
	explicit mempool_cache(rte_mempool_cache *c) : c_(c) {}
	rte_mempool_cache *c_ = nullptr;
};

/** Owns a pool: frees it when destroyed. Move-only. */
class mempool {
public:
	mempool() = default;
	/** Take ownership of a pool made with the C API. */
	explicit mempool(rte_mempool *mp) : mp_(mp) {}
	mempool(const mempool &) = delete;
	mempool &operator=(const mempool &) = delete;
	mempool(mempool &&o) noexcept : mp_(std::exchange(o.mp_, nullptr)) {}
	mempool &operator=(mempool &&o) noexcept
	{
		std::swap(mp_, o.mp_);
		return *this;
	}
	~mempool() { rte_mempool_free(mp_); }

	/** rte_mempool_create(): a filled pool. */
	static result<mempool> create(const char *name, unsigned n, unsigned elt_size,
				      unsigned cache_size = 0, unsigned flags = 0,
				      int socket_id = SOCKET_ID_ANY, unsigned private_data_size = 0)
	{
		return wrap(rte_mempool_create(name, n, elt_size, cache_size, private_data_size,
					       nullptr, nullptr, nullptr, nullptr, socket_id,
					       flags));
	}

	/** rte_mempool_create_empty(): a pool to populate. */
	static result<mempool> create_empty(const char *name, unsigned n, unsigned elt_size,
					    unsigned cache_size = 0, unsigned flags = 0,
					    int socket_id = SOCKET_ID_ANY,
					    unsigned private_data_size = 0)
	{
		return wrap(rte_mempool_create_empty(name, n, elt_size, cache_size,
						     private_data_size, socket_id, flags));
	}

	/** Choose the handler; 0 or -errno. */
	int set_ops(const char *ops_name, void *pool_config = nullptr)
	{
		return rte_mempool_set_ops_byname(mp_, ops_name, pool_config);
	}

	/** Objects added, or the errno value. */
	result<unsigned> populate_default() { return count(rte_mempool_populate_default(mp_)); }
	result<unsigned> populate_anon()
	{
		int n = rte_mempool_populate_anon(mp_);
		return n > 0 ? result<unsigned>((unsigned)n) : result<unsigned>::failure(rte_errno);
	}
	result<unsigned> populate_iova(void *addr, rte_iova_t iova, size_t len,
				       rte_mempool_memchunk_free_cb_t *free_cb = nullptr,
				       void *opaque = nullptr)
	{
		return count(rte_mempool_populate_iova(mp_, static_cast<char *>(addr), iova, len,
						       free_cb, opaque));
	}
	result<unsigned> populate_virt(void *addr, size_t len, size_t pg_sz,
				       rte_mempool_memchunk_free_cb_t *free_cb = nullptr,
				       void *opaque = nullptr)
	{
		return count(rte_mempool_populate_virt(mp_, static_cast<char *>(addr), len, pg_sz,
						       free_cb, opaque));
	}

	rte_mempool *get() const { return mp_; }
	rte_mempool *release() { return std::exchange(mp_, nullptr); }
	explicit operator bool() const { return mp_ != nullptr; }

	std::string_view name() const { return mp_->name; }
	unsigned size() const { return mp_->size; }
	unsigned populated() const { return mp_->populated_size; }
	unsigned avail() const { return rte_mempool_avail_count(mp_); }
	unsigned in_use() const { return rte_mempool_in_use_count(mp_); }
	bool full() const { return rte_mempool_full(mp_) != 0; }
	bool empty() const { return rte_mempool_empty(mp_) != 0; }

	/** One object as a T *, or -ENOENT. */
	template <typename T = void>
	result<T *> get_one()
	{
		void *obj;
		if (rte_mempool_get(mp_, &obj) != 0)
			return result<T *>::failure(ENOENT);
		return static_cast<T *>(obj);
	}

	/** Fill @p out with objects, all or none, through the calling lcore's
	 * cache. @return 0 or -ENOENT. */
	template <typename T, size_t E>
	int get(std::span<T *, E> out)
	{
		return get(out, rte_mempool_default_cache(mp_, rte_lcore_id()));
	}
	/** The same through @p cache (nullptr: straight from the store). */
	template <typename T, size_t E>
	int get(std::span<T *, E> out, rte_mempool_cache *cache)
	{
		return rte_mempool_generic_get(mp_, reinterpret_cast<void **>(out.data()),
					       (unsigned)out.size(), cache);
	}
	template <typename T, size_t E>
	int get(std::span<T *, E> out, mempool_cache &cache)
	{
		return get(out, cache.get());
	}

	/** Give objects back through the calling lcore's cache. */
	template <typename T, size_t E>
	void put(std::span<T *, E> objs)
	{
		put(objs, rte_mempool_default_cache(mp_, rte_lcore_id()));
	}
	template <typename T, size_t E>
	void put(std::span<T *const, E> objs)
	{
		put(objs, rte_mempool_default_cache(mp_, rte_lcore_id()));
	}
	/** The same through @p cache (nullptr: straight to the store). */
	template <typename T, size_t E>
	void put(std::span<T *const, E> objs, rte_mempool_cache *cache)
	{
		rte_mempool_generic_put(mp_, reinterpret_cast<void *const *>(objs.data()),
					(unsigned)objs.size(), cache);
	}
	template <typename T, size_t E>
	void put(std::span<T *, E> objs, rte_mempool_cache *cache)
	{
		put(std::span<T *const, E>(objs), cache);
	}
	template <typename T, size_t E>
	void put(std::span<T *, E> objs, mempool_cache &cache)
	{
		put(objs, cache.get());
	}
	template <typename T>
	void put_one(T *obj)
	{
		rte_mempool_put(mp_, static_cast<void *>(obj));
	}

	/** Move a user cache's objects back to the pool. */
	void flush(mempool_cache &cache) { rte_mempool_cache_flush(cache.get(), mp_); }

	mempool_object_range objects() const
	{
		return mempool_object_range(STAILQ_FIRST(&mp_->elt_list));
	}
	mempool_chunk_range chunks() const
	{
		return mempool_chunk_range(STAILQ_FIRST(&mp_->mem_list));
	}

private:
	static result<mempool> wrap(rte_mempool *mp)
	{
		if (mp == nullptr)
			return result<mempool>::failure(rte_errno);
		return mempool(mp);
	}
	static result<unsigned> count(int ret)
	{
		if (ret < 0)
			return result<unsigned>::failure(-ret);
		return (unsigned)ret;
	}
	rte_mempool *mp_ = nullptr;
};

} // namespace dpkit
