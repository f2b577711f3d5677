import type { ArticleFormValues } from './forms/article-form';
import { diffWords, type DiffPart } from './text-diff';
import { DEFAULT_STORY_TYPE, parseStoryType, STORY_TYPE_LABELS } from '../story-types';

/**
 * A refused save, field by field: for every field the other editor changed since this editor loaded the
 * article, what they changed, and whose version the form now holds. A three-way merge on the form's
 * values: a field only they changed takes their version; a field only this editor changed keeps theirs
 * (this editor's); a field both changed keeps this editor's text in the form and shows the other's,
 * with buttons to take either. Nothing of either editor's text is dropped: theirs is saved, this
 * editor's is in the form and in a 'conflict' revision.
 */

/** The form's fields a conflict compares: all but the go-live time (the key points title goes with its rows). */
export type ConflictField = Exclude<keyof ArticleFormValues, 'keyPointsTitle' | 'publishAt'>;

/** Each compared field's name for people, in the order the comparison lists them (a new form field needs one). */
export const CONFLICT_LABELS = {
  headline: 'Headline',
  summary: 'Summary',
  body: 'Body',
  keyPoints: 'Key points',
  whyItMatters: 'Why it matters',
  related: 'Related articles',
  contextNote: 'Context note',
  type: 'Story type',
  sectionId: 'Section',
  heroMediaId: 'Image',
  slug: 'Slug',
  authorIds: 'Byline',
  tags: 'Tags',
  seoTitle: 'Search title',
  seoDescription: 'Search description',
} as const satisfies Record<ConflictField, string>;

export const CONFLICT_FIELDS = Object.keys(CONFLICT_LABELS) as ConflictField[];

/** What one field holds in the form: a key-point block is its title and rows together. */
export type FieldValue = Partial<ArticleFormValues>;

export interface FieldConflict {
  field: ConflictField;
  label: string;
  /** 'theirs': only they changed it, their version is in the form. 'both': yours is, theirs is shown. */
  inForm: 'theirs' | 'both';
  /** What they changed: from the version this editor loaded to theirs (or from yours, when that is unknown). */
  changes: DiffPart[];
  theirsText: string;
  mineText: string;
  theirs: FieldValue;
  mine: FieldValue;
}

/** How ids read to a person: section, author and image names. */
export interface Names {
  section: (id: string) => string;
  author: (id: string) => string;
  image: (id: string) => string;
}

function part(values: ArticleFormValues, field: ConflictField): FieldValue {
  if (field === 'keyPoints') {
    return {
      keyPointsTitle: values.keyPointsTitle.trim(),
      keyPoints: values.keyPoints.map((p) => ({ label: p.label.trim(), text: p.text.trim() })).filter((p) => p.label || p.text),
    };
  }
  if (field === 'authorIds') return { authorIds: values.authorIds.filter(Boolean) };
  if (field === 'tags') return { tags: values.tags.split(',').map((t) => t.trim()).filter(Boolean).join(', ') };
  if (field === 'related') return { related: values.related.split('\n').map((l) => l.trim()).filter(Boolean).join('\n') };
  return { [field]: values[field].replace(/\r\n/g, '\n').trim() };
}

function asText(value: FieldValue, field: ConflictField, names: Names): string {
  if (field === 'keyPoints') {
    const points = value.keyPoints ?? [];
    return points.length ? [value.keyPointsTitle, ...points.map((p) => `${p.label}: ${p.text}`)].join('\n') : '(none)';
  }
  if (field === 'authorIds') return (value.authorIds ?? []).map(names.author).join(', ') || '(nobody)';
  if (field === 'sectionId') return value.sectionId ? names.section(value.sectionId) : '(none)';
  if (field === 'heroMediaId') return value.heroMediaId ? names.image(value.heroMediaId) : '(no image)';
  if (field === 'type') return STORY_TYPE_LABELS[parseStoryType(value.type) ?? DEFAULT_STORY_TYPE];
  const text = value[field];
  return typeof text === 'string' && text !== '' ? text : '(empty)';
}

/** Tags have no order and are matched by name whatever the case: "A, b" and "B, a" are the same tags. */
const comparable = (value: FieldValue) =>
  JSON.stringify(value.tags === undefined ? value : { tags: value.tags.toLowerCase().split(', ').sort() });
const same = (a: FieldValue, b: FieldValue) => comparable(a) === comparable(b);

/**
 * Merges this editor's refused form (`mine`) with the saved article (`theirs`), given the version this
 * editor had loaded (`base`; null when it is no longer known, and then no field is taken automatically).
 */
export function mergeConflict(
  base: ArticleFormValues | null,
  theirs: ArticleFormValues,
  mine: ArticleFormValues,
  names: Names,
): { values: ArticleFormValues; conflicts: FieldConflict[] } {
  const values: ArticleFormValues = { ...mine };
  const conflicts: FieldConflict[] = [];
  for (const field of CONFLICT_FIELDS) {
    const [b, t, m] = [base && part(base, field), part(theirs, field), part(mine, field)];
    if (same(t, m)) continue;
    if (b && same(b, t)) continue; // only this editor changed it: theirs is unchanged, the form keeps mine
    const onlyTheyChanged = b !== null && same(b, m);
    if (onlyTheyChanged) Object.assign(values, t);
    const theirsText = asText(t, field, names);
    const mineText = asText(m, field, names);
    conflicts.push({
      field,
      label: CONFLICT_LABELS[field],
      inForm: onlyTheyChanged ? 'theirs' : 'both',
      changes: diffWords(b ? asText(b, field, names) : mineText, theirsText),
      theirsText,
      mineText,
      theirs: t,
      mine: m,
    });
  }
  return { values, conflicts };
}
