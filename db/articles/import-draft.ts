import { eq, like, or } from 'drizzle-orm';
import { slugify } from '@/lib/paths';
import { DEFAULT_STORY_TYPE } from '@/lib/story-types';
import { ARTICLE_TEXT_DEFAULTS, type ImportedArticle } from './model';
import { createArticle } from './writes';
import type { Db } from '../client';
import { articles } from '../schema';
import { listSections } from '../sections';

/** What the text importer found in a pasted or uploaded text (lib/newsroom/importer.ts parses it). */
export type DraftToImport = ImportedArticle;

export interface ImportedDraft {
  id: number;
  slug: string;
  sectionSlug: string;
  warnings: string[];
}

/** The slug of the headline (a long one cut after a whole word), with -2, -3 … appended while that is taken. */
function freeSlug(headline: string, db: Db): string {
  const slug = slugify(headline);
  // slugify cuts long text at a length, often inside a word: when more text would not change the slug, it was cut.
  const cut = slug !== '' && slugify(`${headline} x`) === slug;
  const base = (cut ? slug.replace(/-[^-]*$/, '') : slug) || 'article';
  const taken = new Set(
    db
      .select({ slug: articles.slug })
      .from(articles)
      .where(or(eq(articles.slug, base), like(articles.slug, `${base}-%`)))
      .all()
      .map((row) => row.slug),
  );
  let free = base;
  for (let n = 2; taken.has(free); n++) free = `${base}-${n}`;
  return free;
}

/**
 * A new draft from an imported text, without authors (an editor assigns them). The section is the one
 * whose name or slug matches the text's section line, else the first section, with a warning.
 */
export function importDraft(db: Db, imported: DraftToImport, context: { userId: number | null; now: number }): ImportedDraft {
  // One immediate transaction: the slug found free is still free when the draft is written, whoever else
  // writes (the server, while a command-line import runs), and a killed import leaves no half-written draft.
  return db.$client.transaction(() => writeImportedDraft(db, imported, context)).immediate();
}

function writeImportedDraft(
  db: Db,
  imported: DraftToImport,
  { userId, now }: { userId: number | null; now: number },
): ImportedDraft {
  const choices = listSections(db);
  const first = choices[0];
  if (!first) throw new Error('The site has no sections yet: run npm run db:seed, or create a section first.');
  const wanted = imported.sectionName;
  const match =
    wanted === null
      ? undefined
      : choices.find((s) => s.name.toLowerCase() === wanted.toLowerCase() || s.slug === slugify(wanted));
  const section = match ?? first;
  const warnings = match
    ? []
    : [wanted === null ? `No section line: filed under ${first.name}.` : `No section "${wanted}": filed under ${first.name}.`];

  const slug = freeSlug(imported.headline, db);
  const { sectionName: _sectionName, keyPointsTitle, type: _type, ...text } = imported;
  // Without an account (an import from the command line) the draft has no creator and no first revision.
  const id = createArticle(
    db,
    {
      ...ARTICLE_TEXT_DEFAULTS,
      ...text,
      keyPointsTitle: keyPointsTitle ?? ARTICLE_TEXT_DEFAULTS.keyPointsTitle,
      slug,
      type: imported.type ?? DEFAULT_STORY_TYPE,
      sectionId: section.id,
      tagNames: [],
      authorIds: [],
      heroMediaId: null,
      relatedIds: [],
    },
    { status: 'draft' },
    { userId, now },
  );
  return { id, slug, sectionSlug: section.slug, warnings };
}
