/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the dpkit authors
 */

/* Named object lists: registration before main(), lookup, use with the
 * sys/queue.h macros, dump, and every registration error. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <string>

#include <rte_errno.h>
#include <rte_tailq.h>

#include "test.h"

namespace {

/* a library-style list: its own entry type, laid out as rte_tailq_entry */
struct widget_entry {
	TAILQ_ENTRY(widget_entry) next;
	void *data;
};
TAILQ_HEAD(widget_list, widget_entry);

struct rte_tailq_elem widget_tailq = {nullptr, {nullptr, nullptr}, "TEST_WIDGET"};
EAL_REGISTER_TAILQ(widget_tailq)

std::string
dump_to_string(void)
{
	char *buf = nullptr;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (f == nullptr)
		return "";
	rte_dump_tailq(f);
	fclose(f);
	std::string s(buf, len);
	free(buf);
	return s;
}

} // namespace

static int
test_tailq_registered_before_main(void)
{
	TEST_ASSERT_NOT_NULL(widget_tailq.head, "constructor registration set the head");
	TEST_ASSERT_EQUAL(std::string(widget_tailq.head->name), std::string("TEST_WIDGET"),
			  "head carries the name");
	TEST_ASSERT(rte_eal_tailq_lookup("TEST_WIDGET") == widget_tailq.head,
		    "lookup finds the registered head");
	struct widget_list *list = RTE_TAILQ_LOOKUP("TEST_WIDGET", widget_list);
	TEST_ASSERT(list == RTE_TAILQ_CAST(widget_tailq.head, widget_list),
		    "RTE_TAILQ_LOOKUP and RTE_TAILQ_CAST agree");
	TEST_ASSERT(RTE_TAILQ_LOOKUP("TEST_NO_SUCH", widget_list) == nullptr,
		    "RTE_TAILQ_LOOKUP of an unknown name is NULL");
	return TEST_SUCCESS;
}

static int
test_tailq_entries_insert_walk_remove(void)
{
	struct widget_list *list = RTE_TAILQ_CAST(widget_tailq.head, widget_list);
	TEST_ASSERT(TAILQ_EMPTY(list), "list starts empty");

	int payload[5];
	struct widget_entry entries[5];
	for (int i = 0; i < 5; i++) {
		payload[i] = i;
		entries[i].data = &payload[i];
		TAILQ_INSERT_TAIL(list, &entries[i], next);
	}

	std::string dump = dump_to_string();
	TEST_ASSERT(dump.find("TEST_WIDGET") != std::string::npos &&
			    dump.find("5 entries") != std::string::npos,
		    "dump names the list and counts entries: %s", dump.c_str());

	/* remove the even ones while walking */
	struct widget_entry *e, *tmp;
	int seen = 0;
	RTE_TAILQ_FOREACH_SAFE(e, list, next, tmp)
	{
		TEST_ASSERT_EQUAL(*(int *)e->data, seen, "entries in insertion order");
		if (seen % 2 == 0)
			TAILQ_REMOVE(list, e, next);
		seen++;
	}
	TEST_ASSERT_EQUAL(seen, 5, "walked every entry");

	int left = 0;
	RTE_TAILQ_FOREACH(e, list, next)
	{
		TEST_ASSERT(*(int *)e->data % 2 == 1, "only odd entries left");
		left++;
	}
	TEST_ASSERT_EQUAL(left, 2, "two entries left");

	/* leave the list empty for the next run in this process */
	while (!TAILQ_EMPTY(list))
		TAILQ_REMOVE(list, TAILQ_FIRST(list), next);
	return TEST_SUCCESS;
}

static int
test_tailq_register_again_is_harmless(void)
{
	struct rte_tailq_head *before = widget_tailq.head;
	TEST_ASSERT_SUCCESS(rte_eal_tailq_register(&widget_tailq),
			    "re-registering the same element");
	TEST_ASSERT(widget_tailq.head == before, "same head after re-registering");
	return TEST_SUCCESS;
}

static int
test_tailq_duplicate_name_rejected(void)
{
	static struct rte_tailq_elem impostor = {nullptr, {nullptr, nullptr}, "TEST_WIDGET"};
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(&impostor), -1, "duplicate name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "rte_errno for a duplicate name");
	TEST_ASSERT_NULL(impostor.head, "a rejected element gets no head");
	return TEST_SUCCESS;
}

static int
test_tailq_bad_names_rejected(void)
{
	static struct rte_tailq_elem empty = {nullptr, {nullptr, nullptr}, ""};
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(&empty), -1, "empty name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno for an empty name");

	/* exactly RTE_TAILQ_NAMESIZE characters: no room for the terminator */
	static struct rte_tailq_elem unterminated = {
		nullptr, {nullptr, nullptr}, {'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A',
					      'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A',
					      'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'A'}};
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(&unterminated), -1, "unterminated name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno for an unterminated name");

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(nullptr), -1, "NULL element accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno for a NULL element");
	return TEST_SUCCESS;
}

static int
test_tailq_lookup_errors(void)
{
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_eal_tailq_lookup("TEST_NO_SUCH"), "unknown name found");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno for an unknown name");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_eal_tailq_lookup(nullptr), "NULL name found");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno for a NULL name");
	return TEST_SUCCESS;
}

/*
 * Filling every slot is permanent for the process, so it runs in a child:
 * `dpkit-test tailq_fill_child` registers lists until refused and exits 0
 * only if the refusal came at RTE_MAX_TAILQ lists with ENOSPC.
 */
static int
tailq_fill_child(void)
{
	for (int i = 0; i <= RTE_MAX_TAILQ; i++) {
		/* heap memory: the name field is const, filled once here */
		auto *elem = static_cast<struct rte_tailq_elem *>(
			calloc(1, sizeof(struct rte_tailq_elem)));
		if (elem == nullptr)
			return 1;
		snprintf(const_cast<char *>(elem->name), RTE_TAILQ_NAMESIZE, "TEST_FILL_%d", i);
		if (rte_eal_tailq_register(elem) < 0) {
			printf("refused new list %d, rte_errno %d\n", i, rte_errno);
			free(elem);
			/* some slots were free, then refusal with ENOSPC */
			return i > 0 && rte_errno == ENOSPC ? 0 : 1;
		}
	}
	printf("never refused after %d lists\n", RTE_MAX_TAILQ + 1);
	return 1;
}
REGISTER_TEST_COMMAND(tailq_fill_child, tailq_fill_child);

static int
test_tailq_table_full_rejected(void)
{
	const char *argv[] = {"", "--no-huge", "--file-prefix=tailq_fill", "tailq_fill_child",
			      nullptr};
	std::string out;
	int rc = test_exec_self_capture(argv, out);
	TEST_ASSERT_EQUAL(rc, 0, "child output:\n%s", out.c_str());
	TEST_ASSERT(out.find("RTE_MAX_TAILQ") != std::string::npos,
		    "the refusal is logged with what to do:\n%s", out.c_str());
	return TEST_SUCCESS;
}

static const struct unit_test_case tailq_cases[] = {
	TEST_CASE(test_tailq_registered_before_main),
	TEST_CASE(test_tailq_entries_insert_walk_remove),
	TEST_CASE(test_tailq_register_again_is_harmless),
	TEST_CASE(test_tailq_duplicate_name_rejected),
	TEST_CASE(test_tailq_bad_names_rejected),
	TEST_CASE(test_tailq_lookup_errors),
	TEST_CASE(test_tailq_table_full_rejected),
	TEST_CASES_END()};

static const struct unit_test_suite tailq_suite = {"tailq", nullptr, nullptr, tailq_cases};

static int
test_tailq(void)
{
	return unit_test_suite_runner(&tailq_suite);
}

REGISTER_FAST_TEST(tailq_autotest, NOHUGE_OK, ASAN_OK, test_tailq);
