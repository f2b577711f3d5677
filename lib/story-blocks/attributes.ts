/**
 * The attributes of a story block, `{id=12 size="wide" alt="A \"quoted\" word"}` (docs/decisions/0017):
 * `name=value` pairs separated by spaces; a value is digits, or text in double quotes where `\"` is a
 * quote and `\\` a backslash. One pass over the text, so any line costs time in proportion to its length.
 */

export type BlockAttributes = Record<string, string>;

export type AttributesResult = { ok: true; attributes: BlockAttributes } | { ok: false; message: string };

const NAME = /[a-z]/;

/** Reads the text between the braces. Unknown names are the caller's to judge; a repeated name is refused. */
export function parseAttributes(text: string): AttributesResult {
  const attributes: BlockAttributes = {};
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
    if (text[i] === '"') {
      i++;
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
    } else {
      const valueStart = i;
      while (i < n && /[0-9]/.test(text[i]!)) i++;
      value = text.slice(valueStart, i);
      if (value === '') return { ok: false, message: `Put the value of ${name} in double quotes` };
    }
    if (i < n && text[i] !== ' ' && text[i] !== '\t') return { ok: false, message: `Put a space after the value of ${name}` };
    if (Object.hasOwn(attributes, name)) return { ok: false, message: `${name} is given twice` };
    attributes[name] = value;
  }
  return { ok: true, attributes };
}

/** An attribute value as the canonical form writes it: in double quotes, `"` and `\` escaped. */
export const quoteAttribute = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
