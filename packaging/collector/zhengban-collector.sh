#!/bin/sh
# zhengban-collector: the collector's CLI on the Node.js runtime of its package
# (<prefix>/node/bin/node, the app in <prefix>/app). /usr/bin/zhengban-collector links
# here. Run by root where the service's user `zhengban` exists, it runs as that user,
# so that a database file it creates (SQLite's -wal and -shm beside the service's
# database) stays the service's.
here=$(dirname "$(readlink -f "$0")")
if [ "$(id -u)" -eq 0 ] && id zhengban >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1; then
  exec runuser -u zhengban -- "$here/../node/bin/node" "$here/../app/collector/bin/zhengban-collector.js" "$@"
fi
exec "$here/../node/bin/node" "$here/../app/collector/bin/zhengban-collector.js" "$@"
