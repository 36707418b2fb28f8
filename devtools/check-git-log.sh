#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Check the subjects of the commits made after the baseline below:
#   - at most 60 characters (DPDK's limit, so "git log --oneline" fits);
#   - "<area>: <what>": an area in lower or upper case letters, digits and
#     "_-./+" (several areas joined by ", "), a colon, one space, then the
#     change, e.g. "ring: refresh the peer-tail copy";
#   - no trailing full stop, no double space, no trailing white space,
#     no "fixup!"/"squash!" left over from a rebase.
# Merge commits are skipped: git writes their subjects itself.
#
# Usage: devtools/check-git-log.sh [revision range]
#   With no range: every commit reachable from HEAD and not from the
#   baseline. In a shallow clone that lacks the baseline, every commit the
#   clone has is checked and the script says so (it cannot tell which of
#   them are older than the baseline; a CI clone deep enough to hold the
#   baseline, or an explicit range such as origin/main..HEAD, avoids that).
# Exit status: 0 when every subject checked passes, 1 otherwise; each
# offender is printed as "<hash> <subject>: <what is wrong>".
set -uo pipefail
cd "$(dirname "$0")/.."

# Earlier history is grandfathered: the rule took effect after this commit.
baseline=86960206e710ee01f25f9cbca0ae79cd7ead8ec8
max_len=60
area='[A-Za-z0-9_./+-]+'
subject_re="^${area}(, ${area})*: [^ ]"

if ! git rev-parse --git-dir >/dev/null 2>&1; then
    echo "check-git-log: not a git checkout; nothing to check"
    exit 0
fi

if [ $# -gt 0 ]; then
    range=("$@")
    what="commits in $*"
elif git cat-file -e "$baseline^{commit}" 2>/dev/null; then
    range=("$baseline..HEAD")
    what="commits after ${baseline:0:7}"
else
    range=(HEAD)
    if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
        what="all commits of this shallow clone (baseline ${baseline:0:7} not fetched)"
    else
        what="all commits (baseline ${baseline:0:7} is not in this history)"
    fi
fi

checked=0
bad=0
while IFS= read -r -d '' rec; do
    hash=${rec%% *}
    subject=${rec#* }
    checked=$((checked + 1))
    problems=()
    if [ ${#subject} -gt $max_len ]; then
        problems+=("${#subject} characters, more than $max_len")
    fi
    if ! [[ $subject =~ $subject_re ]]; then
        problems+=("not of the form '<area>: <what>'")
    fi
    case $subject in
        *.) problems+=("ends with a full stop") ;;
    esac
    case $subject in
        *'  '*) problems+=("has a double space") ;;
    esac
    case $subject in
        *[[:space:]]) problems+=("ends with white space") ;;
    esac
    case $subject in
        fixup!*|squash!*|amend!*) problems+=("left over from an interactive rebase") ;;
    esac
    if [ ${#problems[@]} -gt 0 ]; then
        bad=$((bad + 1))
        printf '%s %s: %s\n' "${hash:0:12}" "$subject" "$(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g')"
    fi
done < <(git log -z --no-merges --format='%H %s' "${range[@]}" --)

echo "check-git-log: $checked subjects checked ($what), $bad with problems"
[ $bad -eq 0 ]
