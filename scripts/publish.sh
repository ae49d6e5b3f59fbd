#!/bin/sh
# Build the portal and copy it to the web root (README, "Deployment"): run by the publishing timer
# (deploy/systemd/portal-publish.timer, or deploy/cron/portal-publish) every 15 minutes, so that a
# scheduled article appears at most 15 minutes after its time; and by hand after a change.
#
# Steps: `portal check` (on a problem nothing is built and the site stays as it was), `portal
# build`, `portal linkcheck`, then `rsync` into the web root. The whole run is made at one moment
# (PORTAL_NOW, fixed at the start). The build is skipped when nothing can have changed since the
# last successful run: the same checkout (commit and uncommitted changes) and the same output of
# `portal check`, which lists what is scheduled (an article whose time has come leaves that list).
#
# Settings (environment):
#   PORTAL_WEB_ROOT       the folder nginx serves (default /var/www/portal/site)
#   PORTAL_SITE_DIR       where the build is written (default: site/ in the project)
#   PORTAL_PUBLISH_PULL   1: `git pull --ff-only` first (default 0: publish the checkout as it is)
#   PORTAL_PUBLISH_FORCE  1: build and copy even when nothing changed
#   PORTAL_NOW            the moment to publish at (default: now)
#   PORTAL_COMMAND        the portal command (default: .venv/bin/portal in the project)
set -eu

project=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$project"
# A message for the log, from the tools' catalogue (Vietnamese unless PORTAL_LANG=en;
# portal/script_messages.py).
python=$project/.venv/bin/python
[ -x "$python" ] || python=python3
say() {
    PYTHONPATH="$project/scripts" "$python" -m portal.script_messages "$@" 2>/dev/null || printf '%s\n' "$*"
}
web_root=${PORTAL_WEB_ROOT:-/var/www/portal/site}
site_dir=${PORTAL_SITE_DIR:-$project/site}
portal=${PORTAL_COMMAND:-$project/.venv/bin/portal}
state=$project/.cache/publish
mkdir -p "$state"

# One run at a time: a build that outlasts the interval is not started twice.
exec 9>"$state/lock"
if ! flock -n 9; then
    say publish-running >&2
    exit 0
fi

if [ "${PORTAL_PUBLISH_PULL:-0}" = 1 ]; then
    git pull --ff-only --quiet
fi

PORTAL_NOW=${PORTAL_NOW:-$(date --iso-8601=seconds)}
export PORTAL_NOW

if ! checked=$("$portal" check 2>&1); then
    printf '%s\n' "$checked" >&2
    say publish-check-failed >&2
    exit 1
fi

# What the site is made of: the checkout, and what is published (the check's list of what is not).
if commit=$(git rev-parse HEAD 2>/dev/null); then
    key=$({ echo "$commit"; git status --porcelain --untracked-files=all; git diff HEAD; echo "$checked"; } |
          sha256sum | cut -d ' ' -f 1)
else
    key=""  # not a git checkout: its changes cannot be seen, so every run builds
fi
if [ "${PORTAL_PUBLISH_FORCE:-0}" != 1 ] && [ -n "$key" ] && [ -f "$state/published" ] &&
   [ "$(cat "$state/published")" = "$key" ]; then
    exit 0
fi

"$portal" build --site-dir "$site_dir"
"$portal" linkcheck --site "$site_dir"
mkdir -p "$web_root"
# Without -H: the web root gets files of its own for the photos that are hard links in site/; the
# exclude keeps security.txt and certbot's challenges, which live only on the server.
rsync -a --delete --exclude=/.well-known/ "$site_dir"/ "$web_root"/
printf '%s\n' "$key" >"$state/published"
say publish-done moment="$PORTAL_NOW" web_root="$web_root"
