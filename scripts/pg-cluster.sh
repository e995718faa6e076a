#!/usr/bin/env bash
# Throwaway PostgreSQL + PostGIS clusters for tests, from Debian's packages.
#
#   scripts/pg-cluster.sh install      install PostgreSQL and PostGIS if missing (root, apt)
#   scripts/pg-cluster.sh start DIR    create (if needed) and start a cluster in DIR; prints ONE line:
#                                      an Npgsql connection string to database tahaluf_test (postgis on)
#   scripts/pg-cluster.sh stop DIR     stop the cluster in DIR (no error if it is not running)
#
# Every command is idempotent. Only the connection string goes to stdout; progress goes to stderr and
# the server log to DIR/server.log. The server listens on 127.0.0.1 only, with trust authentication,
# because it lives for one test run and holds nothing but test data.
set -euo pipefail

DATABASE=tahaluf_test
PG_USER=postgres

die() {
    echo "pg-cluster: $*" >&2
    exit 1
}

log() {
    echo "pg-cluster: $*" >&2
}

# The newest PostgreSQL major version whose server binaries and PostGIS extension are both present.
find_pg_version() {
    local dir version
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        version=$(basename "$(dirname "$dir")")
        if [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] \
            && ls /usr/share/postgresql/"$version"/extension/postgis.control >/dev/null 2>&1; then
            echo "$version"
            return 0
        fi
    done
    return 1
}

cmd_install() {
    if find_pg_version >/dev/null; then
        log "PostgreSQL $(find_pg_version) with PostGIS is already installed"
        return 0
    fi
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL/PostGIS missing and installing needs root: run 'sudo $0 install'"
    command -v apt-get >/dev/null || die "apt-get not found: install PostgreSQL and PostGIS by hand"
    export DEBIAN_FRONTEND=noninteractive
    # Several test scripts may install at once; wait for the dpkg lock instead of failing.
    local apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 -qq)
    log "apt-get update"
    apt-get "${apt_opts[@]}" update >&2
    local version package
    if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
        log "installing postgresql"
        apt-get "${apt_opts[@]}" install -y --no-install-recommends postgresql >&2
    fi
    version=$(ls -d /usr/lib/postgresql/*/bin | sort -V -r | head -n 1 | xargs dirname | xargs basename)
    package=$(apt-cache --names-only search "^postgresql-${version}-postgis-[0-9]+\$" \
        | awk '{print $1}' | sort -V -r | head -n 1)
    [[ -n "$package" ]] || die "no PostGIS package for PostgreSQL $version in the apt sources"
    log "installing $package"
    # The SQL scripts come in as a dependency of the package.
    apt-get "${apt_opts[@]}" install -y --no-install-recommends "$package" >&2
    find_pg_version >/dev/null || die "PostGIS still missing after installing $package"
    log "PostgreSQL $version with PostGIS installed"
}

# Runs a command as the cluster owner: postgres when we are root (the server refuses root), else ourselves.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

port_in_use() {
    # A refused connection means nothing listens there; bash's /dev/tcp needs no extra tool.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

connection_string() {
    echo "Host=127.0.0.1;Port=$1;Username=$PG_USER;Database=$DATABASE;Timeout=30;Command Timeout=300"
}

cmd_start() {
    local dir=$1
    local version bin data
    version=$(find_pg_version) || die "PostgreSQL with PostGIS not found under /usr/lib/postgresql: run '$0 install'"
    bin=/usr/lib/postgresql/$version/bin
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    data=$dir/data
    if [[ $(id -u) -eq 0 ]]; then
        id "$PG_USER" >/dev/null 2>&1 || die "user $PG_USER does not exist (it comes with the postgresql package)"
        chown "$PG_USER:" "$dir"
        chmod 700 "$dir"
    fi
    as_owner test -w "$dir" || die "$dir is not writable by $(as_owner id -un) (is a parent directory private?)"

    if [[ ! -f "$data/PG_VERSION" ]]; then
        log "initdb in $data (PostgreSQL $version)"
        as_owner "$bin/initdb" -D "$data" -U "$PG_USER" --auth=trust --encoding=UTF8 --no-locale \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
        # A test cluster: durability is worth nothing, speed and a small footprint are.
        as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
max_connections = 50
EOF
    fi

    local port
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port=$(cat "$dir/port")
        log "already running on port $port"
    else
        local attempt started=0
        for attempt in 1 2 3 4 5 6 7 8; do
            port=$((20000 + RANDOM % 40000))
            port_in_use "$port" && continue
            # -w waits until the server accepts connections; a port taken in the meantime fails fast.
            if as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $port" -w -t 60 start >&2; then
                started=1
                break
            fi
            log "start on port $port failed (attempt $attempt), retrying"
        done
        [[ $started -eq 1 ]] || { tail -n 20 "$dir/server.log" >&2 || true; die "could not start the server"; }
        echo "$port" >"$dir/port"
    fi

    local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$PG_USER")
    if [[ -z $(as_owner "${psql[@]}" -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") ]]; then
        as_owner "${psql[@]}" -d postgres -c "CREATE DATABASE $DATABASE" >&2
    fi
    as_owner "${psql[@]}" -d "$DATABASE" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis" >&2
    connection_string "$port"
}

cmd_stop() {
    local dir=$1
    local version data
    data=$dir/data
    [[ -f "$data/PG_VERSION" ]] || { log "no cluster in $dir"; return 0; }
    version=$(cat "$data/PG_VERSION")
    local bin=/usr/lib/postgresql/$version/bin
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
    else
        log "not running"
    fi
}

case "${1:-}" in
    install) cmd_install ;;
    start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; cmd_start "$2" ;;
    stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; cmd_stop "$2" ;;
    *) die "usage: $0 install | start DIR | stop DIR" ;;
esac
