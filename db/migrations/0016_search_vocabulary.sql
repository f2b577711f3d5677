-- The search index's vocabulary, one row per distinct word with how many articles hold it (`doc`) and how
-- often (`cnt`): a read-only view FTS5 keeps itself (no triggers, no storage of its own). "Did you mean"
-- suggestions pick their candidates from it (db/search-suggest.ts). Hand-written: drizzle-kit does not
-- describe virtual tables.
CREATE VIRTUAL TABLE `article_search_vocab` USING fts5vocab(`article_search`, 'row');
