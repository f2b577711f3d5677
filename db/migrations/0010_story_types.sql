ALTER TABLE `articles` ADD `type` text DEFAULT 'news' NOT NULL;--> statement-breakpoint
CREATE INDEX `articles_live_type_updated_idx` ON `articles` (`type`,`updated_at`) WHERE deleted_at is null;