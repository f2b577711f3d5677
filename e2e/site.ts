import os from 'node:os';
import path from 'node:path';
import { createArticle, moveArticleToTrash, newArticleArguments, type NewArticle } from '@/db/articles/writes';
import { openDatabase, type Db } from '@/db/client';
import { listListingArticles } from '@/db/articles/reads';
import { getSection } from '@/db/sections';
import type { ArticleStatus, UserRole } from '@/db/schema';
import { createUser } from '@/db/users';
import { hashPassword, TEST_PASSWORD_HASH_COST } from '@/lib/auth/passwords';

// Set before anything hashes, and inherited by Playwright's web server, its workers and the sites they start:
// the suite signs in about seventy times, and the production cost takes 4-8 s a hash on a loaded machine.
process.env.PASSWORD_HASH_COST ??= String(TEST_PASSWORD_HASH_COST);

/** The site the end-to-end tests run against: its own port, data folder and build folder. */
const e2ePort = Number(process.env.E2E_PORT) || 3210;
export const e2eSite = {
  port: e2ePort,
  // Keyed by port too, so two checkouts can run their suites side by side (E2E_PORT=...).
  dataDir: path.join(os.tmpdir(), `news-e2e-${process.getuid?.() ?? 0}-${e2ePort}`),
  distDir: '.next-test',
  // TRUST_PROXY lets the sign-in throttling test act from an address of its own (X-Forwarded-For).
  // SIGN_IN_FIRST_WAIT_MS: the throttling test's sixth attempt must come within the first wait, also on a loaded machine.
  // PAGE_CACHE=sqlite: the page cache `npm start` uses on any machine with more than one core, in a file the
  // tests can look into (DATA_DIR/page-cache.sqlite); the in-memory one is held to the same contract by unit tests.
  env: { VIEW_FLUSH_INTERVAL_MS: '300', TRUST_PROXY: '1', SCHEDULER_INTERVAL_MS: '500', SIGN_IN_FIRST_WAIT_MS: '8000', LIVE_POLL_MS: '1000', PAGE_CACHE: 'sqlite' },
};
export const e2eBaseUrl = `http://127.0.0.1:${e2eSite.port}`;

/** Enough old Politics stories for three pages of the section front (7 demo stories + 45). */
export const ARCHIVE_SIZE = 45;
export const HOSTILE_SLUG = 'hostile-markup-is-shown-as-text';
export const HOSTILE_HEADLINE = 'Hostile <b>Markup</b> Is Shown As Text <script>window.__xss = "headline"</script>';
export const HOSTILE_SUMMARY = 'Summary with <img src=x onerror="window.__xss=\'summary\'">';
/** A Politics story that was published and then deleted: its address answers 410 Gone. */
export const REMOVED_SLUG = 'story-that-was-removed';
export const UNPUBLISHED_SLUGS = {
  draft: 'draft-story-nobody-may-see',
  review: 'story-waiting-for-review',
  scheduled: 'story-scheduled-for-tomorrow',
  archived: 'story-that-was-archived',
} satisfies Record<Exclude<ArticleStatus, 'published'>, string>;

const DAY = 86_400_000;

function storyFields(headline: string): Omit<NewArticle, 'slug' | 'status' | 'publishedAt' | 'updatedAt'> {
  return {
    sectionSlug: 'politics',
    headline,
    summary: `${headline}: a short summary for the test archive.`,
    body: 'First paragraph of the story.\n\nSecond paragraph of the story.',
    keyPointsTitle: 'Key Points',
    keyPoints: [{ label: 'One', text: 'The first point.' }],
    whyItMatters: 'It matters for the tests.',
    contextNote: '',
    authorSlugs: ['amara-osei'],
    tagNames: ['Test archive'],
  };
}

/** Newsroom accounts for the tests (test fixtures, not secrets: they exist only in the test database). */
export const e2eUsers = {
  admin: { email: 'admin@test.example', password: 'admin-test-password-1', name: 'Test Admin' },
  editor: { email: 'editor@test.example', password: 'editor-test-password-1', name: 'Test Editor' },
  writer: { email: 'writer@test.example', password: 'writer-test-password-1', name: 'Test Writer' },
  otherWriter: { email: 'other.writer@test.example', password: 'other-test-password-1', name: 'Other Writer' },
  passwordChanger: { email: 'changer@test.example', password: 'changer-test-password-1', name: 'Password Changer' },
  /** Guesses at its own current password (the throttling test): no other test signs in with it. */
  guesser: { email: 'guesser@test.example', password: 'guesser-test-password-1', name: 'Password Guesser' },
} as const;
const e2eRoles: Record<keyof typeof e2eUsers, UserRole> = {
  admin: 'admin',
  editor: 'editor',
  writer: 'writer',
  otherWriter: 'writer',
  passwordChanger: 'writer',
  guesser: 'writer',
};

/** How many published stories a section lists now, read from the test site's own database. */
export function countPublishedInSection(slug: string): number {
  const db = openDatabase(path.join(e2eSite.dataDir, 'news.db'));
  try {
    const section = getSection(slug, db);
    if (!section) throw new Error(`no section ${slug}`);
    return listListingArticles({ kind: 'section', id: section.id }, 1, db)?.total ?? 0;
  } finally {
    db.$client.close();
  }
}

export async function addTestContent(db: Db): Promise<void> {
  for (const [key, user] of Object.entries(e2eUsers) as [keyof typeof e2eUsers, (typeof e2eUsers)[keyof typeof e2eUsers]][]) {
    createUser({ email: user.email, name: user.name, role: e2eRoles[key], passwordHash: await hashPassword(user.password) }, db);
  }
  const now = Date.now();
  db.transaction((tx) => {
    for (let i = 1; i <= ARCHIVE_SIZE; i++) {
      const publishedAt = now - (60 + i) * DAY;
      createArticle(...newArticleArguments(tx, {
        ...storyFields(`Archive Story Number ${i}`),
        slug: `archive-story-number-${i}`,
        status: 'published',
        publishedAt,
        updatedAt: publishedAt,
      }));
    }
    for (const [status, slug] of Object.entries(UNPUBLISHED_SLUGS)) {
      createArticle(...newArticleArguments(tx, {
        ...storyFields(`Unpublished ${status} story`),
        slug,
        status: status as ArticleStatus,
        publishedAt: status === 'archived' ? now - DAY : status === 'scheduled' ? now + DAY : null,
        updatedAt: now,
      }));
    }
    const publishedAt = now - 90 * DAY;
    createArticle(...newArticleArguments(tx, {
      ...storyFields(HOSTILE_HEADLINE),
      slug: HOSTILE_SLUG,
      status: 'published',
      publishedAt,
      updatedAt: publishedAt,
      summary: HOSTILE_SUMMARY,
      body: [
        'Safe paragraph with a [good link](https://example.org/story).',
        '<script>window.__xss = "body"</script>',
        '<img src="x" onerror="window.__xss = \'img\'">',
        '[bad link](javascript:window.__xss=\'link\')',
        '<iframe src="https://example.org"></iframe>',
        '<p onclick="window.__xss=1" style="color:red">Paragraph with handlers</p>',
      ].join('\n\n'),
      keyPoints: [{ label: '<em>Label</em>', text: '<script>window.__xss="kp"</script>Point text' }],
      whyItMatters: 'Why <script>window.__xss = "why"</script> it matters.',
      contextNote: 'Context <b>note</b>',
    }));
  });
  const removed = createArticle(...newArticleArguments(db, { ...storyFields('Story that was removed'), slug: REMOVED_SLUG, status: 'published', publishedAt: now - 2 * DAY, updatedAt: now - 2 * DAY }));
  moveArticleToTrash(db, removed, now - DAY);
}
