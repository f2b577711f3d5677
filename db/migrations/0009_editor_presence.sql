CREATE TABLE `article_presence` (
	`article_id` integer NOT NULL,
	`tab_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`editing_since` integer,
	`taken_over_by` integer,
	PRIMARY KEY(`article_id`, `tab_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`taken_over_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `article_presence_last_seen_idx` ON `article_presence` (`last_seen`);