'use client';

import { useEffect, useState } from 'react';

/** The body rendered as readers will see it, refreshed shortly after typing pauses. */
export function MarkdownPreview({ markdown, previewMarkdown }: { markdown: string; previewMarkdown: (markdown: string) => Promise<string> }) {
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
  }, [markdown, previewMarkdown]);
  return (
    <section className="markdown-preview" aria-label="Body preview" aria-live="polite">
      {/* Sanitised on the server by the same code as the article page. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
