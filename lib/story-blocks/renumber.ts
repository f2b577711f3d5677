import MarkdownIt from 'markdown-it';
import { parseAttributes } from './attributes';
import { blocksOf, storyBlocks } from './syntax';

// Its own parser, like problems.ts: no sanitiser, no work counter, linear in the text.
const md = new MarkdownIt('default', { html: true, linkify: false, maxNesting: 50 }).use(storyBlocks);

/** markdown-it's own line breaks (it reads `\r\n` and `\r` as `\n`), kept in the split so the text is put back as it was. */
const LINE_BREAK = /(\r\n?|\n)/;
const IMAGE_ID = /^[1-9][0-9]{0,15}$/;

/**
 * The text with the id of every image block replaced by `newId(id)`: a site import, where the media
 * library numbers its images afresh (ops/import-export.ts). The image blocks are the ones the block
 * parser reads (in galleries, quotes and lists too; a `::image` line in a code block is text, not a
 * block, and is left alone), and only the digits of each id change: the rest of the text stays byte for
 * byte. An id `newId` does not know (undefined) is left as written.
 */
export function renumberImages(markdown: string, newId: (id: number) => number | undefined): string {
  const parts = markdown.split(LINE_BREAK);
  let changed = false;
  for (const { block, token } of blocksOf(md.parse(markdown, {}))) {
    // Also a block readers do not get for another reason (a bad size, an unknown attribute): it still
    // names the image, and names the right one once the editor mends it.
    if (block.name !== 'image' || !IMAGE_ID.test(block.attributes.id ?? '') || !token.map) continue;
    // Lines are at the even places of the split (the breaks between them at the odd ones).
    const at = token.map[0] * 2;
    const line = parts[at];
    if (line === undefined) continue;
    // A leaf is `::name{…}` after what opens its line (a quote's `>`, a list's marker, spaces): one whose
    // attributes were read has no [label], so they are between its first `{` and its last `}`.
    const open = line.indexOf('{', line.indexOf('::'));
    const close = line.lastIndexOf('}');
    if (open < 0 || close <= open) continue;
    const parsed = parseAttributes(line.slice(open + 1, close));
    const span = parsed.ok ? parsed.spans.id : undefined;
    if (!parsed.ok || !span) continue;
    const from = Number(parsed.attributes.id);
    const to = newId(from);
    if (to === undefined || to === from) continue;
    parts[at] = line.slice(0, open + 1 + span[0]) + String(to) + line.slice(open + 1 + span[1]);
    changed = true;
  }
  return changed ? parts.join('') : markdown;
}
