#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium (browser tests), a CJK font for
# screenshots, PostgreSQL (the second database pass) and Redis (the RQ job backend). Installed only when missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi" || need+=(fonts-wqy-microhei)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]} ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "WARNING: cannot install ${need[*]} (not root or no apt-get); the tests that need them will skip."
  fi
fi
