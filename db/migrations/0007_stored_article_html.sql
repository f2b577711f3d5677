ALTER TABLE `articles` ADD `body_html` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `why_it_matters_html` text;--> statement-breakpoint
-- Hand-written (carry over at merge): stored HTML never goes stale. A write that changes the Markdown
-- without writing its HTML in the same statement clears the HTML; the next read renders and stores it
-- again (db/articles.ts). Existing rows get theirs from `npm run db:migrate` (fillMissingArticleHtml).
CREATE TRIGGER `articles_body_html_stale` AFTER UPDATE OF `body` ON `articles`
WHEN NEW.`body` IS NOT OLD.`body` AND NEW.`body_html` IS OLD.`body_html`
BEGIN
  UPDATE `articles` SET `body_html` = NULL WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `articles_why_it_matters_html_stale` AFTER UPDATE OF `why_it_matters` ON `articles`
WHEN NEW.`why_it_matters` IS NOT OLD.`why_it_matters` AND NEW.`why_it_matters_html` IS OLD.`why_it_matters_html`
BEGIN
  UPDATE `articles` SET `why_it_matters_html` = NULL WHERE `id` = NEW.`id`;
END;
