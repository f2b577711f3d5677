import type Database from 'better-sqlite3';

/**
 * Maintenance of the full-text index (db/migrations/0004_search_index.sql). Its triggers re-index an
 * article on each write, once per key point too: right for editors' saves, wasteful for a bulk load of
 * thousands of articles, which is indexed in one pass afterwards instead.
 */

const TRIGGERS = "select name, sql from sqlite_master where type = 'trigger' and name like 'article_search_after_%'";

/** Empties the index and fills it again from the articles, in one statement, then merges its segments. */
export function rebuildSearchIndex(client: Database.Database): void {
  client.transaction(() => {
    client.exec(`DELETE FROM article_search;
      INSERT INTO article_search (rowid, headline, summary, body, key_points, why_it_matters) SELECT * FROM article_search_source;
      INSERT INTO article_search (article_search) VALUES ('optimize');`);
  })();
}

/**
 * Runs a bulk load with the index triggers dropped, then rebuilds the index and puts the triggers back
 * exactly as the migration created them (their SQL is read from the schema, not repeated here), also
 * when the load fails.
 */
export function loadWithoutSearchTriggers<T>(client: Database.Database, load: () => T): T {
  const triggers = client.prepare(TRIGGERS).all() as { name: string; sql: string }[];
  for (const { name } of triggers) client.exec(`DROP TRIGGER "${name}"`);
  try {
    return load();
  } finally {
    client.transaction(() => {
      for (const trigger of triggers) client.exec(trigger.sql);
    })();
    rebuildSearchIndex(client);
  }
}
