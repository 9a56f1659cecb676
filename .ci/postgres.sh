#!/usr/bin/env bash
# Installs and starts a local PostgreSQL for the storage tests, idempotently, listening on 127.0.0.1 only.
# Prints the CHATAPI_POSTGRES value to export on stdout (progress goes to stderr):
#
#   export CHATAPI_POSTGRES="$(bash .ci/postgres.sh)"
set -euo pipefail
# Only the connection string may reach stdout: pg_ctlcluster and friends print progress there too.
exec 3>&1 1>&2

password=${CHATAPI_POSTGRES_PASSWORD:-postgres}
say() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_lsclusters > /dev/null || [[ -z $(pg_lsclusters -h 2> /dev/null) ]]; then
    say "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq > /dev/null
    apt-get install -y -qq postgresql > /dev/null
fi

read -r version cluster port status _ <<< "$(pg_lsclusters -h | head -n 1)"
conf=/etc/postgresql/$version/$cluster
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf/postgresql.conf"
if [[ $status != online ]]; then
    say "starting cluster $version/$cluster on port $port"
    pg_ctlcluster "$version" "$cluster" start 3>&-  # the server must not hold the caller's pipe open
fi

for _ in $(seq 50); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
done
# The tests create and drop their own databases, so the role needs a password for TCP logins.
su postgres -c "psql -q -p $port -c \"ALTER USER postgres PASSWORD '$password';\"" > /dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password" >&3
