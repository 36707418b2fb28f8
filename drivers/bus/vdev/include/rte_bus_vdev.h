/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

#ifndef RTE_VDEV_H
#define RTE_VDEV_H

#pragma GCC visibility push(default)

/**
 * @file
 * The virtual device bus: devices that exist only in software, named after
 * their driver ("net_null0" is driven by net_null, "net_ring_a" by
 * net_ring). They come from `--vdev 'name[,key=value...]'` options, probed
 * at the end of rte_eal_init() (an unknown driver or a bad argument makes
 * rte_eal_init() fail with one line naming the device and the argument),
 * or from rte_vdev_init() at run time.
 */

#ifdef __cplusplus
extern "C" {
#endif

/** A function run at every vdev bus scan, before the --vdev list is read. */
typedef void (*rte_vdev_scan_callback)(void *user_arg);

/**
 * Run @p callback(@p user_arg) at every scan of the vdev bus (rte_eal_init()
 * and later rte_bus_scan() calls). The callback may create devices with
 * rte_vdev_init(). Not callable from inside a scan callback.
 * @return 0 (also when already added); -EINVAL for a NULL callback;
 *   -ENOMEM.
 */
int rte_vdev_add_custom_scan(rte_vdev_scan_callback callback, void *user_arg);

/**
 * Remove a scan callback; @p user_arg (void *)-1 matches any argument.
 * Not callable from inside a scan callback.
 * @return 0 when at least one was removed; -ENOENT when none matched.
 */
int rte_vdev_remove_custom_scan(rte_vdev_scan_callback callback, void *user_arg);

/**
 * Create virtual device @p name with driver arguments @p args (NULL or ""
 * for none) and probe it.
 * @return 0 on success; -EINVAL: empty or too long name, or no driver name
 *   is a prefix of it; -EEXIST: a device of that name exists; other
 *   negative errno: the driver refused (it logged why, e.g. a bad argument).
 */
int rte_vdev_init(const char *name, const char *args);

/**
 * Remove virtual device @p name; its driver closes its ports.
 * @return 0 on success; -EINVAL for NULL; -ENOENT: no such device; other
 *   negative errno from the driver (the device then stays).
 */
int rte_vdev_uninit(const char *name);

#ifdef __cplusplus
}
#endif

#pragma GCC visibility pop

#endif
