#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the test suites and prints, as its last stdout line,
#   export TEST_DATABASE_URL=postgres://...
# so that `.ci/run` can `eval "$(.ci/start-postgres.sh | tail -n 1)"`.
#
# Idempotent: a second run reuses the data directory and the running server. Everything else
# goes to stderr so the last stdout line stays the export.
#
# Environment (all optional):
#   KYC_PG_DIR   data directory   (default /var/tmp/kyc-bot-ci-postgres)
#   KYC_PG_PORT  port for a new data directory (default: first free port from 55432)
set -euo pipefail

data_dir=${KYC_PG_DIR:-/var/tmp/kyc-bot-ci-postgres}
db_name=kyc_bot_test
db_role=kyc_bot
# Throwaway server on 127.0.0.1 only; the password just satisfies scram over TCP.
db_password=kyc_bot_test

log() { echo "start-postgres: $*" >&2; }

find_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  fi
}

pg_bin=$(find_pg_bin)
if [[ -z "$pg_bin" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    log "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
    exit 1
  fi
  log "installing PostgreSQL from Debian packages"
  # Wait for the dpkg lock instead of failing when another apt run holds it.
  apt-get -o DPkg::Lock::Timeout=300 update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends postgresql >&2
  pg_bin=$(find_pg_bin)
  if [[ -z "$pg_bin" ]]; then
    log "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb was found"
    exit 1
  fi
fi
log "using $pg_bin"

# initdb and postgres refuse to run as root; as root they run as the postgres system user.
if [[ $(id -u) -eq 0 ]]; then
  server_user=postgres
  as_server_user() { runuser -u postgres -- "$@"; }
else
  server_user=$(id -un)
  as_server_user() { "$@"; }
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port
  for port in $(seq 55432 55531); do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  log "no free port in 55432..55531"
  return 1
}

if [[ ! -f "$data_dir/PG_VERSION" ]]; then
  port=${KYC_PG_PORT:-$(pick_port)}
  log "creating a cluster in $data_dir on port $port"
  mkdir -p "$data_dir"
  chown "$server_user" "$data_dir"
  chmod 700 "$data_dir"
  as_server_user "$pg_bin/initdb" --pgdata="$data_dir" --username="$server_user" \
    --encoding=UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 >&2
  # Tests need a fast, disposable server, not a durable one.
  cat >>"$data_dir/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
fi

port=$(sed -n 's/^port = \([0-9]*\).*/\1/p' "$data_dir/postgresql.conf" | tail -n 1)
if [[ -z "$port" ]]; then
  log "no port setting in $data_dir/postgresql.conf"
  exit 1
fi

if as_server_user "$pg_bin/pg_ctl" status --pgdata="$data_dir" >/dev/null 2>&1; then
  log "server already running on port $port"
else
  log "starting the server on port $port"
  as_server_user "$pg_bin/pg_ctl" start --pgdata="$data_dir" --wait --timeout=60 \
    --log="$data_dir/server.log" >&2
fi

psql_admin() {
  as_server_user "$pg_bin/psql" --host="$data_dir" --port="$port" --username="$server_user" \
    --dbname=postgres --no-psqlrc --quiet --tuples-only --no-align -v ON_ERROR_STOP=1 "$@"
}

if [[ -z $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$db_role'") ]]; then
  log "creating role $db_role"
  psql_admin -c "CREATE ROLE $db_role LOGIN PASSWORD '$db_password'" >&2
fi
if [[ -z $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db_name'") ]]; then
  log "creating database $db_name"
  psql_admin -c "CREATE DATABASE $db_name OWNER $db_role" >&2
fi

url="postgres://$db_role:$db_password@127.0.0.1:$port/$db_name"
if ! PGPASSWORD=$db_password "$pg_bin/psql" "$url" --no-psqlrc --quiet -c 'SELECT 1' >/dev/null; then
  log "the server is up but $url does not accept connections"
  exit 1
fi
log "ready"
echo "export TEST_DATABASE_URL=$url"
