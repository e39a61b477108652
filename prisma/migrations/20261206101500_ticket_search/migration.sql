-- Ticket search (lib/tickets/search/search-tickets.ts): RT number, serial or email prefix, and
-- customer-name fragment, case- and accent-insensitive. Index choice: docs/design-notes.md.
--
-- pg_trgm and unaccent are trusted extensions (PostgreSQL 13+): the database owner may create
-- them. PGlite ships both (lib/db/pglite.ts loads them into every instance).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could be changed), so neither an index nor a
-- generated column may use it. This wrapper names the dictionary explicitly (no search_path
-- lookup) and is declared IMMUTABLE: the search folds text the same way when it stores it and
-- when it queries. Should the unaccent rules ever change, recompute the columns below
-- (UPDATE "Ticket" SET "customerName" = "customerName").
CREATE FUNCTION "ticket_search_fold"(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- Stored, not folded on the fly in an expression index: an index on the expression would make
-- every recheck (trigram matches are always rechecked) and every filter call unaccent through a
-- SQL function, ~10 µs a row, which is most of a search's time when thousands of rows match.
-- Written by the database on every insert and update; the app never writes them.
ALTER TABLE "Ticket"
  ADD COLUMN "searchSerial" TEXT COLLATE "C" GENERATED ALWAYS AS ("ticket_search_fold"("serial")) STORED,
  ADD COLUMN "searchEmail" TEXT COLLATE "C" GENERATED ALWAYS AS ("ticket_search_fold"("customerEmail")) STORED,
  ADD COLUMN "searchName" TEXT GENERATED ALWAYS AS ("ticket_search_fold"("customerName")) STORED;

-- Prefixes (serial, email): plain btrees over columns in the "C" collation (byte order, the
-- same order text_pattern_ops gives), so `LIKE 'abc%'` is an index range scan whatever the
-- database's collation. (Prisma cannot round-trip `ops: raw("text_pattern_ops")` on a btree:
-- every later migration would drop and recreate the index; a column collation it leaves alone.)
-- The scan returns rows in index order (closest match, then newest first), so the first page
-- needs no sort however many rows share a short prefix. The scope columns and the id complete
-- them for an index-only scan: an agent's scope (lib/tickets/view-scope.ts) is checked in the
-- index, not by reading each of the thousands of rows a short prefix may match.
CREATE INDEX "Ticket_searchSerial_createdAt_createdById_assigneeId_id_idx" ON "Ticket"("searchSerial", "createdAt" DESC, "createdById", "assigneeId", "id");
CREATE INDEX "Ticket_searchEmail_createdAt_createdById_assigneeId_id_idx" ON "Ticket"("searchEmail", "createdAt" DESC, "createdById", "assigneeId", "id");

-- Name fragments anywhere in the name (`%oe%`): only a trigram index serves an infix LIKE.
-- GIN rather than GiST: faster lookups, and tickets are written far less often than searched.
CREATE INDEX "Ticket_searchName_idx" ON "Ticket" USING GIN ("searchName" gin_trgm_ops);

-- The ticket page's history card lists the other tickets on the same QR challenge.
CREATE INDEX "Ticket_challengeId_idx" ON "Ticket"("challengeId");
