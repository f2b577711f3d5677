import { describe, expect, it } from 'vitest';
import { renderErrorPage } from './error-page';

const STYLESHEET = ':root { --brand: #0b2d5b; }\n.not-found { padding: 3rem 1rem; }';

describe('renderErrorPage', () => {
  const reader = renderErrorPage({ siteName: 'Harbour Times', language: 'cy', stylesheet: STYLESHEET, newsroom: false });

  it("is a whole document with the site's name, language and look, and no script", () => {
    expect(reader.startsWith('<!DOCTYPE html><html lang="cy"><head><meta charSet="utf-8"/>')).toBe(true);
    expect(reader).toContain('<title>Something went wrong | Harbour Times</title>');
    expect(reader).toContain('<meta name="robots" content="noindex"/>');
    expect(reader).toContain(`>${STYLESHEET}</style>`);
    expect(reader).toMatch(/<a class="site-header__name" href="\/">Harbour Times<\/a>/);
    expect(reader).toContain('<form class="site-search"');
    expect(reader).not.toMatch(/<script|<link[^>]+stylesheet/);
  });

  it('says what happened and where to go, readers to the front page and the newsroom to its dashboard', () => {
    expect(reader).toContain('<h1>Something went wrong on our side</h1>');
    expect(reader).toContain('<a href="/">Go to the front page</a>');
    const newsroom = renderErrorPage({ siteName: 'Harbour Times', language: 'en', stylesheet: STYLESHEET, newsroom: true });
    expect(newsroom).toContain('<a href="/admin">Go to the newsroom dashboard</a>');
    expect(newsroom).not.toContain('Go to the front page');
  });
});
