#!/usr/bin/env bash
# The database pipeline: the generated schema migration checked against supabase/schemas/,
# a throwaway PostgreSQL 15 (what production runs), the migrations pushed by the real
# `supabase` CLI, a second database built from the schema files whose pg_dump must equal the
# migrations' (the CLI's own `db diff` needs Docker), Supabase's security and performance
# advisors and plpgsql_check lint,
# the seed, the generated `Database` types compared with the committed ones, and the
# database test suite. As on hosted Supabase, `postgres` is NOT a superuser: the cluster's
# superuser is `supabase_admin`, and the migrations, seed and advisors run as `postgres`
# (CREATEROLE CREATEDB BYPASSRLS), so a migration that needs superuser fails here, not in
# production. The test suite connects as supabase_admin (its fixture creates databases and
# roles). Called by .ci/run as root after `npm ci`; also runs as a developer
# (then it skips apt-get and needs PostgreSQL 15 and plpgsql_check installed).
#
# Environment: DB_PORT (default 54322), SUPABASE_WORKDIR (default: the repo; the CLI reads
# $SUPABASE_WORKDIR/supabase/migrations), DB_SKIP_TESTS=1 to stop after the type check,
# DB_ADVISORS_FAIL_ON (default info: any finding fails; none|warn|error to relax locally),
# DB_WRITE_TYPES=1 to rewrite src/api/database.types.ts instead of checking it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PG_BIN=/usr/lib/postgresql/15/bin
PORT="${DB_PORT:-54322}"
WORKDIR="${SUPABASE_WORKDIR:-$ROOT}"
DB_URL="postgresql://postgres@127.0.0.1:${PORT}/postgres"
ADMIN_URL="postgresql://supabase_admin@127.0.0.1:${PORT}/postgres"
CLI_DB_URL="${DB_URL}?sslmode=disable"
TYPES_FILE=src/api/database.types.ts
# Step 5b's second database, built from supabase/schemas/ instead of the migrations.
SCHEMA_DB=nastavnik_schema_files
SCHEMA_DB_URL="postgresql://postgres@127.0.0.1:${PORT}/${SCHEMA_DB}"
# Migrations whose objects are not in supabase/schemas/ yet (applied after the schema files
# in step 5b). Empty: every object of the schema is in supabase/schemas/ (the sync protocol
# in 900-950_sync_*.sql).
SCHEMA_EXTRA_MIGRATIONS=""
export CI="${CI:-true}" DO_NOT_TRACK=1 SUPABASE_TELEMETRY_DISABLED=1 PGCONNECT_TIMEOUT=10

START=$SECONDS
STEP_START=$SECONDS
header() {
  [ "$STEP_START" = "$START" ] || printf '    (step took %ss)\n' "$((SECONDS - STEP_START))"
  printf '\n\033[1m==> [db %3ss] %s\033[0m\n' "$((SECONDS - START))" "$*"
  STEP_START=$SECONDS
}
fail() {
  printf '\n\033[31mdb.sh FAILED: %s\033[0m\n' "$*" >&2
  exit 1
}
# Runs a server-side command as the postgres user: PostgreSQL refuses to run as root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_run() {
  psql "$DB_URL" --no-psqlrc --quiet -v ON_ERROR_STOP=1 "$@"
}
psql_admin() {
  psql "$ADMIN_URL" --no-psqlrc --quiet -v ON_ERROR_STOP=1 "$@"
}

header "1/9 Generated schema migration = supabase/schemas/ (no drift)"
node supabase/build-migration.mjs --check ||
  fail "supabase/migrations/20261125000100_schema.sql drifted from supabase/schemas/ (npm run db:build)"

header "2/9 PostgreSQL 15 and plpgsql_check"
if [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 \
    postgresql-15 postgresql-15-plpgsql-check >/tmp/db-apt.log 2>&1 ||
    { tail -n 30 /tmp/db-apt.log >&2; fail "apt-get install postgresql-15 postgresql-15-plpgsql-check"; }
fi
[ -x "$PG_BIN/postgres" ] || fail "PostgreSQL 15 is not installed at $PG_BIN"
[ -f /usr/share/postgresql/15/extension/plpgsql_check.control ] ||
  fail "plpgsql_check is not installed (apt-get install postgresql-15-plpgsql-check)"
"$PG_BIN/postgres" --version

header "3/9 Throwaway cluster on 127.0.0.1:${PORT}"
# Leftovers of a run that was killed before its trap ran (its db.sh no longer alive).
for stale in /tmp/nastavnik-ci-db.*; do
  [ -d "$stale" ] || continue
  owner="$(cat "$stale/owner.pid" 2>/dev/null || true)"
  if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then continue; fi
  if [ -f "$stale/data/postmaster.pid" ]; then
    echo "stopping a leftover cluster in $stale"
    as_pg "$PG_BIN/pg_ctl" -D "$stale/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$stale"
done
if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
  fail "something already listens on port $PORT; stop it or set DB_PORT"
fi
PGTMP="$(mktemp -d /tmp/nastavnik-ci-db.XXXXXX)"
echo "$$" >"$PGTMP/owner.pid"
cleanup() {
  local rc=$?
  if [ -f "$PGTMP/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ "$rc" != 0 ] && [ -f "$PGTMP/postgres.log" ]; then
    echo "--- last lines of the server log ---" >&2
    tail -n 40 "$PGTMP/postgres.log" >&2 || true
  fi
  rm -rf "$PGTMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE; trap 'exit 143' TERM
[ "$(id -u)" = 0 ] && chown postgres: "$PGTMP"
as_pg "$PG_BIN/initdb" -D "$PGTMP/data" --username=supabase_admin --auth=trust \
  --encoding=UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 ||
  { cat "$PGTMP/initdb.log" >&2; fail "initdb"; }
# A test server: durability off for speed; plpgsql_check loads on demand (CREATE EXTENSION),
# so no shared_preload_libraries.
as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
  start >/dev/null || fail "pg_ctl start (see the server log above)"
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U supabase_admin -t 30 || fail "server not ready"
psql_admin -tAc 'select version()'

header "4/9 Supabase stand-in: hosted-like postgres role + test/support/supabase-shim.sql"
[ -f test/support/supabase-shim.sql ] || fail "test/support/supabase-shim.sql is missing"
psql_admin <<'SQL' || fail "creating the postgres role"
create role postgres login createrole createdb replication bypassrls;
alter role postgres set search_path = "$user", public, extensions;
grant all on database postgres to postgres with grant option;
alter schema public owner to postgres;
SQL
psql_admin -f test/support/supabase-shim.sql || fail "applying test/support/supabase-shim.sql"
# What hosted Supabase grants postgres on the platform-owned schemas. plpgsql_check is
# created here because only a superuser may (hosted, supautils lets postgres do it);
# `supabase db lint` runs as postgres and only needs it to exist.
psql_admin <<'SQL' || fail "granting postgres its hosted privileges"
grant anon, authenticated, service_role to postgres;
grant usage on schema auth, extensions to postgres;
grant all on all tables in schema auth to postgres;
grant execute on all functions in schema auth to postgres;
create extension if not exists plpgsql_check schema extensions;
SQL
# A copy of the prepared, still empty database for step 5b (the schema files).
psql_admin <<SQL || fail "creating the database $SCHEMA_DB"
create database $SCHEMA_DB template postgres;
grant all on database $SCHEMA_DB to postgres with grant option;
SQL

header "5/9 supabase db push (migrations through the real CLI)"
[ -d "$WORKDIR/supabase/migrations" ] || fail "no $WORKDIR/supabase/migrations"
npx --no-install supabase db push --workdir "$WORKDIR" --db-url "$CLI_DB_URL" --yes --include-all ||
  fail "supabase db push"
applied="$(psql_run -tAc 'select count(*) from supabase_migrations.schema_migrations')"
expected="$(find "$WORKDIR/supabase/migrations" -maxdepth 1 -name '*.sql' | wc -l)"
[ "$applied" = "$expected" ] || fail "supabase db push applied $applied of $expected migrations"
echo "applied $applied migrations"

header "5b/9 Schema files build the same database as the migrations (pg_dump --schema-only)"
# Each file of supabase/schemas/ in name order (as `supabase db diff` applies them), then the
# migrations not folded into the schema files yet; the two schema-only dumps must be equal.
for f in "$WORKDIR"/supabase/schemas/*.sql; do
  psql "$SCHEMA_DB_URL" --no-psqlrc --quiet -v ON_ERROR_STOP=1 --single-transaction -f "$f" >/dev/null ||
    fail "applying $f to $SCHEMA_DB"
done
for m in $SCHEMA_EXTRA_MIGRATIONS; do
  psql "$SCHEMA_DB_URL" --no-psqlrc --quiet -v ON_ERROR_STOP=1 --single-transaction \
    -f "$WORKDIR/supabase/migrations/$m" >/dev/null || fail "applying migration $m to $SCHEMA_DB"
done
schema_dump() {
  # \restrict lines carry a random key per run; the CLI's own bookkeeping is not schema.
  "$PG_BIN/pg_dump" --schema-only --exclude-schema=supabase_migrations "$1" | grep -v '^\\\(un\)\?restrict '
}
schema_dump "postgresql://supabase_admin@127.0.0.1:${PORT}/postgres" >"$PGTMP/from-migrations.sql" ||
  fail "pg_dump of the migrated database"
schema_dump "postgresql://supabase_admin@127.0.0.1:${PORT}/${SCHEMA_DB}" >"$PGTMP/from-schema-files.sql" ||
  fail "pg_dump of $SCHEMA_DB"
if ! diff -u "$PGTMP/from-migrations.sql" "$PGTMP/from-schema-files.sql" >"$PGTMP/schema.diff"; then
  head -n 80 "$PGTMP/schema.diff"
  fail "the migrations and supabase/schemas/ build different databases (diff above: - migrations, + schema files)"
fi
echo "identical: $(grep -c '^CREATE ' "$PGTMP/from-migrations.sql") CREATE statements"

header "6/9 supabase db advisors --type security (any finding fails)"
npx --no-install supabase db advisors --workdir "$WORKDIR" --db-url "$CLI_DB_URL" \
  --type security --level info --fail-on "${DB_ADVISORS_FAIL_ON:-info}" ||
  fail "Supabase security advisors reported findings (above)"

header "6b/9 supabase db advisors --type performance (any finding fails)"
# On a fresh database every index is "unused" (no query has run yet), so that one INFO
# rule cannot be judged here; every other performance finding fails the run.
npx --no-install supabase db advisors --workdir "$WORKDIR" --db-url "$CLI_DB_URL" \
  --type performance --level info --output json >"$PGTMP/perf-advisors.json" ||
  fail "supabase db advisors --type performance could not run"
node -e '
  const raw = require("fs").readFileSync(process.argv[1], "utf8");
  const start = raw.indexOf("[");
  const all = start < 0 ? [] : JSON.parse(raw.slice(start));
  const found = all.filter((f) => f.name !== "unused_index");
  for (const f of found) console.log(`${f.level} ${f.name}: ${f.detail}`);
  console.log(`${found.length} performance finding(s); ${all.length - found.length} unused_index ignored`);
  if (found.length > 0 && process.env.DB_ADVISORS_FAIL_ON !== "none") process.exit(1);
' "$PGTMP/perf-advisors.json" || fail "Supabase performance advisors reported findings (above)"

header "7/9 supabase db lint (plpgsql_check)"
npx --no-install supabase db lint --workdir "$WORKDIR" --db-url "$CLI_DB_URL" \
  --level warning --fail-on error || fail "supabase db lint found errors"

header "8/9 Seed and generated types"
if [ -f "$WORKDIR/supabase/seed.sql" ]; then
  psql_run -f "$WORKDIR/supabase/seed.sql" || fail "loading supabase/seed.sql"
else
  echo "no supabase/seed.sql"
fi
if [ "${DB_WRITE_TYPES:-0}" = 1 ]; then
  node supabase/gen-types.mjs "$DB_URL" --out "$TYPES_FILE" || fail "generating $TYPES_FILE"
else
  node supabase/gen-types.mjs "$DB_URL" --check "$TYPES_FILE" ||
    fail "$TYPES_FILE drifted from the migrations (diff above; DB_WRITE_TYPES=1 .ci/db.sh rewrites it)"
fi

header "9/9 Database test suite on PostgreSQL 15"
if [ "${DB_SKIP_TESTS:-0}" = 1 ]; then
  echo "skipped (DB_SKIP_TESTS=1)"
else
  TEST_DATABASE_URL="$DB_URL" npx --no-install vitest run --project db || fail "database tests"
fi

header "done in $((SECONDS - START))s"
