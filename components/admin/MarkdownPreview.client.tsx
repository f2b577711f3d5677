'use client';

import { useEffect, useState } from 'react';
import { previewMarkdown } from '@/app/admin/articles/actions';

/** The body rendered as readers will see it, refreshed shortly after typing pauses. */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState('');
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void previewMarkdown(markdown).then((rendered) => {
        if (current) setHtml(rendered);
      });
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [markdown]);
  return (
    <section className="markdown-preview" aria-label="Body preview" aria-live="polite">
      {/* Sanitised on the server by the same code as the article page. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
