#!/usr/bin/env bash
# PostgreSQL for the integration suite: Debian's server, installed when missing, started, with trust
# authentication on 127.0.0.1 for the CI/test machine (the tests connect as postgres@127.0.0.1:5432).
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "installing PostgreSQL"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
fi

version="$(ls /etc/postgresql | sort -V | tail -n 1)"
hba="/etc/postgresql/$version/main/pg_hba.conf"
if ! grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
  echo "PostgreSQL $version: trust for postgres on 127.0.0.1 (test machine)"
  sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  fi
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
