#!/bin/sh
# zhengban-agent: the agent's bundle on the Node.js runtime of its package, which is
# <prefix>/node/bin/node (the package's own runtime, or a link to the distribution's
# nodejs). /usr/bin/zhengban-agent links here; the prefix is found from this file.
here=$(dirname "$(readlink -f "$0")")
exec "$here/../node/bin/node" "$here/../lib/zhengban-agent.mjs" "$@"
