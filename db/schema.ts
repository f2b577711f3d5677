import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { STORY_TYPES } from '@/lib/story-types';

/** Times are Unix epoch milliseconds: sortable, indexable and JSON-safe for Next's data cache. */
const epochMs = (name: string) => integer(name);
const createdAt = () => epochMs('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const articleStatuses = ['draft', 'review', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];

export const userRoles = ['admin', 'editor', 'writer'] as const;
export type UserRole = (typeof userRoles)[number];

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const sections = sqliteTable('sections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
});

export const media = sqliteTable('media', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fileName: text('file_name').notNull().unique(),
  mimeType: text('mime_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  alt: text('alt').notNull(),
  caption: text('caption').notNull().default(''),
  credit: text('credit').notNull().default(''),
  createdAt: createdAt(),
});

export const authors = sqliteTable('authors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  title: text('title').notNull().default(''),
  bio: text('bio').notNull().default(''),
  photoMediaId: integer('photo_media_id').references(() => media.id, { onDelete: 'set null' }),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: userRoles }).notNull(),
  passwordHash: text('password_hash').notNull(),
  authorId: integer('author_id').references(() => authors.id, { onDelete: 'set null' }),
  disabledAt: epochMs('disabled_at'),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: epochMs('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    sectionId: integer('section_id')
      .notNull()
      .references(() => sections.id),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    /** What kind of piece it is (lib/story-types.ts): news unless an editor says otherwise. */
    type: text('type', { enum: STORY_TYPES }).notNull().default('news'),
    headline: text('headline').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull().default(''),
    keyPointsTitle: text('key_points_title').notNull().default('Key Points'),
    whyItMatters: text('why_it_matters').notNull().default(''),
    /**
     * Body and why-it-matters as readers see them: rendered and sanitised when the article is saved
     * (lib/markdown.ts), so no page render parses Markdown. Null until rendered (rows older than the
     * columns are filled in when the database is opened).
     */
    bodyHtml: text('body_html'),
    whyItMattersHtml: text('why_it_matters_html'),
    contextNote: text('context_note').notNull().default(''),
    heroMediaId: integer('hero_media_id').references(() => media.id, { onDelete: 'set null' }),
    seoTitle: text('seo_title').notNull().default(''),
    seoDescription: text('seo_description').notNull().default(''),
    publishedAt: epochMs('published_at'),
    updatedAt: epochMs('updated_at').notNull(),
    createdAt: createdAt(),
    /** The newsroom account that created the article: a writer may edit only their own. */
    createdBy: integer('created_by').references((): AnySQLiteColumn => users.id, { onDelete: 'set null' }),
    /** Set while the article is in the trash (never public); restoring clears it. */
    deletedAt: epochMs('deleted_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('articles_slug_idx').on(t.slug),
    index('articles_created_by_idx').on(t.createdBy),
    // The newsroom's list: everything not in the trash, by last save or by headline.
    index('articles_live_updated_idx').on(t.updatedAt).where(sql`deleted_at is null`),
    index('articles_live_headline_idx').on(sql`${t.headline} collate nocase`).where(sql`deleted_at is null`),
    // The list filtered by story type: a rare type's few articles without walking the whole list.
    index('articles_live_type_updated_idx').on(t.type, t.updatedAt).where(sql`deleted_at is null`),
    index('articles_status_published_idx').on(t.status, t.publishedAt),
    index('articles_section_status_published_idx').on(t.sectionId, t.status, t.publishedAt),
    // Search looks up every matching article by id for what it filters and ranks on: this small copy
    // stays in memory where the article rows do not (3-5× faster for a common word at 100k articles).
    index('articles_search_filter_idx').on(t.id, t.status, t.sectionId, t.publishedAt),
  ],
);

export const articleKeyPoints = sqliteTable(
  'article_key_points',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.position] })],
);

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
});

export const articleTags = sqliteTable(
  'article_tags',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    /** The article's published_at while it is published, else null: kept by triggers (migration 0005). */
    listedAt: epochMs('listed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.tagId] }),
    index('article_tags_tag_idx').on(t.tagId, t.articleId),
    // A topic's page: its published articles, newest first, straight off the index.
    index('article_tags_listing_idx').on(t.tagId, t.listedAt, t.articleId).where(sql`listed_at is not null`),
  ],
);

export const articleAuthors = sqliteTable(
  'article_authors',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** The article's published_at while it is published, else null: kept by triggers (migration 0005). */
    listedAt: epochMs('listed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.authorId] }),
    index('article_authors_author_idx').on(t.authorId, t.articleId),
    // A journalist's page: their published articles, newest first, straight off the index.
    index('article_authors_listing_idx').on(t.authorId, t.listedAt, t.articleId).where(sql`listed_at is not null`),
  ],
);

export const articleRelated = sqliteTable(
  'article_related',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    relatedId: integer('related_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.relatedId] })],
);

export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    // 'update': a change to an article that was already published ("Update live article");
    // 'pending': unpublished changes to a live or scheduled article, saved but not live.
    kind: text('kind', { enum: ['save', 'autosave', 'publish', 'update', 'restore', 'conflict', 'pending'] }).notNull(),
    // The revision's own number within its article (1, 2, 3…, a refused save included), set by a trigger
    // on insert (see the migration), so every way of recording a revision gets one.
    number: integer('number'),
    // For a 'restore': the number of the revision it brought back.
    restoredFrom: integer('restored_from'),
    snapshot: text('snapshot', { mode: 'json' }).notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId, t.createdAt)],
);

/**
 * Who has an article open in the editor, one row per browser tab, kept fresh by the editor's heartbeat
 * and deleted once stale. `editingSince` marks the tab holding the article (the one typing); a take-over
 * clears the other tabs' and names who took it in their `takenOverBy`.
 */
export const articlePresence = sqliteTable(
  'article_presence',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tabId: text('tab_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastSeen: epochMs('last_seen').notNull(),
    editingSince: epochMs('editing_since'),
    takenOverBy: integer('taken_over_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tabId] }), index('article_presence_last_seen_idx').on(t.lastSeen)],
);

export const articleCorrections = sqliteTable(
  'article_corrections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    publishedAt: epochMs('published_at').notNull(),
  },
  (t) => [index('article_corrections_article_idx').on(t.articleId, t.publishedAt)],
);

export const redirects = sqliteTable('redirects', {
  fromPath: text('from_path').primaryKey(),
  articleId: integer('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
});

/** Hourly view counts per article: no visitor data, only how many views an hour. */
export const pageViews = sqliteTable(
  'page_views',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    hour: integer('hour').notNull(),
    views: integer('views').notNull(),
  },
  // Covering (hour, article, views): trending and daily counts read only this index.
  (t) => [primaryKey({ columns: [t.articleId, t.hour] }), index('page_views_hour_views_idx').on(t.hour, t.articleId, t.views)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    detail: text('detail').notNull().default(''),
    createdAt: createdAt(),
  },
  // The second: one kind of entry, newest first (the audit log's filter, the dashboard's lockout notice).
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_action_idx').on(t.action, t.createdAt)],
);

/**
 * A front page as editors arranged it: the home page ('home') or a section's front ('section:<id>', so a
 * renamed section keeps its arrangement). `version` counts saves: a save made from an older version is refused.
 */
export const fronts = sqliteTable('fronts', {
  key: text('key').primaryKey(),
  version: integer('version').notNull().default(0),
  updatedAt: epochMs('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * One pinned story of a front, at its position (0 = the lead). Positions without a row fill automatically.
 * The override texts and image are for the front only: '' / null keeps the article's own.
 */
export const frontSlots = sqliteTable(
  'front_slots',
  {
    frontKey: text('front_key')
      .notNull()
      .references(() => fronts.key, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    headline: text('headline').notNull().default(''),
    summary: text('summary').notNull().default(''),
    mediaId: integer('media_id').references(() => media.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.frontKey, t.position] })],
);

/**
 * An article covered as a live blog (issue 15): one row per such article. Live while `endedAt` is null;
 * an ended live blog stays as an archive. Separate from the article's type on purpose: any article can be one.
 */
export const liveBlogs = sqliteTable('live_blogs', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  startedAt: epochMs('started_at').notNull(),
  endedAt: epochMs('ended_at'),
});

export const liveUpdateStatuses = ['draft', 'posted'] as const;
export type LiveUpdateStatus = (typeof liveUpdateStatuses)[number];

/** One timestamped update of a live blog: Markdown body, rendered and sanitised when saved (like article bodies). */
export const liveUpdates = sqliteTable(
  'live_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => liveBlogs.articleId, { onDelete: 'cascade' }),
    status: text('status', { enum: liveUpdateStatuses }).notNull().default('draft'),
    title: text('title').notNull().default(''),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** The newsroom account that wrote it, and the byline shown (its author's name, else the account's). */
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    byline: text('byline').notNull().default(''),
    keyEvent: integer('key_event', { mode: 'boolean' }).notNull().default(false),
    /** When it was posted (null while a draft). */
    postedAt: epochMs('posted_at'),
    /** When a posted update was last edited (null: never). */
    editedAt: epochMs('edited_at'),
    deletedAt: epochMs('deleted_at'),
    createdAt: createdAt(),
  },
  // Readers' list: one blog's posted updates, newest first (ids grow with posting order).
  (t) => [index('live_updates_article_idx').on(t.articleId, t.status, t.id)],
);

export const webhookEventTypes = ['article.published', 'article.updated', 'article.unpublished', 'article.trashed', 'live_update.posted', 'front.changed'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * A webhook endpoint an admin added (issue 19): where to send which events, signed with `secret` (Standard
 * Webhooks `whsec_…`). Paused (by the admin, or by the sender after a day of failures: `pausedReason`) gets nothing.
 */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  url: text('url').notNull(),
  /** JSON array of WebhookEventType. */
  events: text('events').notNull(),
  secret: text('secret').notNull(),
  pausedAt: epochMs('paused_at'),
  pausedReason: text('paused_reason').notNull().default(''),
  /** When its deliveries started failing without a success since (null: the last attempt succeeded, or none yet). */
  failingSince: epochMs('failing_since'),
  createdAt: createdAt(),
});

export const webhookDeliveryStates = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof webhookDeliveryStates)[number];

/**
 * The outbox: one row per event per endpoint, inserted in the SAME transaction as the change that made the
 * event, so a change and its event are never separated. The sender (lib/webhooks/sender.ts) claims due rows
 * by setting `claimedUntil` (a lease) in one UPDATE, so one process sends each attempt.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The `webhook-id` header: the same for every attempt and replay of this message. */
    messageId: text('message_id').notNull(),
    eventType: text('event_type', { enum: webhookEventTypes }).notNull(),
    /** The JSON body sent, exactly. */
    payload: text('payload').notNull(),
    state: text('state', { enum: webhookDeliveryStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    claimedUntil: epochMs('claimed_until').notNull().default(0),
    claimToken: text('claim_token').notNull().default(''),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  ],
);

/** Each attempt to send a delivery: when, what came back (status or error), how long, a bounded snippet of the body. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: epochMs('at').notNull(),
    statusCode: integer('status_code'),
    error: text('error').notNull().default(''),
    durationMs: integer('duration_ms').notNull(),
    responseSnippet: text('response_snippet').notNull().default(''),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

export const integrationRoles = ['writer', 'editor'] as const;
export type IntegrationRole = (typeof integrationRoles)[number];

/**
 * An integration: software an admin let into the Admin API (/api/v1/admin) with a key. The key is shown
 * once; only its SHA-256 is kept. Each integration acts through a newsroom account of its own (`userId`:
 * named after it, disabled for sign-in), so revisions and audit lines name it like any person.
 */
export const integrations = sqliteTable(
  'integrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role', { enum: integrationRoles }).notNull(),
    keyHash: text('key_hash').notNull().unique(),
    /** The key's first characters, to tell keys apart in the list (never enough to use). */
    keyPrefix: text('key_prefix').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    revokedAt: epochMs('revoked_at'),
    lastUsedAt: epochMs('last_used_at'),
  },
  (t) => [uniqueIndex('integrations_user_idx').on(t.userId)],
);

/**
 * The first answer to an Admin API request made with an `Idempotency-Key`, per integration and key, kept
 * 24 hours: a retry gets the same answer instead of doing the work twice. `fingerprint` is a hash of the
 * request (method, path, body): the same key with another request is refused.
 */
export const apiIdempotency = sqliteTable(
  'api_idempotency',
  {
    integrationId: integer('integration_id')
      .notNull()
      .references(() => integrations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.key] }), index('api_idempotency_created_idx').on(t.createdAt)],
);

/**
 * Shared by every worker process (ADR 0020). A lease names the one process that runs a job (the
 * scheduler) until `expires_at`; its holder renews it, another process takes it over once it has expired.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: epochMs('expires_at').notNull(),
});

/**
 * The sign-in throttle's failure counts (lib/auth/throttle.ts), one row per account, address or pair, so
 * that every worker's attempts add up. `failures`: JSON array of failure times still in the window.
 * Bounded by the throttle: rows past their window are swept, the least recently touched go first when full.
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    failures: text('failures').notNull(),
    lockedUntil: epochMs('locked_until').notNull(),
    lockedAt: epochMs('locked_at').notNull(),
    touchedAt: epochMs('touched_at').notNull(),
  },
  (t) => [index('sign_in_throttle_touched_idx').on(t.touchedAt)],
);

/**
 * Which client has been counted viewing which article in the view window (lib/reader/view-counter.ts):
 * each worker's batch is checked against it as it is written, so a reader whose beacons reach two
 * workers counts once. Rows older than the window are deleted at each write; bounded, oldest first out.
 */
export const countedViews = sqliteTable(
  'counted_views',
  {
    key: text('key').primaryKey(),
    countedAt: epochMs('counted_at').notNull(),
  },
  (t) => [index('counted_views_counted_at_idx').on(t.countedAt)],
);

/**
 * Purges waiting to be sent to the caches in front of the site (lib/cache/purge.ts, decision 22): one row per
 * purger and key, so that a key asked for again while it waits is coalesced into the row, not repeated. Written
 * when a change is invalidated, deleted when the purger acknowledged it (after its repeat, `repeat_at`), so a
 * purge waiting for a retry survives a shutdown or a crash and is sent by the next process. `soft`: 1 when
 * the key may be marked stale instead of dropped (a hard purge of the same key wins). `claim_token` and
 * `claimed_until`: the sender that has it in flight (each row goes to one process at a time). Bounded
 * (PURGE_OUTBOX_MAX): the oldest rows go first when full.
 */
export const purgeOutbox = sqliteTable(
  'purge_outbox',
  {
    purger: text('purger').notNull(),
    key: text('key').notNull(),
    soft: integer('soft').notNull().default(0),
    dueAt: epochMs('due_at').notNull(),
    repeatAt: epochMs('repeat_at'),
    attempts: integer('attempts').notNull().default(0),
    claimToken: text('claim_token'),
    claimedUntil: epochMs('claimed_until').notNull().default(0),
    queuedAt: epochMs('queued_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.purger, t.key] }), index('purge_outbox_due_idx').on(t.purger, t.dueAt), index('purge_outbox_queued_idx').on(t.queuedAt)],
);
