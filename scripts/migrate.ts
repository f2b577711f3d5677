import { fillMissingArticleHtml } from '@/db/articles/reads';
import { openDatabase } from '@/db/client';
import { databaseFile } from '@/lib/config';

// Opening the database applies any migrations it has not had yet; then articles saved before their
// HTML was stored with them get it, so no reader's request has to render Markdown.
const db = openDatabase();
const filled = fillMissingArticleHtml(db);
db.$client.close();
console.log(`Database is up to date: ${databaseFile()}${filled ? ` (rendered ${filled} articles)` : ''}`);
