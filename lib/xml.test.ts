import { expect, it } from 'vitest';
import { escapeXml } from './xml';
import { xmllintErrors } from './xml-validation';

it('escapes markup and quotes, so text is safe in content and in attributes', () => {
  expect(escapeXml(`a & b <c> "d" 'e' ]]>`)).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; ]]&gt;');
});

it('drops the characters XML 1.0 forbids and keeps every other one', () => {
  expect(escapeXml('a\u0000b\u0001\u0008\u000b\u000c\u001f\ufffe\uffffc\ud800d\udc00e')).toBe('abcde');
  expect(escapeXml('tab\tnewline\ncr\r é 中 😀 \ufffd')).toBe('tab\tnewline\ncr\r é 中 😀 \ufffd');
});

it('gives a well-formed document whatever the text', () => {
  const hostile = '</script><![CDATA[ & ]]> \u0000\u0007 <!-- --> "\'';
  const xml = `<r a="${escapeXml(hostile)}">${escapeXml(hostile)}</r>`;
  expect(xmllintErrors(xml, 'none')).toBe('');
});
