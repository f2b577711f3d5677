'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Searches published articles as you type and adds the chosen one to the related list (the textarea
 * named by `targetId`). Without JavaScript, addresses can still be pasted into that list.
 */
export function RelatedFinder({
  targetId,
  findArticlesToRelate,
}: {
  targetId: string;
  findArticlesToRelate: (query: string) => Promise<{ slug: string; headline: string }[]>;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ slug: string; headline: string }[]>([]);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void findArticlesToRelate(query).then((articles) => {
        if (current) setFound(articles);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, findArticlesToRelate]);

  const add = () => {
    const target = document.getElementById(targetId);
    const slug = query.trim();
    if (!(target instanceof HTMLTextAreaElement) || !slug) return;
    const lines = target.value.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.includes(slug)) target.value = [...lines, slug].join('\n');
    // The form listens for input (autosave): tell it the list changed.
    target.dispatchEvent(new Event('input', { bubbles: true }));
    setQuery('');
    input.current?.focus();
  };

  return (
    <div className="related-finder">
      <label htmlFor="related-find">Find a published article</label>
      <div className="related-finder__row">
        <input
          id="related-find"
          ref={input}
          type="search"
          list="related-suggestions"
          value={query}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={add}>
          Add to related
        </button>
      </div>
      <datalist id="related-suggestions">
        {found.map((article) => (
          <option key={article.slug} value={article.slug} label={article.headline} />
        ))}
      </datalist>
    </div>
  );
}
