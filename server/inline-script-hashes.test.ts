import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VIEW_BEACON_SCRIPT } from '@/components/site/ViewBeacon';
import { isSiteInlineScript, scriptHash, siteInlineScriptHashes } from './inline-script-hashes';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const flight = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[39756,[],\\"default\\"]\\n"])';
const bootstrap = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/22872pj1_1x8c.js"],"runtimeModuleIds":[94553]});';

describe('isSiteInlineScript', () => {
  it('recognises the scripts Next and the view beacon write', () => {
    for (const text of [VIEW_BEACON_SCRIPT, '(self.__next_f=self.__next_f||[]).push([0])', flight, 'self.__next_f.push([2])', bootstrap]) {
      expect(isSiteInlineScript(text), text).toBe(true);
    }
  });

  it('refuses anything else, including code dressed as Next’s data', () => {
    for (const text of [
      'alert(1)',
      `${VIEW_BEACON_SCRIPT};alert(1)`,
      'self.__next_f.push([1,"x"]);alert(1)',
      'self.__next_f.push([1,"x"]),alert(1)//)',
      'self.__next_f.push([1,alert(1)])',
      'self.__next_f.push([1,"a","b"])',
      'self.__next_f.push({"0":1})',
      'self.__next_f.push([1,"x"]) ',
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["https://evil.example/x.js"]});',
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/../../x.js"]});',
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"other":[1]});',
      '',
    ]) {
      expect(isSiteInlineScript(text), text).toBe(false);
    }
  });
});

describe('siteInlineScriptHashes', () => {
  it('hashes the site’s inline scripts once each, and nothing external, data-only or injected', () => {
    const html = [
      '<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script>',
      `<script id="_R_">${bootstrap}</script>`,
      '<script type="application/ld+json">{"@context":"https://schema.org"}</script></head><body>',
      '<h1>Story</h1><script>alert("injected")</script><SCRIPT>alert(2)</SCRIPT>',
      `<script data-article="61">${VIEW_BEACON_SCRIPT}</script>`,
      '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
      `<script>${flight}</script><script>${flight}</script>`,
      '<script type="text/plain">self.__next_f.push([3])</script>',
      '</body></html>',
    ].join('');
    expect(siteInlineScriptHashes(html)).toEqual([
      sha(bootstrap),
      sha(VIEW_BEACON_SCRIPT),
      sha('(self.__next_f=self.__next_f||[]).push([0])'),
      sha(flight),
    ]);
    expect(siteInlineScriptHashes(html)).not.toContain(sha('alert("injected")'));
  });

  it('writes hashes as CSP sources', () => {
    expect(scriptHash('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
