CREATE TABLE `purge_outbox` (
	`purger` text NOT NULL,
	`key` text NOT NULL,
	`soft` integer DEFAULT 0 NOT NULL,
	`due_at` integer NOT NULL,
	`repeat_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claim_token` text,
	`claimed_until` integer DEFAULT 0 NOT NULL,
	`queued_at` integer NOT NULL,
	PRIMARY KEY(`purger`, `key`)
);
--> statement-breakpoint
CREATE INDEX `purge_outbox_due_idx` ON `purge_outbox` (`purger`,`due_at`);--> statement-breakpoint
CREATE INDEX `purge_outbox_queued_idx` ON `purge_outbox` (`queued_at`);