-- Ticket search (lib/tickets/search/search-tickets.ts): RT number, serial or email prefix, and
-- customer-name fragment, case- and accent-insensitive. Index choice: docs/design-notes.md.
--
-- pg_trgm and unaccent are trusted extensions (PostgreSQL 13+): the database owner may create
-- them. PGlite ships both (lib/db/pglite.ts loads them into every instance).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could be changed), so it cannot appear in an index
-- expression. This wrapper names the dictionary explicitly (no search_path lookup) and is declared
-- IMMUTABLE: the search folds text the same way when it indexes and when it queries. Should the
-- unaccent rules ever change, REINDEX the three indexes below.
CREATE FUNCTION "ticket_search_fold"(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Prefixes (serial, email): btree with text_pattern_ops, so `LIKE 'abc%'` is an index range
-- scan whatever the database's collation. The scan returns rows in index order (closest match,
-- then newest first), so the first page needs no sort however many rows share a short prefix.
CREATE INDEX "Ticket_search_serial_idx" ON "Ticket" ("ticket_search_fold"("serial") text_pattern_ops, "createdAt" DESC);
CREATE INDEX "Ticket_search_email_idx" ON "Ticket" ("ticket_search_fold"("customerEmail") text_pattern_ops, "createdAt" DESC);

-- Name fragments anywhere in the name (`%oe%`): only a trigram index serves an infix LIKE.
-- GIN rather than GiST: faster lookups, and tickets are written far less often than searched.
CREATE INDEX "Ticket_search_name_trgm_idx" ON "Ticket" USING GIN ("ticket_search_fold"("customerName") gin_trgm_ops);
