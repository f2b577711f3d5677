import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SHARE_COPY_SCRIPT } from '@/components/site/ShareLinks';
import { VIEW_BEACON_SCRIPT } from '@/components/site/ViewBeacon';
import { isSiteInlineScript, scriptHash, siteInlineScriptHashes, SITE_INLINE_SCRIPTS } from './inline-script-hashes';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const flight = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])';

describe('isSiteInlineScript', () => {
  it('recognises the view beacon, and nothing else: not code around it, not Next’s scripts', () => {
    expect(isSiteInlineScript(VIEW_BEACON_SCRIPT)).toBe(true);
    expect(isSiteInlineScript(SHARE_COPY_SCRIPT)).toBe(true);
    for (const text of ['alert(1)', `${VIEW_BEACON_SCRIPT};alert(1)`, ` ${VIEW_BEACON_SCRIPT}`, flight, '(self.__next_f=self.__next_f||[]).push([0])', '']) {
      expect(isSiteInlineScript(text), text).toBe(false);
    }
  });

  it('keeps each of the site’s scripts under 2 KB compressed', () => {
    for (const script of SITE_INLINE_SCRIPTS) expect(gzipSync(script).length).toBeLessThan(2_048);
  });
});

describe('siteInlineScriptHashes', () => {
  it('hashes the site’s inline scripts once each, and nothing external, data-only, Next’s or injected', () => {
    const html = [
      '<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script>',
      '<script type="application/ld+json">{"@context":"https://schema.org"}</script></head><body>',
      '<h1>Story</h1><script>alert("injected")</script><SCRIPT>alert(2)</SCRIPT>',
      `<script data-article="61">${VIEW_BEACON_SCRIPT}</script>`,
      `<script>${flight}</script><script data-article="62">${VIEW_BEACON_SCRIPT}</script>`,
      `<script type="text/plain">${VIEW_BEACON_SCRIPT}</script>`,
      '</body></html>',
    ].join('');
    expect(siteInlineScriptHashes(html)).toEqual([sha(VIEW_BEACON_SCRIPT)]);
  });

  it('writes hashes as CSP sources', () => {
    expect(scriptHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
