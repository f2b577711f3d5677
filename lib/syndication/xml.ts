/**
 * Characters XML 1.0 does not allow anywhere, even escaped: C0 controls other than tab, newline and
 * carriage return, lone surrogates, U+FFFE and U+FFFF. Headlines pasted from elsewhere can hold them,
 * and one would make a whole feed unreadable.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Tabs and line breaks go as references: an attribute would otherwise read them as spaces, and a
// parser turns a carriage return anywhere into a newline.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** The text as XML can carry it: without the characters XML 1.0 does not allow. */
export function xmlCharacters(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** Text made safe for XML element content and attribute values alike. */
export function escapeXml(text: string): string {
  return xmlCharacters(text).replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

/** The XML declaration every document we write starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
