/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * net_af_xdp kernel objects: per queue one UMEM over the rx pool's memory,
 * one AF_XDP socket bound to (iface, start_queue + q), its four rings, and
 * the XDP program that redirects the queue's frames to the socket (libxdp's
 * default object file, or the xdp_prog= file; af_xdp_prog.cpp).
 *
 * The UMEM of a pool made of many chunks: ONE UMEM spans the virtual range
 * from the pool's lowest chunk to the end of its highest, page-aligned (a
 * socket has exactly one UMEM and only one socket may own a device queue,
 * so one UMEM per chunk run would need one queue per run). Cost: the kernel
 * pins, and keeps a page pointer for, every page of the span, including
 * memory between chunks that belongs to other objects; a span that crosses
 * unmapped memory (e.g. chunks in two memseg lists) cannot be pinned and
 * the queue does not start (the line says what to do). With --no-huge the
 * EAL's memory is one mapped area, so any pool in it works, however many
 * chunks it has.
 *
 * Everything is created at dev_start and destroyed at dev_stop, when both
 * descriptor counts are known: the fill ring is as large as the rx ring
 * (nb_rx_desc, rounded up to a power of 2), the completion ring as the tx
 * ring (nb_tx_desc). queue_close() undoes any prefix of queue_open(), so a
 * failure at any step leaves no socket, UMEM, table or mbuf behind.
 */

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <vector>

#include <bpf/libbpf.h>
#include <xdp/libxdp.h>

#include <rte_malloc.h>

#include "af_xdp_private.h"
#include "eal_fault.h"

#ifndef SO_PREFER_BUSY_POLL
#define SO_PREFER_BUSY_POLL 69
#endif
#ifndef SO_BUSY_POLL_BUDGET
#define SO_BUSY_POLL_BUDGET 70
#endif

namespace dpkit::af_xdp {

namespace {

constexpr int busy_poll_usecs = 20;
constexpr int busy_retries = 100;
constexpr useconds_t busy_retry_usecs = 10000;

std::mutex &
umem_lock()
{
	static std::mutex m;
	return m;
}

/* UMEMs other ports may share (shared_umem=1); under umem_lock(). */
std::vector<umem_area *> &
shared_umems()
{
	static std::vector<umem_area *> v;
	return v;
}

struct span {
	uintptr_t lo = UINTPTR_MAX;
	uintptr_t hi = 0;
	unsigned int chunks = 0;
};

void
on_chunk(struct rte_mempool *, void *opaque, struct rte_mempool_memhdr *h, unsigned int)
{
	span *s = static_cast<span *>(opaque);
	uintptr_t a = reinterpret_cast<uintptr_t>(h->addr);
	s->lo = std::min(s->lo, a);
	s->hi = std::max(s->hi, a + h->len);
	s->chunks++;
}

uint32_t
pow2(uint32_t n)
{
	return rte_align32pow2(n == 0 ? default_ring : n);
}

umem_area *
find_shared(struct rte_mempool *mp)
{
	for (umem_area *a : shared_umems())
		if (a->mp == mp)
			return a;
	return nullptr;
}

/* A new UMEM over the span of @p mp, with rq's fill and tq's completion ring. */
int
umem_create(const char *name, port *p, unsigned int q, umem_area **out)
{
	struct rte_mempool *mp = p->pools[q];
	span s;
	rte_mempool_mem_iter(mp, on_chunk, &s);
	const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t base = s.lo & ~(page - 1);
	size_t len = RTE_ALIGN_CEIL(s.hi, page) - base;
	uint32_t chunk = std::min<uint32_t>(rte_pktmbuf_data_room_size(mp), (uint32_t)page);

	auto *a = static_cast<umem_area *>(rte_zmalloc("afxdp_umem", sizeof(umem_area), 0));
	if (a == nullptr) {
		AFX_LOG(ERR, "%s: out of memory for the UMEM of queue %u", name, q);
		return -ENOMEM;
	}
	struct xsk_umem_config cfg = {};
	/* twice the rx ring: the kernel publishes its fill-ring consumer late
	 * (after using every entry it saw), so a ring only as large as what
	 * the kernel may hold would look full while it is short of buffers */
	cfg.fill_size = 2 * pow2(p->nb_rx_desc[q]);
	cfg.comp_size = pow2(p->nb_tx_desc[q]);
	cfg.frame_size = chunk;
	cfg.frame_headroom = 0;
	cfg.flags = XDP_UMEM_UNALIGNED_CHUNK_FLAG;
	int ret = DPKIT_FAULT(SYSCALL) ? -ENOMEM
				       : xsk_umem__create(&a->umem, reinterpret_cast<void *>(base),
							  len, &p->rx[q].fq, &p->tx[q].cq, &cfg);
	if (ret != 0) {
		AFX_LOG(ERR,
			"%s: queue %u: cannot register pool %s (%u chunks, %zu bytes from %p) "
			"as a UMEM: %s%s",
			name, q, mp->name, s.chunks, len, (void *)base, strerror(-ret),
			ret == -EFAULT
				? "; the chunks' span holds unmapped "
				  "memory: use --no-huge, or preallocate with -m/--socket-mem"
			: ret == -ENOMEM || ret == -EPERM
				? "; raise RLIMIT_MEMLOCK (ulimit -l) or run "
				  "with CAP_IPC_LOCK"
				: "");
		rte_free(a);
		return ret;
	}
	a->base = reinterpret_cast<uint8_t *>(base);
	a->len = len;
	a->mp = mp;
	a->chunk = chunk;
	a->refs = 1;
	a->shared = p->shared_umem;
	AFX_LOG(DEBUG, "%s: queue %u: UMEM of %zu bytes over the %u chunks of pool %s", name, q,
		len, s.chunks, mp->name);
	*out = a;
	return 0;
}

int
umem_get(const char *name, port *p, unsigned int q, umem_area **out)
{
	std::lock_guard<std::mutex> g(umem_lock());
	if (p->shared_umem) {
		umem_area *a = find_shared(p->pools[q]);
		if (a != nullptr) {
			a->refs++;
			*out = a;
			AFX_LOG(INFO, "%s: queue %u shares the UMEM of pool %s", name, q,
				a->mp->name);
			return 0;
		}
	}
	int ret = umem_create(name, p, q, out);
	if (ret == 0 && p->shared_umem) {
		try {
			shared_umems().push_back(*out);
		} catch (...) {
			(*out)->shared = false; /* others will not find it; still usable */
		}
	}
	return ret;
}

void
umem_put(umem_area *a)
{
	std::lock_guard<std::mutex> g(umem_lock());
	if (--a->refs != 0)
		return;
	auto &v = shared_umems();
	v.erase(std::remove(v.begin(), v.end(), a), v.end());
	xsk_umem__delete(a->umem);
	rte_free(a);
}

/* Preferred busy polling (kernel >= 5.11); without it, plain polling. */
bool
busy_poll_on(const char *name, int fd, unsigned int q, uint16_t budget)
{
	int one = 1, usecs = busy_poll_usecs, b = budget;
	if (DPKIT_FAULT(SYSCALL) ||
	    setsockopt(fd, SOL_SOCKET, SO_PREFER_BUSY_POLL, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL, &usecs, sizeof(usecs)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_BUSY_POLL_BUDGET, &b, sizeof(b)) < 0) {
		AFX_LOG(INFO, "%s: queue %u: busy polling unavailable (%s); polling without it",
			name, q, strerror(errno));
		return false;
	}
	return true;
}

/* libbpf's and libxdp's messages as DEBUG lines (theirs end in a newline) */
int
lib_line_to_log(const char *fmt, va_list ap)
{
	char line[256];
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	AFX_LOG(DEBUG, "libxdp: %s", line);
	return 0;
}

int
print_to_log(enum libbpf_print_level, const char *fmt, va_list ap)
{
	return lib_line_to_log(fmt, ap);
}

int
print_to_log_xdp(enum libxdp_print_level, const char *fmt, va_list ap)
{
	return lib_line_to_log(fmt, ap);
}

/* The socket of queue @p q on UMEM @p a. */
int
socket_create(const char *name, port *p, unsigned int q)
{
	struct xsk_socket_config cfg = {};
	cfg.rx_size = pow2(p->nb_rx_desc[q]);
	cfg.tx_size = pow2(p->nb_tx_desc[q]);
	cfg.libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD; /* prog_attach() did */
	cfg.bind_flags = XDP_USE_NEED_WAKEUP | (p->force_copy ? XDP_COPY : 0);
	int ret = DPKIT_FAULT(SYSCALL) ? -ENOMEM : -EBUSY;
	/* the kernel frees a closed socket's hold on the queue in a work item,
	 * so a queue closed a moment ago may still be busy: wait for it */
	for (int tries = 0; ret == -EBUSY && tries < busy_retries; tries++) {
		if (tries != 0)
			usleep(busy_retry_usecs);
		ret = xsk_socket__create_shared(&p->xsk[q], p->iface, p->start_queue + q,
						p->umem[q]->umem, &p->rx[q].rx, &p->tx[q].tx,
						&p->rx[q].fq, &p->tx[q].cq, &cfg);
	}
	if (ret != 0) {
		p->xsk[q] = nullptr;
		AFX_LOG(ERR, "%s: cannot create an AF_XDP socket on %s queue %u: %s%s", name,
			p->iface, p->start_queue + q, strerror(-ret),
			ret == -EBUSY   ? "; another socket owns that queue"
			: ret == -EPERM ? "; run as root (CAP_NET_ADMIN, CAP_BPF)"
					: "");
		return ret;
	}
	ret = DPKIT_FAULT(SYSCALL) ? -ENOMEM : xsk_socket__update_xskmap(p->xsk[q], p->xsks_map_fd);
	if (ret != 0) {
		AFX_LOG(ERR, "%s: queue %u: cannot enter the socket in xsks_map of %s: %s", name, q,
			p->prog_path, strerror(-ret));
		return ret;
	}
	struct xdp_options opts = {};
	socklen_t len = sizeof(opts);
	int fd = xsk_socket__fd(p->xsk[q]);
	if (DPKIT_FAULT(SYSCALL) || getsockopt(fd, SOL_XDP, XDP_OPTIONS, &opts, &len) < 0) {
		ret = -errno;
		AFX_LOG(ERR, "%s: queue %u: cannot read the socket's options: %s", name, q,
			strerror(errno));
		return ret;
	}
	p->zero_copy[q] = (opts.flags & XDP_OPTIONS_ZEROCOPY) != 0;
	p->rx[q].fd = p->tx[q].fd = fd;
	p->rx[q].busy_poll = p->busy_budget != 0 && busy_poll_on(name, fd, q, p->busy_budget);
	return 0;
}

} // namespace

void
quiet_libs()
{
	static std::once_flag once;
	std::call_once(once, [] {
		libbpf_set_print(print_to_log);
		libxdp_set_print(print_to_log_xdp);
	});
}

int
queue_open(struct rte_eth_dev *dev, unsigned int q)
{
	const char *name = dev->data->name;
	port *p = priv(dev);
	rxq *rq = &p->rx[q];
	txq *tq = &p->tx[q];
	struct rte_mempool *mp = p->pools[q];
	int socket = dev->data->numa_node;
	if (mp == nullptr) {
		AFX_LOG(ERR, "%s: rx queue %u has no pool; set it up again", name, q);
		return -EINVAL;
	}
	if (mp->populated_size < mp->size) {
		AFX_LOG(ERR,
			"%s: pool %s holds %u of its %u mbufs; populate it fully before "
			"starting the port",
			name, mp->name, mp->populated_size, mp->size);
		return -EINVAL;
	}
	int ret = umem_get(name, p, q, &p->umem[q]);
	if (ret == 0)
		ret = socket_create(name, p, q);
	if (ret == 0)
		ret = owned_init(&rq->owned, rq->fq.size, socket);
	if (ret == 0)
		ret = owned_init(&tq->owned, tq->tx.size, socket);
	if (ret != 0)
		return ret;
	umem_area *a = p->umem[q];
	rq->base = tq->base = a->base;
	rq->mp = tq->mp = mp;
	rq->buf_to_mbuf = (uint32_t)(sizeof(struct rte_mbuf) + rte_pktmbuf_priv_size(mp));
	rq->fill_target = std::min(rq->fq.size / 2, rq->rx.size);
	rq->in_kernel = 0;
	rq->nombuf_owed = 0;
	rq->port_id = dev->data->port_id;
	tq->len = a->len;
	tq->chunk = a->chunk - RTE_PKTMBUF_HEADROOM; /* what a copy into a UMEM mbuf holds */
	if (refill(rq) < rq->fill_target) {
		AFX_LOG(ERR,
			"%s: queue %u: pool %s has %u free mbufs, the fill ring needs %u; "
			"make the pool larger",
			name, q, mp->name, rq->in_kernel, rq->fill_target);
		return -ENOMEM;
	}
	ret = dpkit_eth_dev_mem_region_add(dev, mp, a->base, a->len, DPKIT_ETH_MEM_F_KERNEL);
	if (ret != 0)
		return ret;
	p->region[q] = true;
	rq->live = tq->live = true;
	AFX_LOG(INFO, "%s: queue %u on %s queue %u: %s mode, UMEM %zu bytes over pool %s", name, q,
		p->iface, p->start_queue + q, p->zero_copy[q] ? "zero-copy" : "copy", a->len,
		mp->name);
	return 0;
}

uint64_t
socket_drops(port *p, unsigned int q)
{
	if (p->xsk[q] == nullptr)
		return 0;
	struct xdp_statistics st = {};
	socklen_t len = sizeof(st);
	if (getsockopt(xsk_socket__fd(p->xsk[q]), SOL_XDP, XDP_STATISTICS, &st, &len) < 0)
		return 0;
	return st.rx_dropped + st.rx_ring_full;
}

void
queue_close(struct rte_eth_dev *dev, unsigned int q)
{
	port *p = priv(dev);
	rxq *rq = &p->rx[q];
	txq *tq = &p->tx[q];
	rq->live = tq->live = false;
	if (p->xsk[q] != nullptr) {
		p->kernel_drops[q] += socket_drops(p, q);
		xsk_socket__delete(p->xsk[q]);
		p->xsk[q] = nullptr;
	}
	if (p->umem[q] != nullptr) {
		if (p->region[q])
			dpkit_eth_dev_mem_region_del(dev, p->umem[q]->base, p->umem[q]->len);
		umem_put(p->umem[q]);
		p->umem[q] = nullptr;
	}
	p->region[q] = false;
	/* the kernel has let go of every buffer: give them all back */
	owned_drain(&rq->owned);
	owned_drain(&tq->owned);
	owned_free(&rq->owned);
	owned_free(&tq->owned);
	rq->rx = {};
	rq->fq = {};
	tq->tx = {};
	tq->cq = {};
	rq->in_kernel = 0;
}

} // namespace dpkit::af_xdp
