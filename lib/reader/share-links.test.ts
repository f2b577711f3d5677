import { describe, expect, it } from 'vitest';
import { shareLinks } from './share-links';

const url = 'https://news.example.com/world/talks-resume';

describe('shareLinks', () => {
  it('offers email, WhatsApp, X, Facebook and LinkedIn, each with the page address and headline encoded', () => {
    const links = shareLinks(url, 'Talks resume & "progress" at 50% — Zelenskyý?');
    expect(links.map((link) => link.network)).toEqual(['Email', 'WhatsApp', 'X', 'Facebook', 'LinkedIn']);
    const byNetwork = Object.fromEntries(links.map((link) => [link.network, new URL(link.href)]));
    expect(byNetwork.Email!.protocol).toBe('mailto:');
    expect(byNetwork.Email!.searchParams.get('subject')).toBe('Talks resume & "progress" at 50% — Zelenskyý?');
    expect(byNetwork.Email!.searchParams.get('body')).toBe(`Talks resume & "progress" at 50% — Zelenskyý?\n\n${url}`);
    expect(byNetwork.WhatsApp!.origin).toBe('https://wa.me');
    expect(byNetwork.WhatsApp!.searchParams.get('text')).toBe(`Talks resume & "progress" at 50% — Zelenskyý? ${url}`);
    expect(byNetwork.X!.origin + byNetwork.X!.pathname).toBe('https://x.com/intent/post');
    expect(byNetwork.X!.searchParams.get('url')).toBe(url);
    expect(byNetwork.X!.searchParams.get('text')).toBe('Talks resume & "progress" at 50% — Zelenskyý?');
    expect(byNetwork.Facebook!.origin + byNetwork.Facebook!.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
    expect(byNetwork.Facebook!.searchParams.get('u')).toBe(url);
    expect(byNetwork.LinkedIn!.origin + byNetwork.LinkedIn!.pathname).toBe('https://www.linkedin.com/sharing/share-offsite/');
    expect(byNetwork.LinkedIn!.searchParams.get('url')).toBe(url);
  });

  it('never lets the headline add a parameter or leave the address (every reserved character is encoded)', () => {
    for (const link of shareLinks(url, 'a&u=https://evil.example/#x?y= z\n"<b>')) {
      expect(link.href).not.toMatch(/[\s"<>]/);
      expect(link.href).not.toContain('evil.example/');
      expect(link.href).not.toContain('#');
    }
  });

  it('gives every link an accessible name that says where it shares', () => {
    expect(shareLinks(url, 'T').map((link) => link.label)).toEqual([
      'Share by email',
      'Share on WhatsApp',
      'Share on X',
      'Share on Facebook',
      'Share on LinkedIn',
    ]);
  });
});
