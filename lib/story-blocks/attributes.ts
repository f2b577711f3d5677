/**
 * The attributes of a story block, `{id=12 size="wide" alt="A \"quoted\" word"}` (docs/decisions/0017):
 * `name=value` pairs separated by spaces; a value is digits, or text in double quotes where `\"` is a
 * quote and `\\` a backslash. One pass over the text, so any line costs time in proportion to its length.
 */

export type BlockAttributes = Record<string, string>;

/** Where each value is written in the text read (from its first character to after its last, quotes not included). */
export type AttributeSpans = Record<string, readonly [start: number, end: number]>;

export type AttributesResult = { ok: true; attributes: BlockAttributes; spans: AttributeSpans } | { ok: false; message: string };

const NAME = /[a-z]/;

/** Reads the text between the braces. Unknown names are the caller's to judge; a repeated name is refused. */
export function parseAttributes(text: string): AttributesResult {
  const attributes: BlockAttributes = {};
  const spans: Record<string, readonly [number, number]> = {};
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= n) break;
    const nameStart = i;
    while (i < n && NAME.test(text[i]!)) i++;
    const name = text.slice(nameStart, i);
    if (name === '') return { ok: false, message: `Expected an attribute name at “${text.slice(nameStart, nameStart + 12)}”` };
    if (text[i] !== '=') return { ok: false, message: `Write ${name}="…" (an attribute needs = and a value)` };
    i++;
    let value = '';
    let span: readonly [number, number];
    if (text[i] === '"') {
      i++;
      const valueStart = i;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '\\' && i + 1 < n && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          value += text[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return { ok: false, message: `The value of ${name} has no closing quote` };
      span = [valueStart, i - 1];
    } else {
      const valueStart = i;
      while (i < n && /[0-9]/.test(text[i]!)) i++;
      value = text.slice(valueStart, i);
      if (value === '') return { ok: false, message: `Put the value of ${name} in double quotes` };
      span = [valueStart, i];
    }
    if (i < n && text[i] !== ' ' && text[i] !== '\t') return { ok: false, message: `Put a space after the value of ${name}` };
    if (Object.hasOwn(attributes, name)) return { ok: false, message: `${name} is given twice` };
    attributes[name] = value;
    spans[name] = span;
  }
  return { ok: true, attributes, spans };
}

/** An attribute value as the canonical form writes it: in double quotes, `"` and `\` escaped. */
export const quoteAttribute = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
