#!/bin/sh
# systemd-unit on|off UNIT: enable and (re)start a package's service, or stop and
# disable it, wherever the package is installed (<prefix>/libexec/systemd-unit in the
# agent's and the collector's packages):
# - systemd running: daemon-reload, enable, restart without waiting (an installer
#   must not hang on a start); off stops and disables;
# - another root (DPKG_ROOT, or ZHENGBAN_ROOT in the tests): only the links, with
#   systemctl --root;
# - systemd not running (a container, a chroot, a build machine): only the links, with
#   --no-reload, and it says so; the service starts at the next boot.
# No systemctl at all, or a systemctl that fails, never fails the installer.
set -u
action=${1:-} unit=${2:-}
root=${ZHENGBAN_ROOT:-${DPKG_ROOT:-}}
case "$action" in on|off) ;; *) echo "usage: systemd-unit on|off UNIT" >&2; exit 2 ;; esac
[ -n "$unit" ] || { echo "usage: systemd-unit on|off UNIT" >&2; exit 2; }

if ! command -v systemctl >/dev/null 2>&1; then
  [ "$action" = off ] || echo "$unit: no systemctl here; start it by other means"
  exit 0
fi
if [ -d "$root/run/systemd/system" ] && [ -z "${DPKG_ROOT:-}" ]; then
  if [ "$action" = on ]; then
    systemctl daemon-reload || true
    systemctl enable "$unit" || echo "$unit: could not be enabled"
    systemctl --no-block restart "$unit" || echo "$unit: could not be started"
  else
    systemctl stop "$unit" || true
    systemctl disable "$unit" || true
  fi
elif [ -n "$root" ]; then
  if [ "$action" = on ]; then verb=enable; else verb=disable; fi
  systemctl --root="$root" "$verb" "$unit" || echo "$unit: could not be ${verb}d"
elif [ "$action" = on ]; then
  systemctl --no-reload enable "$unit" || echo "$unit: could not be enabled"
  echo "$unit: systemd is not running here; the service is enabled and starts at the next boot"
else
  systemctl --no-reload disable "$unit" || true
fi
exit 0
