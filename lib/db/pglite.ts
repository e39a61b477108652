import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/**
 * The contrib extensions the migrations create (ticket search: trigram indexes over unaccented,
 * lower-cased text). PGlite ships them but loads an extension's files only when the instance is
 * constructed with it, even over a data folder or dump that already has `CREATE EXTENSION` done;
 * without them every query touching the search function fails.
 */
export const PGLITE_EXTENSIONS = { pg_trgm, unaccent } as const;

/**
 * The one way the console opens an embedded database: a data folder, `memory://`, or nothing (in
 * memory), with options such as `loadDataDir` for a dump. Every PGlite the app, the migrations,
 * the tests and the benches open comes from here, so each has the extensions the schema needs.
 */
export function openPGlite(dataDir?: string, options: Omit<PGliteOptions, "extensions" | "dataDir"> = {}): PGlite {
  return new PGlite({ ...options, ...(dataDir ? { dataDir } : {}), extensions: PGLITE_EXTENSIONS });
}
