import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { escapeXml, xmlCharacters } from './xml';
import { xmllintErrors } from '@/test/support/xml-validation';

it('escapes markup and quotes, so text is safe in content and in attributes', () => {
  expect(escapeXml(`a & b <c> "d" 'e' ]]>`)).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; ]]&gt;');
});

it('drops the characters XML 1.0 forbids and keeps every other one', () => {
  expect(escapeXml('a\u0000b\u0001\u0008\u000b\u000c\u001f\ufffe\uffffc\ud800d\udc00e')).toBe('abcde');
  expect(xmlCharacters('tab\tnewline\ncr\r é 中 😀 \ufffd\u0001')).toBe('tab\tnewline\ncr\r é 中 😀 \ufffd');
});

it('writes tabs and line breaks as references, so an attribute value reads back as written', () => {
  const text = 'a\tb\nc\rd\r\ne';
  expect(escapeXml(text)).toBe('a&#9;b&#10;c&#13;d&#13;&#10;e');
  const read = spawnSync('xmllint', ['--xpath', 'string(/r/@a)', '-'], { input: `<r a="${escapeXml(text)}"/>`, encoding: 'utf8' });
  // xmllint ends what it prints with a newline of its own.
  expect(read.stdout).toBe(`${text}\n`);
});

it('gives a well-formed document whatever the text', () => {
  const hostile = '</script><![CDATA[ & ]]> \u0000\u0007 <!-- --> "\'';
  const xml = `<r a="${escapeXml(hostile)}">${escapeXml(hostile)}</r>`;
  expect(xmllintErrors(xml, 'none')).toBe('');
});
