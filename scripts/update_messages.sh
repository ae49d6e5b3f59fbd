#!/usr/bin/env bash
# The tools' messages (README, "Messages"), with Babel's three commands:
#   1. extract every message marked with _(), ngettext() or N_() in scripts/portal/ into the
#      template portal/locale/portal.pot;
#   2. update the Vietnamese catalogue portal/locale/vi/LC_MESSAGES/portal.po from it (a new
#      message arrives untranslated, a changed one marked fuzzy with its old translation);
#   3. compile portal.po into portal.mo, which the tools read.
# After changing or adding a message: run this, translate what is empty or fuzzy in portal.po
# (and remove the fuzzy mark), run it again, and commit the three files. tests/test_messages.py
# fails while a message has no Vietnamese translation or the files are out of date.
# --no-location, --sort-output and --no-wrap keep the diffs to the messages that changed; the
# template is rewritten only when a message changed, not for its new creation date.
set -euo pipefail
cd "$(dirname "$0")"
pybabel=../.venv/bin/pybabel
[ -x "$pybabel" ] || pybabel=pybabel
locale=portal/locale
template=$locale/portal.pot
extracted=$(mktemp)
trap 'rm -f "$extracted"' EXIT

"$pybabel" --quiet extract -F babel.cfg --no-location --sort-output --no-wrap \
    --project=haiphong-portal --version=0.1.0 --copyright-holder="Sở Ngoại vụ thành phố Hải Phòng" \
    -o "$extracted" portal
if [ -f "$template" ] && diff -q -I '^"POT-Creation-Date: ' "$extracted" "$template" > /dev/null; then
    echo "portal.pot: no message changed"
else
    cp "$extracted" "$template"
    echo "portal.pot: updated"
fi
"$pybabel" --quiet update -D portal -i "$template" -d "$locale" -l vi --no-wrap --ignore-obsolete --init-missing
"$pybabel" compile -D portal -d "$locale" -l vi --statistics
