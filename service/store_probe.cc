#include "service/store_probe.h"

namespace coigraph::service {

absl::Status ProbeStoreWrite(SqliteDb& db, absl::Time now) {
  SqliteTransaction tx(db);
  absl::Status s = tx.Begin();
  if (!s.ok()) return s;
  s = db.Exec(
      "CREATE TABLE IF NOT EXISTS store_probe ("
      "  id INTEGER PRIMARY KEY CHECK (id = 1),"
      "  at_unix_micros INTEGER NOT NULL)");
  if (!s.ok()) return s;
  absl::StatusOr<SqliteStatement> st = db.Prepare(
      "INSERT INTO store_probe (id, at_unix_micros) VALUES (1, ?1) "
      "ON CONFLICT (id) DO UPDATE SET at_unix_micros = excluded.at_unix_micros");
  if (!st.ok()) return st.status();
  st->Bind(1, absl::ToUnixMicros(now));
  s = st->Run();
  if (!s.ok()) return s;
  return tx.Commit();
}

}  // namespace coigraph::service
