#!/bin/sh
# zhengban inspector's kit, on Linux: run  sudo sh inspect.sh  from the stick (root reads
# the hardware serial and every licence file). Scans this PC with the kit's own Node.js,
# installs nothing, and writes the signed record and the printable sheet into results/
# beside this file. Extra arguments go to the agent, e.g.  sh inspect.sh --from DIR
kit=$(cd "$(dirname "$0")" && pwd -P) || exit 2
case $(uname -m) in
  x86_64 | amd64) cpu=x64 loader=/lib64/ld-linux-x86-64.so.2 ;;
  aarch64 | arm64) cpu=arm64 loader=/lib/ld-linux-aarch64.so.1 ;;
  *) cpu=$(uname -m) loader= ;;
esac
node="$kit/runtime/linux-$cpu/node"
unset NODE_OPTIONS NODE_EXTRA_CA_CERTS
if [ ! -f "$node" ]; then
  # LoongArch and MIPS (Loongson) have no runtime in the kit: the system's Node.js 20+ runs it.
  if ! command -v node >/dev/null 2>&1; then
    echo "inspect.sh: the kit has no Node.js for $cpu and this PC has none (Node.js 20 or later is needed)" >&2
    exit 2
  fi
  node=node
elif [ ! -x "$node" ]; then
  # A stick mounted with showexec gives no file the execute bit: start the runtime through
  # the dynamic loader instead (a noexec mount refuses both; remount it with exec).
  if [ -z "$loader" ] || [ ! -e "$loader" ]; then
    echo "inspect.sh: $node cannot be run from this stick (mounted without execute rights); remount it with -o exec" >&2
    exit 2
  fi
  exec "$loader" "$node" "$kit/agent/zhengban-agent.mjs" inspect --kit "$kit" --out "$kit/results" "$@"
fi
exec "$node" "$kit/agent/zhengban-agent.mjs" inspect --kit "$kit" --out "$kit/results" "$@"
