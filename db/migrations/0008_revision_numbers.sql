ALTER TABLE `article_revisions` ADD `number` integer;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `restored_from` integer;--> statement-breakpoint
-- Hand-written (carry over when renumbering): every revision gets its own number within its article,
-- whoever inserts it, so a refused save never shares a number with the save that beat it.
-- Backfill: existing revisions numbered in the order they were recorded.
UPDATE `article_revisions` SET `number` = (
  SELECT count(*) FROM `article_revisions` AS `earlier`
  WHERE `earlier`.`article_id` = `article_revisions`.`article_id` AND `earlier`.`id` <= `article_revisions`.`id`
);
--> statement-breakpoint
CREATE TRIGGER `article_revisions_number_after_insert` AFTER INSERT ON `article_revisions` WHEN new.`number` IS NULL BEGIN
  UPDATE `article_revisions` SET `number` = (
    SELECT coalesce(max(`number`), 0) + 1 FROM `article_revisions` WHERE `article_id` = new.`article_id`
  ) WHERE `id` = new.`id`;
END;
