'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { mediaVariantsOf } from '@/lib/media/names';
import { mediaUrl } from '@/lib/paths';
import type { MediaChoice } from './MediaLibraryPicker.client';
import './story-facts.css';

/** Recommended lengths, as the big search engines and social networks show them (characters). */
export const RECOMMENDED = {
  headline: [30, 80],
  summary: [100, 250],
  seoTitle: [30, 60],
  seoDescription: [70, 160],
} as const;

/** The body's words, without Markdown's marks and the blocks' directive lines (their captions are not read as the story). */
export function wordCount(markdown: string): number {
  const text = markdown
    .split('\n')
    .filter((line) => !/^\s*:{2,3}/.test(line) && !/^\s*\|?\s*:?-{3,}/.test(line))
    .join('\n')
    .replace(/\]\([^)]*\)/g, ']');
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu)?.length ?? 0;
}

/** Minutes to read at 230 words a minute, at least one. */
export const readingMinutes = (words: number) => Math.max(1, Math.round(words / 230));

/** The length of a field as typed, against its recommended range; updates as the field changes. */
export function CharCount({ field, range }: { field: string; range: readonly [number, number] }) {
  const [length, setLength] = useState<number | null>(null);
  useEffect(() => {
    const input = document.getElementById(field) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!input) return;
    const update = () => setLength(input.value.trim().length);
    update();
    input.addEventListener('input', update);
    return () => input.removeEventListener('input', update);
  }, [field]);
  if (length === null) return null;
  const [low, high] = range;
  const verdict = length === 0 ? '' : length < low ? ': short' : length > high ? ': long' : ': good';
  return (
    <p className={`char-count${verdict === ': good' ? ' char-count--good' : verdict ? ' char-count--off' : ''}`} id={`${field}-count`}>
      {length} characters (recommended {low}–{high}){verdict}
    </p>
  );
}

/** Reads the article form's current values whenever it changes (the fields are not controlled by React). */
function useFormValues(anchor: React.RefObject<HTMLElement | null>, names: readonly string[]): Record<string, string> {
  const [values, setValues] = useState<Record<string, string>>({});
  const key = names.join(',');
  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    const read = () => {
      const data = new FormData(form);
      setValues(Object.fromEntries(key.split(',').map((name) => [name, String(data.get(name) ?? '')])));
    };
    read();
    form.addEventListener('input', read);
    form.addEventListener('change', read);
    return () => {
      form.removeEventListener('input', read);
      form.removeEventListener('change', read);
    };
  }, [anchor, key]);
  return values;
}

/** The site's host name as this browser reached it (the newsroom and the site share it). */
const noSubscription = () => () => undefined;
function useHost(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.host,
    () => '',
  );
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * The side column's facts about the story: words and reading time of the body, and how the story looks as
 * a search result and as a shared card (the search title and description, else the headline and summary).
 */
export function EditorStoryFacts({ body, publicPath, media }: { body: string; publicPath: string | null; media: readonly MediaChoice[] }) {
  const anchor = useRef<HTMLDivElement>(null);
  const siteName = useHost();
  const values = useFormValues(anchor, ['headline', 'summary', 'seoTitle', 'seoDescription', 'heroMediaId', 'slug']);
  const words = wordCount(body);
  const title = (values.seoTitle || values.headline || 'Headline').trim();
  const description = (values.seoDescription || values.summary || 'The summary shows here.').trim();
  const path = publicPath ?? `/…/${values.slug || 'the-story'}`;
  const hero = media.find((m) => String(m.id) === values.heroMediaId);
  const heroFile = hero?.fileName ? mediaVariantsOf(hero)[0]?.fileName : undefined;
  return (
    <div className="story-facts" ref={anchor}>
      <p className="story-facts__counts">
        <strong>{words.toLocaleString('en-GB')}</strong> words · <strong>{readingMinutes(words)} min</strong> read
      </p>
      <h2 className="story-facts__heading">In search results</h2>
      <div className="serp-preview" aria-label="Search result preview" role="group">
        <span className="serp-preview__url">
          {siteName} › {path.split('/').filter(Boolean).join(' › ')}
        </span>
        <span className="serp-preview__title">{cut(title, 60)}</span>
        <span className="serp-preview__text">{cut(description, 160)}</span>
      </div>
      <h2 className="story-facts__heading">When shared</h2>
      <div className="card-preview" aria-label="Social card preview" role="group">
        {heroFile ? <img src={mediaUrl(heroFile)} alt="" width={288} height={151} /> : <span className="card-preview__noimage">No image: the site's logo card is shown</span>}
        <span className="card-preview__site">{siteName}</span>
        <span className="card-preview__title">{cut(title, 90)}</span>
        <span className="card-preview__text">{cut(description, 120)}</span>
      </div>
    </div>
  );
}
