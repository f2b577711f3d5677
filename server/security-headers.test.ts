import { describe, expect, it } from 'vitest';
import { readerPolicy, securityHeadersFor } from './security-headers';

const directives = (csp: string | undefined) => new Map((csp ?? '').split('; ').map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));

describe('securityHeadersFor', () => {
  it('gives reader pages a policy without plugins, <base>, framing or other origins', () => {
    const { response, request } = securityHeadersFor('/politics/a-story', { https: false });
    const csp = directives(response['Content-Security-Policy']);
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('default-src')).toBe("'self'");
    // No script at all, until the page's own inline ones are hashed into it (readerPolicy).
    expect(csp.get('script-src')).toBe("'none'");
    expect(response['X-Content-Type-Options']).toBe('nosniff');
    expect(response['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(response['Permissions-Policy']).toMatch(/camera=\(\)/);
    expect(response['Strict-Transport-Security']).toBeUndefined();
    expect(request).toEqual({});
  });

  it('allows on a reader page exactly the inline scripts whose hashes it is given, and no script file', () => {
    const csp = directives(readerPolicy(["'sha256-abc='", "'sha256-def='"]));
    expect(csp.get('script-src')).toBe("'sha256-abc=' 'sha256-def='");
    expect(csp.get('object-src')).toBe("'none'");
    expect(directives(readerPolicy()).get('script-src')).not.toMatch(/unsafe/);
  });

  it('allows frames only on a page with embeds, and only from its embeds’ providers', () => {
    expect(directives(readerPolicy(["'sha256-abc='"])).has('frame-src')).toBe(false);
    const csp = directives(readerPolicy(["'sha256-abc='"], ['https://player.vimeo.com', 'https://www.youtube-nocookie.com']));
    expect(csp.get('frame-src')).toBe('https://player.vimeo.com https://www.youtube-nocookie.com');
    expect(csp.get('default-src')).toBe("'self'");
  });

  it('gives the newsroom a nonce policy without unsafe-inline scripts, and hands Next the nonce', () => {
    const { response, request } = securityHeadersFor('/admin/articles', { https: true, nonce: 'abc123' });
    const scripts = directives(response['Content-Security-Policy']).get('script-src');
    expect(scripts).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(scripts).not.toMatch(/unsafe-inline/);
    expect(request['content-security-policy']).toBe(response['Content-Security-Policy']);
    expect(response['Strict-Transport-Security']).toMatch(/^max-age=\d{8}/);
  });

  it('makes a new nonce for every request', () => {
    const nonceOf = () => /'nonce-([^']+)'/.exec(securityHeadersFor('/preview/1', { https: false }).response['Content-Security-Policy'] ?? '')?.[1];
    const first = nonceOf();
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf()).not.toBe(first);
  });
});
