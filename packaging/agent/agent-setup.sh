#!/bin/sh
# zhengban-agent's install logic, one copy for the .deb's maintainer scripts, the
# .rpm's scriptlets and the service (installed as <prefix>/libexec/agent-setup):
#
#   agent-setup configure   after install or upgrade: folders; when not enrolled and
#                           /etc/zhengban/install.env names a collector and a token,
#                           enrol and report once; enable the service, (re)start it
#   agent-setup enroll      before the daemon starts (ExecStartPre): enrol from
#                           install.env if not enrolled yet; a failure fails the start
#                           and systemd tries again
#   agent-setup remove      before removal: stop and disable the service
#
# (the service's part is <prefix>/libexec/systemd-unit, packaging/common/ in the source)
#
# A failed enrolment never fails the package's installation: the service tries again
# at every start. ZHENGBAN_ROOT puts /etc and /var/lib below another folder (the tests'
# throwaway root). An install into another root (DPKG_ROOT: an image being built)
# never enrols, so that machines cloned from the image do not share one key.
set -eu

prefix=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
agent=$prefix/bin/zhengban-agent
node=$prefix/node/bin/node
root=${ZHENGBAN_ROOT:-${DPKG_ROOT:-}}
etc=$root/etc/zhengban
params=$etc/install.env
unit=zhengban-agent.service
# The agent's own config and state, never another one an admin's shell points it at.
unset ZHENGBAN_AGENT_CONFIG

say() { printf 'zhengban-agent: %s\n' "$*"; }

# The agent, on this root's config (the default one when the root is /).
run_agent() {
  if [ -n "$root" ]; then "$agent" --config "$etc/agent.json" "$@"; else "$agent" "$@"; fi
}

enrolled() {
  [ -f "$etc/agent.json" ] && grep -q '"agentId"' "$etc/agent.json" && grep -q '"serverUrl"' "$etc/agent.json"
}

# install.env is KEY=value lines read with `.`, like /etc/default files, so it must
# belong to the user running this (root) and be writable by no one else.
read_params() {
  [ -f "$params" ] || return 1
  if [ -n "$(find "$params" \( ! -user "$(id -u)" -o -perm /022 \) -print)" ]; then
    say "$params is ignored: it must belong to root and be writable by no one else"
    return 1
  fi
  ZHENGBAN_SERVER='' ZHENGBAN_TOKEN='' ZHENGBAN_CA_FILE='' ZHENGBAN_CA_SHA256=''
  # shellcheck source=/dev/null
  . "$params"
  chmod 0600 "$params"
  if [ -z "$ZHENGBAN_SERVER" ] || [ -z "$ZHENGBAN_TOKEN" ]; then
    say "$params names no ZHENGBAN_SERVER or no ZHENGBAN_TOKEN"
    return 1
  fi
}

# Enrols with the collector. The CA, when given, becomes /etc/zhengban/ca.pem: copied
# from ZHENGBAN_CA_FILE, or fetched from the collector and kept only if its SHA-256 is
# ZHENGBAN_CA_SHA256.
enroll_now() {
  ca=$etc/ca.pem
  if [ -n "$ZHENGBAN_CA_FILE" ]; then
    [ -f "$ZHENGBAN_CA_FILE" ] || { say "ZHENGBAN_CA_FILE $ZHENGBAN_CA_FILE does not exist"; return 2; }
    [ "$(readlink -f "$ZHENGBAN_CA_FILE")" = "$(readlink -f "$ca")" ] || install -m 0644 "$ZHENGBAN_CA_FILE" "$ca" || return
  elif [ -n "$ZHENGBAN_CA_SHA256" ]; then
    "$node" "$prefix/libexec/fetch-ca.mjs" "$ZHENGBAN_SERVER" "$ZHENGBAN_CA_SHA256" "$ca" || return
  else
    run_agent enroll --server "$ZHENGBAN_SERVER" --token "$ZHENGBAN_TOKEN"
    return
  fi
  run_agent enroll --server "$ZHENGBAN_SERVER" --token "$ZHENGBAN_TOKEN" --ca "$ca"
}

configure() {
  install -d -m 0755 "$etc"
  install -d -m 0700 "$root/var/lib/zhengban"
  if enrolled; then
    :
  elif [ -n "${DPKG_ROOT:-}" ]; then
    say "installed into $DPKG_ROOT: each machine enrols at its first start"
  elif read_params; then
    if enroll_now; then
      run_agent report || say "the first report did not go through (exit $?); the service sends it"
    else
      say "enrolment failed (exit $?); the service tries again at every start"
    fi
  else
    say "not enrolled: put ZHENGBAN_SERVER and ZHENGBAN_TOKEN in $params and run 'systemctl restart zhengban-agent', or run 'zhengban-agent enroll --server URL --token TOKEN'"
  fi

  "$prefix/libexec/systemd-unit" on "$unit"
}

case "${1:-}" in
  configure) configure ;;
  enroll) if enrolled || ! read_params; then exit 0; fi; enroll_now ;;
  remove) "$prefix/libexec/systemd-unit" off "$unit" ;;
  *) echo "usage: agent-setup configure|enroll|remove" >&2; exit 2 ;;
esac
