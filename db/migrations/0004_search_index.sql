-- Full-text search over what readers read of an article. The index keeps its own copy of the text
-- (not an external-content table): key points live in another table, and a copy lets a trigger remove
-- an article's old entry by rowid alone. Kept in sync by the triggers below on every write path.
-- Diacritics are folded (Zelenskyý = zelenskyy); the prefix index serves the 3- and 4-letter prefixes
-- of a word being typed ("neg*"; shorter ones are never asked for, see db/search-query.ts).
CREATE VIRTUAL TABLE `article_search` USING fts5(
  `headline`, `summary`, `body`, `key_points`, `why_it_matters`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3 4'
);
--> statement-breakpoint
-- One article's searchable text, as the index stores it (the triggers and bulk rebuilds read this).
CREATE VIEW `article_search_source` AS
SELECT
  a.`id`, a.`headline`, a.`summary`, a.`body`,
  coalesce((SELECT group_concat(k.`label` || ': ' || k.`text`, ' ') FROM `article_key_points` k WHERE k.`article_id` = a.`id`), '') AS `key_points`,
  a.`why_it_matters`
FROM `articles` a;
--> statement-breakpoint
INSERT INTO `article_search` (`rowid`, `headline`, `summary`, `body`, `key_points`, `why_it_matters`)
SELECT * FROM `article_search_source`;
--> statement-breakpoint
CREATE TRIGGER `article_search_after_insert` AFTER INSERT ON `articles` BEGIN
  INSERT INTO `article_search` (`rowid`, `headline`, `summary`, `body`, `key_points`, `why_it_matters`)
  SELECT * FROM `article_search_source` WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_search_after_update` AFTER UPDATE OF `headline`, `summary`, `body`, `why_it_matters` ON `articles` BEGIN
  DELETE FROM `article_search` WHERE `rowid` = old.`id`;
  INSERT INTO `article_search` (`rowid`, `headline`, `summary`, `body`, `key_points`, `why_it_matters`)
  SELECT * FROM `article_search_source` WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_search_after_delete` AFTER DELETE ON `articles` BEGIN
  DELETE FROM `article_search` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_search_after_key_point_insert` AFTER INSERT ON `article_key_points` BEGIN
  DELETE FROM `article_search` WHERE `rowid` = new.`article_id`;
  INSERT INTO `article_search` (`rowid`, `headline`, `summary`, `body`, `key_points`, `why_it_matters`)
  SELECT * FROM `article_search_source` WHERE `id` = new.`article_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_search_after_key_point_update` AFTER UPDATE ON `article_key_points` BEGIN
  DELETE FROM `article_search` WHERE `rowid` IN (old.`article_id`, new.`article_id`);
  INSERT INTO `article_search` (`rowid`, `headline`, `summary`, `body`, `key_points`, `why_it_matters`)
  SELECT * FROM `article_search_source` WHERE `id` IN (old.`article_id`, new.`article_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `article_search_after_key_point_delete` AFTER DELETE ON `article_key_points` BEGIN
  DELETE FROM `article_search` WHERE `rowid` = old.`article_id`;
  INSERT INTO `article_search` (`rowid`, `headline`, `summary`, `body`, `key_points`, `why_it_matters`)
  SELECT * FROM `article_search_source` WHERE `id` = old.`article_id`;
END;
--> statement-breakpoint
-- What search filters and ranks on, for each matching id, without reading the article rows (db/schema.ts).
CREATE INDEX `articles_search_filter_idx` ON `articles` (`id`,`status`,`section_id`,`published_at`);
