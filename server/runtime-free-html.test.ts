import { describe, expect, it } from 'vitest';
import { VIEW_BEACON_SCRIPT } from '@/components/site/ViewBeacon';
import { isNextInlineScript, withoutClientRuntime } from './runtime-free-html';

const flight = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[39756,[],\\"default\\"]\\n"])';
const bootstrap = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/22872pj1_1x8c.js"],"runtimeModuleIds":[94553]});';

describe('isNextInlineScript', () => {
  it('recognises the scripts Next writes', () => {
    for (const text of ['(self.__next_f=self.__next_f||[]).push([0])', flight, 'self.__next_f.push([2])', bootstrap]) {
      expect(isNextInlineScript(text), text).toBe(true);
    }
  });

  it('refuses anything else, including code dressed as Next’s data', () => {
    for (const text of [
      'alert(1)',
      VIEW_BEACON_SCRIPT,
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
      expect(isNextInlineScript(text), text).toBe(false);
    }
  });
});

describe('withoutClientRuntime', () => {
  const kept = [
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
    '<link rel="stylesheet" href="/_next/static/chunks/3f1yrov2aabou.css" data-precedence="next"/>',
    '<link rel="preload" as="image" href="/media/a.webp"/><link rel="canonical" href="http://x/a"/>',
    '<script type="application/ld+json">{"@context":"https://schema.org","name":"self.__next_f"}</script>',
    '<style>a::before{content:"<script src=/_next/x.js></script>"}</style>',
    '</head><body><h1>Story</h1><!--$--><p>Text</p><!--/$-->',
    `<script data-article="61">${VIEW_BEACON_SCRIPT}</script>`,
    '<script>alert("injected")</script><script src="/evil.js"></script><script src="/_next/static/x.js">alert(1)</script>',
    '<script>self.__next_f.push([1,"x"]);alert(1)</script>',
  ];
  const runtime = [
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/1n_-3any0xq53.js"/>',
    '<link rel="modulepreload" href="/_next/static/chunks/m.js"/>',
    '<script src="/_next/static/chunks/373g-g8xky79j.js" async=""></script>',
    '<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>',
    `<script id="_R_">${bootstrap}</script>`,
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    `<script>${flight}</script>`,
  ];

  it('takes out exactly the runtime’s elements, wherever they stand, and leaves every other byte as it was', () => {
    const parts = kept.flatMap((part, index) => [part, runtime[index % runtime.length] ?? '']);
    const html = `${parts.join('')}</body></html>`;
    expect(withoutClientRuntime(html)).toBe(`${kept.join('')}</body></html>`);
  });

  it('leaves a page without the runtime unchanged', () => {
    const html = `${kept.join('')}</body></html>`;
    expect(withoutClientRuntime(html)).toBe(html);
  });
});
