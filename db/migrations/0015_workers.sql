CREATE TABLE `counted_views` (
	`key` text PRIMARY KEY NOT NULL,
	`counted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `counted_views_counted_at_idx` ON `counted_views` (`counted_at`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` text NOT NULL,
	`locked_until` integer NOT NULL,
	`locked_at` integer NOT NULL,
	`touched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttle_touched_idx` ON `sign_in_throttle` (`touched_at`);