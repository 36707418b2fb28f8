/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/*
 * Builders of struct rte_tel_data (the public rte_tel_data_* calls).
 *
 * Every call checks the kind of the object and the RTE_TEL_MAX_* limits
 * before it changes anything, so a failed call leaves the object as it was;
 * cut strings are kept and reported with a positive E2BIG, as DPDK does.
 * Allocation failures surface as -ENOMEM, never as an exception.
 */

#include <errno.h>
#include <string.h>

#include <new>

#include "telemetry_private.h"

namespace {

bool
valid_name(const char *name)
{
	for (const char *p = name; *p != '\0'; p++) {
		char c = *p;
		bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			  (c >= 'A' && c <= 'Z') || c == '_' || c == '/';
		if (!ok)
			return false;
	}
	return true;
}

/* The part of s that fits cap - 1 bytes, and whether s was cut. */
std::string
bounded(const char *s, size_t cap, bool *cut)
{
	size_t n = strnlen(s, cap);
	*cut = n == cap;
	return std::string(s, n == cap ? cap - 1 : n);
}

bool
is_value_array(const rte_tel_data *v)
{
	return v != nullptr && (v->kind == tel_kind::array_string ||
				v->kind == tel_kind::array_int || v->kind == tel_kind::array_u64);
}

/* Append v to d (capacity checked by the caller); 0 or -ENOMEM. */
int
push(rte_tel_data *d, tel_value &&v)
{
	try {
		d->values.push_back(std::move(v));
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
	return 0;
}

int
check_array(rte_tel_data *d, tel_kind kind)
{
	if (d == nullptr || d->kind != kind)
		return -EINVAL;
	if (d->values.size() >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return -ENOSPC;
	return 0;
}

int
check_dict(rte_tel_data *d, const char *name)
{
	if (d == nullptr || name == nullptr || d->kind != tel_kind::dict || !valid_name(name))
		return -EINVAL;
	if (d->values.size() >= RTE_TEL_MAX_DICT_ENTRIES)
		return -ENOSPC;
	return 0;
}

/* Add a dict entry of any type; the value fields of v are set by the caller. */
int
add_dict(rte_tel_data *d, const char *name, tel_value &&v, bool value_cut)
{
	int ret = check_dict(d, name);
	if (ret < 0)
		return ret;
	bool name_cut;
	try {
		v.name = bounded(name, RTE_TEL_MAX_STRING_LEN, &name_cut);
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
	ret = push(d, std::move(v));
	if (ret < 0)
		return ret;
	return name_cut || value_cut ? E2BIG : 0;
}

} // namespace

rte_tel_data::~rte_tel_data()
{
	clear();
}

void
rte_tel_data::clear()
{
	for (tel_value &v : values)
		if (v.child != nullptr && !v.keep)
			delete v.child;
	values.clear();
	str.clear();
	kind = tel_kind::none;
}

extern "C" {

int
rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type)
{
	if (d == nullptr)
		return -EINVAL;
	tel_kind k;
	switch (type) {
	case RTE_TEL_STRING_VAL: k = tel_kind::array_string; break;
	case RTE_TEL_INT_VAL: k = tel_kind::array_int; break;
	case RTE_TEL_U64_VAL: k = tel_kind::array_u64; break;
	case RTE_TEL_CONTAINER: k = tel_kind::array_container; break;
	default: return -EINVAL;
	}
	d->clear();
	d->kind = k;
	return 0;
}

int
rte_tel_data_start_dict(struct rte_tel_data *d)
{
	if (d == nullptr)
		return -EINVAL;
	d->clear();
	d->kind = tel_kind::dict;
	return 0;
}

int
rte_tel_data_string(struct rte_tel_data *d, const char *str)
{
	if (d == nullptr || str == nullptr)
		return -EINVAL;
	bool cut;
	try {
		std::string s = bounded(str, RTE_TEL_MAX_SINGLE_STRING_LEN, &cut);
		d->clear();
		d->kind = tel_kind::string;
		d->str = std::move(s);
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
	return cut ? E2BIG : 0;
}

int
rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str)
{
	int ret = check_array(d, tel_kind::array_string);
	if (ret < 0 || str == nullptr)
		return ret < 0 ? ret : -EINVAL;
	tel_value v;
	v.type = RTE_TEL_STRING_VAL;
	bool cut;
	try {
		v.sval = bounded(str, RTE_TEL_MAX_STRING_LEN, &cut);
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
	ret = push(d, std::move(v));
	return ret < 0 ? ret : cut ? E2BIG : 0;
}

int
rte_tel_data_add_array_int(struct rte_tel_data *d, int x)
{
	int ret = check_array(d, tel_kind::array_int);
	if (ret < 0)
		return ret;
	tel_value v;
	v.type = RTE_TEL_INT_VAL;
	v.ival = x;
	return push(d, std::move(v));
}

int
rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x)
{
	int ret = check_array(d, tel_kind::array_u64);
	if (ret < 0)
		return ret;
	tel_value v;
	v.type = RTE_TEL_U64_VAL;
	v.uval = x;
	return push(d, std::move(v));
}

int
rte_tel_data_add_array_container(struct rte_tel_data *d, struct rte_tel_data *val, int keep)
{
	int ret = check_array(d, tel_kind::array_container);
	if (ret == 0 && !is_value_array(val))
		ret = -EINVAL;
	if (ret == 0) {
		tel_value v;
		v.type = RTE_TEL_CONTAINER;
		v.child = val;
		v.keep = keep != 0;
		ret = push(d, std::move(v));
	}
	return ret;
}

int
rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val)
{
	if (val == nullptr)
		return -EINVAL;
	tel_value v;
	v.type = RTE_TEL_STRING_VAL;
	bool cut;
	try {
		v.sval = bounded(val, RTE_TEL_MAX_STRING_LEN, &cut);
	} catch (const std::bad_alloc &) {
		return -ENOMEM;
	}
	return add_dict(d, name, std::move(v), cut);
}

int
rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val)
{
	tel_value v;
	v.type = RTE_TEL_INT_VAL;
	v.ival = val;
	return add_dict(d, name, std::move(v), false);
}

int
rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val)
{
	tel_value v;
	v.type = RTE_TEL_U64_VAL;
	v.uval = val;
	return add_dict(d, name, std::move(v), false);
}

int
rte_tel_data_add_dict_container(struct rte_tel_data *d, const char *name, struct rte_tel_data *val,
				int keep)
{
	if (!is_value_array(val))
		return -EINVAL;
	tel_value v;
	v.type = RTE_TEL_CONTAINER;
	v.child = val;
	v.keep = keep != 0;
	return add_dict(d, name, std::move(v), false);
}

struct rte_tel_data *
rte_tel_data_alloc(void)
{
	return new (std::nothrow) rte_tel_data();
}

void
rte_tel_data_free(struct rte_tel_data *data)
{
	delete data;
}

} // extern "C"
