ALTER TABLE `articles` ADD `created_by` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `articles_created_by_idx` ON `articles` (`created_by`);