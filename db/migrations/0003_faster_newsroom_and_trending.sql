DROP INDEX `page_views_hour_idx`;--> statement-breakpoint
CREATE INDEX `page_views_hour_views_idx` ON `page_views` (`hour`,`article_id`,`views`);--> statement-breakpoint
CREATE INDEX `articles_live_updated_idx` ON `articles` (`updated_at`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `articles_live_headline_idx` ON `articles` ("headline" collate nocase) WHERE deleted_at is null;