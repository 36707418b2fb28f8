/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * The runtime directory holds this process's files, named by --file-prefix:
 * /var/run/dpdk/<prefix> for root, $XDG_RUNTIME_DIR/dpdk/<prefix> (or
 * /tmp/dpdk/<prefix>) for other users, as in DPDK. Its "config" file carries
 * a write lock for as long as the EAL runs: that lock is how a second process
 * with the same prefix (which would share hugepage file names) is refused,
 * and what rte_eal_primary_proc_alive() tests (this process included).
 * A secondary (--proc-type secondary, or auto finding the lock held) only
 * checks that a primary holds that lock and creates nothing but its socket.
 * With --in-memory or --no-shconf nothing is created and the process is a
 * primary.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include <rte_eal.h>
#include <rte_log.h>

#include "eal_core_private.h"
#include "eal_log_macros.h"
#include "eal_mp_private.h"

namespace dpkit::eal_detail {

namespace {

int config_fd = -1;
std::string config_path;
bool dir_created = false;

std::string
base_dir()
{
	if (geteuid() == 0)
		return "/var/run/dpdk";
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	return std::string(xdg != nullptr && xdg[0] != '\0' ? xdg : "/tmp") + "/dpdk";
}

/* mkdir that accepts an existing directory */
int
make_dir(const std::string &path)
{
	if (mkdir(path.c_str(), 0700) == 0)
		return 0;
	struct stat st;
	if (errno == EEXIST && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	int err = errno == EEXIST ? ENOTDIR : errno;
	EAL_LOG(ERR,
		"cannot create runtime directory %s: %s; check its parent's "
		"permissions or use --in-memory",
		path.c_str(), strerror(err));
	return -err;
}

/* Whole-file write lock request/test. Open-file-description locks, unlike
 * classic POSIX ones, survive the process opening and closing the same file
 * elsewhere (as rte_eal_primary_proc_alive() does), and a probe from this
 * process sees its own lock. */
struct flock
whole_file_lock(short type)
{
	struct flock l;
	memset(&l, 0, sizeof(l));
	l.l_type = type;
	l.l_whence = SEEK_SET;
	return l;
}

/* A secondary needs a live primary: one holding the config file's lock. */
int
attach_secondary()
{
	internal_config &c = config();
	std::string path = c.runtime_dir + "/config";
	if (!rte_eal_primary_proc_alive(path.c_str())) {
		RTE_LOG(ERR, EAL,
			"--proc-type secondary: no primary process runs with "
			"--file-prefix %s (%s is %s); start the primary first\n",
			c.hugefile_prefix.c_str(), path.c_str(),
			access(path.c_str(), F_OK) == 0 ? "not locked" : "missing");
		return -ENOENT;
	}
	c.process_type = RTE_PROC_SECONDARY;
	/* memory_init() maps the primary's memory; this process makes none */
	c.hugepage_dir.clear();
	return 0;
}

} // namespace

int
runtime_dir_create()
{
	internal_config &c = config();
	c.runtime_dir = base_dir() + "/" + c.hugefile_prefix;
	if (c.no_shconf) {
		if (c.process_type == RTE_PROC_SECONDARY) {
			RTE_LOG(ERR, EAL,
				"--proc-type secondary cannot run with --in-memory or "
				"--no-shconf: a secondary finds its primary through the runtime "
				"files those options turn off\n");
			return -EINVAL;
		}
		c.process_type = RTE_PROC_PRIMARY;
		return 0;
	}
	if (c.process_type == RTE_PROC_SECONDARY)
		return attach_secondary();

	int ret = make_dir(base_dir());
	if (ret == 0)
		ret = make_dir(c.runtime_dir);
	if (ret < 0)
		return ret == -EACCES || ret == -EPERM ? -EACCES : ret;
	dir_created = true;

	config_path = c.runtime_dir + "/config";
	config_fd = open(config_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (config_fd < 0) {
		int err = errno;
		EAL_LOG(ERR, "cannot create %s: %s; check permissions or use --in-memory",
			config_path.c_str(), strerror(err));
		runtime_dir_remove();
		return -err;
	}
	struct flock l = whole_file_lock(F_WRLCK);
	if (fcntl(config_fd, F_OFD_SETLK, &l) != 0) {
		close(config_fd);
		config_fd = -1;
		config_path.clear(); /* the file is the other process's: keep it */
		dir_created = false;
		if (c.process_type == RTE_PROC_AUTO)
			return attach_secondary();
		RTE_LOG(ERR, EAL,
			"another primary process already runs with --file-prefix %s "
			"(it locks %s/config); give this one another --file-prefix, or "
			"--proc-type secondary to join it\n",
			c.hugefile_prefix.c_str(), c.runtime_dir.c_str());
		return -EAGAIN;
	}
	c.process_type = RTE_PROC_PRIMARY;
	/* the directory may be a dead primary's: its secondaries' sockets go */
	mp_channel_remove_stale();
	return 0;
}

void
runtime_dir_remove()
{
	if (config_fd >= 0) {
		/* unlink while still holding the lock, so no one locks the old file */
		unlink(config_path.c_str());
		close(config_fd);
		config_fd = -1;
	}
	config_path.clear();
	if (dir_created) {
		rmdir(config().runtime_dir.c_str()); /* fails harmlessly if not empty */
		dir_created = false;
	}
}

} // namespace dpkit::eal_detail

using namespace dpkit::eal_detail;

extern "C" {

const char *
rte_eal_get_runtime_dir(void)
{
	return config().runtime_dir.c_str();
}

int
rte_eal_primary_proc_alive(const char *config_file_path)
{
	std::string path = config_file_path != nullptr ? config_file_path
						       : config().runtime_dir + "/config";
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct flock l = whole_file_lock(F_WRLCK);
	int alive = fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
	close(fd);
	return alive;
}

} // extern "C"
