#!/bin/sh
# zhengban-collector-serve: `zhengban-collector serve` with the settings of
# collector.env (the service's EnvironmentFile) as its options, the database in the
# state folder. Empty settings take the collector's defaults.
set -eu
here=$(dirname "$(readlink -f "$0")")
set -- serve --db "${ZHENGBAN_DB:-/var/lib/zhengban-collector/zhengban.db}"
[ -z "${ZHENGBAN_HOST:-}" ] || set -- "$@" --host "$ZHENGBAN_HOST"
[ -z "${ZHENGBAN_PORT:-}" ] || set -- "$@" --port "$ZHENGBAN_PORT"
[ -z "${ZHENGBAN_STALE_AFTER:-}" ] || set -- "$@" --stale-after "$ZHENGBAN_STALE_AFTER"
[ -z "${ZHENGBAN_AUTH_FAILURES:-}" ] || set -- "$@" --auth-failures "$ZHENGBAN_AUTH_FAILURES"
[ -z "${ZHENGBAN_DB_POOL:-}" ] || set -- "$@" --db-pool "$ZHENGBAN_DB_POOL"
if [ -n "${ZHENGBAN_TLS_CERT:-}${ZHENGBAN_TLS_KEY:-}" ]; then
  set -- "$@" --tls-cert "${ZHENGBAN_TLS_CERT:-}" --tls-key "${ZHENGBAN_TLS_KEY:-}"
fi
if [ -n "${ZHENGBAN_TRUSTED_KMS:-}" ]; then
  # shellcheck disable=SC2086 # one option value per host
  set -- "$@" --trusted-kms $ZHENGBAN_TRUSTED_KMS
fi
exec "$here/zhengban-collector" "$@"
