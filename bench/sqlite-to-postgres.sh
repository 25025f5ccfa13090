#!/usr/bin/env bash
# Copies every table of a Xinyong SQLite database into PostgreSQL, for benchmarks that need a
# large PostgreSQL store without loading it through intake (about 900 records/s there):
#   scripts/with-postgres.sh bench/sqlite-to-postgres.sh DIR/xinyong.db
# The target is the database XINYONG_TEST_PG names (a libpq connection string, as
# scripts/with-postgres.sh sets it). Its schema must already exist at the same schema version:
# open it once with the binary first (any command that opens the store runs the migrations,
# e.g. `XINYONG_STORE=postgres XINYONG_POSTGRES_URL=... xinyong audit verify --data CFG`).
# The copy replaces the content of every copied table (the rows the migrations seed, such as
# event_head's, included); schema_migrations is compared, not copied. The copy user must be a
# superuser: foreign keys are not checked during the copy (session_replication_role), since the
# rows come from a consistent store.
#
# The SQLite file is only read (`sqlite3 -readonly`), in one read transaction, so the copy and
# the counts compared at the end are one snapshot even if a server is writing to the file. (If
# the file is in WAL mode and has no -wal/-shm beside it, SQLite creates them empty, as for
# any reader.)
#
# How: one sqlite3 process writes a psql script to one psql process, in one PostgreSQL
# transaction: TRUNCATE the tables, drop their secondary indexes, then per table
# `COPY t (columns) FROM STDIN WITH (FREEZE)` followed by its rows in COPY's text format, then
# recreate the indexes. After the commit: sequences (serial ids) set past max(id), VACUUM
# ANALYZE, and the row counts (and non-NULL counts of nullable columns) of both sides, which
# must be equal.
set -euo pipefail

src=${1:?usage: bench/sqlite-to-postgres.sh path/to/xinyong.db (with XINYONG_TEST_PG set)}
pg=${XINYONG_TEST_PG:?set XINYONG_TEST_PG to a libpq connection string (or run under scripts/with-postgres.sh)}
# SQLite's text is UTF-8; say so whatever the locale.
export PGCLIENTENCODING=UTF8
[ -f "$src" ] || { echo "sqlite-to-postgres: no such file: $src" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/xinyong-sqlite-to-pg.XXXXXX")
trap 'rm -rf "$work"' EXIT

# -init /dev/null: no ~/.sqliterc; list mode, no headers: one value per line, as printed.
lite() { sqlite3 -readonly -bail -init /dev/null -batch -list -noheader "$src" "$@" 2>/dev/null; }
# -X: no ~/.psqlrc; stop at the first error.
pq() { psql "$pg" -X -q -v ON_ERROR_STOP=1 "$@"; }
pq_val() { pq -At -c "$1"; }
die() { echo "sqlite-to-postgres: $*" >&2; exit 1; }

# Same schema version on both sides (the columns are compared per table below too).
lite_version=$(lite "SELECT COALESCE(MAX(version), 0) FROM schema_migrations") \
  || die "$src: cannot read schema_migrations (not a Xinyong database?)"
[ -n "$(pq_val "SELECT to_regclass('public.schema_migrations')")" ] \
  || die "no schema in PostgreSQL: open the store once with the binary to create it"
pg_version=$(pq_val "SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
[ "$lite_version" = "$pg_version" ] \
  || die "schema versions differ: SQLite $lite_version, PostgreSQL $pg_version (use the binary that wrote $src)"
[ "$(pq_val "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" = t ] \
  || die "the PostgreSQL user must be a superuser (foreign keys are switched off during the copy)"

# The tables: all of SQLite's own except its internal ones and the migrations' bookkeeping.
mapfile -t tables < <(lite "SELECT name FROM sqlite_master WHERE type = 'table'
  AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations' ORDER BY name")
[ "${#tables[@]}" -gt 0 ] || die "$src has no tables"
ident='^[a-z_][a-z0-9_]*$'  # names are used unquoted below: refuse anything else
for t in "${tables[@]}"; do [[ $t =~ $ident ]] || die "unexpected table name: $t"; done
in_list=$(printf "'%s'," "${tables[@]}"); in_list=${in_list%,}
extra=$(pq_val "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables
  WHERE schemaname = 'public' AND tablename <> 'schema_migrations' AND tablename NOT IN ($in_list)")
[ -z "$extra" ] || echo "sqlite-to-postgres: note: only in PostgreSQL (left as they are): $extra" >&2

# Per table: the column list in SQLite's order, the SELECT that renders a row in COPY's text
# format, and the count query (rows, and non-NULL values of each nullable column, so that NULL
# and '' are both seen to survive).
declare -A cols selects counts
for t in "${tables[@]}"; do
  mapfile -t info < <(lite "SELECT name || ' ' || upper(replace(type, ' ', '_')) || ' ' ||
    (\"notnull\" OR pk > 0) FROM pragma_table_info('$t') ORDER BY cid")
  names=() exprs=() nullable=()
  for line in "${info[@]}"; do
    read -r name type notnull <<<"$line"
    [[ $name =~ $ident ]] || die "unexpected column name: $t.$name"
    names+=("$name")
    # COPY text format: NULL is \N; backslash, tab, newline and carriage return are escaped.
    # Integer columns need no escaping (a stray text in one would fail COPY loudly anyway).
    if [[ $type == *INT* ]]; then
      exprs+=("ifnull($name, '\\N')")
    else
      exprs+=("ifnull(replace(replace(replace(replace(CAST($name AS TEXT), '\\', '\\\\'), char(9), '\\t'), char(10), '\\n'), char(13), '\\r'), '\\N')")
    fi
    [ "$notnull" = 1 ] || nullable+=("$name")
  done
  lite_cols=$(printf '%s\n' "${names[@]}" | LC_ALL=C sort | paste -sd' ')
  pg_cols=$(pq_val "SELECT string_agg(column_name::text, ' ' ORDER BY column_name::text COLLATE \"C\")
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$t'")
  [ -n "$pg_cols" ] || die "table $t is missing in PostgreSQL"
  [ "$lite_cols" = "$pg_cols" ] || die "columns of $t differ: SQLite [$lite_cols], PostgreSQL [$pg_cols]"
  cols[$t]=$(IFS=,; echo "${names[*]}")
  sel=${exprs[0]}
  for e in "${exprs[@]:1}"; do sel+=" || char(9) || $e"; done
  selects[$t]="SELECT $sel FROM $t;"
  c="'$t', CAST(count(*) AS TEXT)"
  for n in "${nullable[@]}"; do c+=" || ' $n:' || count($n)"; done
  counts[$t]="SELECT $c FROM $t"
done

# The secondary indexes of the copied tables (not those behind primary keys and unique
# constraints): dropped before the copy and built again after it, which is much faster than
# maintaining them row by row.
pq -At -F $'\t' -c "SELECT quote_ident(ic.relname), pg_get_indexdef(x.indexrelid)
  FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class tc ON tc.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = tc.relnamespace
  WHERE n.nspname = 'public' AND tc.relname IN ($in_list) AND NOT EXISTS (
    SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
  ORDER BY 1" >"$work/indexes.tsv"
echo "sqlite-to-postgres: $src (schema $lite_version): ${#tables[@]} tables," \
     "$(wc -l <"$work/indexes.tsv") secondary indexes rebuilt after the copy"

# What sqlite3 runs: the counts (into a file) and every table's rows, in one read transaction.
{
  echo "BEGIN;"
  echo ".once $work/lite-counts.txt"
  first=1
  for t in "${tables[@]}"; do
    [ $first = 1 ] || echo "UNION ALL"
    echo "${counts[$t]}"; first=0
  done
  echo ";"
  for t in "${tables[@]}"; do
    printf "SELECT '\\\\echo %s';\n" "$t"
    echo "SELECT 'COPY $t (${cols[$t]}) FROM STDIN WITH (FREEZE);';"
    echo "${selects[$t]}"
    printf "SELECT '\\\\.';\n"
  done
  echo "COMMIT;"
} >"$work/export.sql"

# The psql script around it. FREEZE (the rows are written frozen and all-visible, so no
# vacuum has to rewrite them and index-only scans work at once) needs the TRUNCATE in the
# same transaction.
{
  printf '%s\n' '\timing on'
  echo "BEGIN;"
  echo "SET LOCAL session_replication_role = replica;"
  echo "SET LOCAL maintenance_work_mem = '1GB';"
  echo "TRUNCATE $(IFS=,; echo "${tables[*]}");"
  while IFS=$'\t' read -r name _; do echo "DROP INDEX $name;"; done <"$work/indexes.tsv"
} >"$work/pre.sql"
{
  printf '%s\n' '\echo rebuilding indexes'
  while IFS=$'\t' read -r name def; do printf '\\echo index %s\n%s;\n' "$name" "$def"; done <"$work/indexes.tsv"
  echo "COMMIT;"
} >"$work/post.sql"

start=$(date +%s)
# If sqlite3 fails half-way, the stream ends without COMMIT and psql's transaction is rolled
# back; pipefail makes the failure this script's.
{
  cat "$work/pre.sql"
  lite <"$work/export.sql"
  cat "$work/post.sql"
} | pq -f - 2>&1 | sed -u 's/^/  /'
copied=$(date +%s)
echo "sqlite-to-postgres: copied in $((copied - start)) s"

# Serial ids continue after the copied rows: every column with an owned sequence (the
# migrations' {{id}} columns) is set so that the next id is max + 1.
pq -At -c "SELECT format('SELECT setval(%L, COALESCE(max(%I), 0) + 1, false) FROM %I.%I;',
    pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname),
    a.attname, n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = 'public' AND c.relkind = 'r'
    AND pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) IS NOT NULL
  ORDER BY c.relname" >"$work/setval.sql"
pq -At -f "$work/setval.sql" >/dev/null
echo "sqlite-to-postgres: $(wc -l <"$work/setval.sql") sequences set after max(id)"
pq -c "VACUUM (ANALYZE)"
echo "sqlite-to-postgres: vacuumed and analysed in $(($(date +%s) - copied)) s"

# Both sides' counts, table by table: lines "table|rows column:non-NULL ...".
pg_query=""
for t in "${tables[@]}"; do pg_query+="${pg_query:+ UNION ALL }${counts[$t]}"; done
pq_val "$pg_query" >"$work/pg-counts.txt"
LC_ALL=C sort "$work/lite-counts.txt" >"$work/a"
LC_ALL=C sort "$work/pg-counts.txt" >"$work/b"
printf '  %-22s %-26s %s\n' table sqlite postgres
LC_ALL=C join -t'|' -a1 -a2 -e - -o 0,1.2,2.2 "$work/a" "$work/b" |
  awk -F'|' '{printf "  %-22s %-26s %s%s\n", $1, $2, $3, ($2 == $3 ? "" : "   <-- differs")}'
cmp -s "$work/a" "$work/b" || die "the counts differ"
echo "sqlite-to-postgres: all ${#tables[@]} tables have the same counts;" \
     "database size $(pq_val "SELECT pg_size_pretty(pg_database_size(current_database()))")"
