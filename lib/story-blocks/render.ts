import type { MarkdownIt, Token } from 'markdown-it';
import type { ImageRef } from '@/db/types';
import { fallbackSrc, NARROW_SCREEN, narrowScreenSrcset, srcsetOf, storyImageSizes } from '@/lib/media/responsive-images';
import { recogniseEmbed } from './embeds';
import { blocksOf, type ImageSize, type StoryBlock } from './syntax';

/**
 * Story blocks as HTML (docs/decisions/0017): written when an article is saved, then sanitised with the
 * rest of the body (lib/markdown.ts allows exactly this markup). Images are the media library's own,
 * looked up in one query per render (`env.images`), so a reader's request never reads them.
 */

export type BlockRenderEnv = {
  /** The media library's images the body names, by id (missing: an unknown id, which renders nothing). */
  images?: ReadonlyMap<number, ImageRef>;
  /** Counts the work of each block's HTML against the render's work limit (lib/markdown.ts); may throw to stop it. */
  work?: (steps: number) => void;
};

/** The sanitiser's steps for one block's HTML (a tag or piece of text each): counted before it is written. */
const IMAGE_STEPS = 8;
const EMBED_STEPS = 8;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The ids of the images a parsed body names, each once. */
export function imageIdsOf(tokens: readonly Token[]): number[] {
  const ids = new Set<number>();
  for (const { block } of blocksOf(tokens)) if (block.name === 'image' && !block.problem) ids.add(Number(block.attributes.id));
  return [...ids];
}

/** An inline image as readers get it: like the article's hero, but lazy, at the width its size gives it. */
export function imageHtml(image: ImageRef, block: StoryBlock, inGallery: boolean): string {
  const size = (block.attributes.size ?? 'column') as ImageSize;
  const sizes = storyImageSizes[inGallery ? 'gallery' : size];
  const alt = block.attributes.alt || image.alt;
  const caption = block.attributes.caption || image.caption;
  const credit = block.attributes.credit || image.credit;
  const img =
    `<img src="${escapeHtml(fallbackSrc(image))}" srcset="${escapeHtml(srcsetOf(image))}" sizes="${sizes}" alt="${escapeHtml(alt)}"` +
    ` width="${image.width}" height="${image.height}" loading="lazy" decoding="async">`;
  const narrow = narrowScreenSrcset(image);
  const picture = narrow === null ? img : `<picture><source media="${NARROW_SCREEN}" srcset="${escapeHtml(narrow)}" sizes="${sizes}">${img}</picture>`;
  const figcaption =
    caption || credit ? `<figcaption>${escapeHtml(caption)}${credit ? `<span class="credit"> ${escapeHtml(credit)}</span>` : ''}</figcaption>` : '';
  const className = inGallery ? 'story-image' : `story-image story-image--${size}`;
  return `<figure class="${className}">${picture}${figcaption}</figure>\n`;
}

/** An embed as a facade: the provider, the title and the link; the reader page's script turns it into the player on a click. */
export function embedHtml(block: StoryBlock): string {
  const url = block.attributes.url ?? '';
  const title = block.attributes.title ?? '';
  const embed = recogniseEmbed(url);
  if (!embed) {
    // Not a provider the site knows: a plain link, as written.
    return `<p><a href="${escapeHtml(url)}">${escapeHtml(title || url)}</a></p>\n`;
  }
  const verb = embed.kind === 'video' ? 'Watch' : 'View';
  const what = embed.kind === 'video' ? 'video' : 'post';
  const frame = embed.frame ? ` data-embed="${escapeHtml(embed.frame)}"` : '';
  return (
    `<figure class="embed embed--${embed.kind}"${frame}>` +
    `<p class="embed__provider">${escapeHtml(embed.provider)} ${what}</p>` +
    (title ? `<blockquote class="embed__text"><p>${escapeHtml(title)}</p></blockquote>` : '') +
    `<figcaption><a href="${escapeHtml(embed.url)}">${verb} on ${escapeHtml(embed.provider)}</a></figcaption>` +
    `</figure>\n`
  );
}

/** Adds the renderer rules for story blocks to a markdown-it that parses them (syntax.ts). */
export function renderStoryBlocks(md: MarkdownIt): void {
  // Containers open, innermost last: what a leaf or a table inside one needs to know of it.
  const open: StoryBlock[] = [];
  md.core.ruler.push('story_reset', () => {
    open.length = 0;
  });
  md.renderer.rules.story_leaf = (tokens, idx, _options, env) => {
    const block = tokens[idx]!.meta as StoryBlock;
    if (block.problem) return '';
    const { images, work } = (env ?? {}) as BlockRenderEnv;
    work?.(block.name === 'embed' ? EMBED_STEPS : IMAGE_STEPS);
    if (block.name === 'embed') return embedHtml(block);
    const image = images?.get(Number(block.attributes.id));
    return image ? imageHtml(image, block, open.at(-1)?.name === 'gallery') : '';
  };
  md.renderer.rules.container_story_open = (tokens, idx) => {
    const block = tokens[idx]!.meta as StoryBlock;
    open.push(block);
    if (block.problem) return '';
    const a = block.attributes;
    switch (block.name) {
      case 'gallery':
        return '<div class="gallery">\n';
      case 'pullquote':
        return '<figure class="pullquote"><blockquote>\n';
      case 'factbox':
        return `<aside class="factbox" aria-label="${escapeHtml(a.title || 'Fact box')}">\n${a.title ? `<h2>${escapeHtml(a.title)}</h2>\n` : ''}`;
      default:
        return '';
    }
  };
  md.renderer.rules.container_story_close = () => {
    const block = open.pop();
    if (!block || block.problem) return '';
    switch (block.name) {
      case 'gallery':
        return '</div>\n';
      case 'pullquote':
        return `</blockquote>${block.attributes.cite ? `<figcaption>${escapeHtml(block.attributes.cite)}</figcaption>` : ''}</figure>\n`;
      case 'factbox':
        return '</aside>\n';
      default:
        return '';
    }
  };
  // Every table scrolls sideways inside its own box on a narrow screen; a table block adds its caption.
  md.renderer.rules.table_open = () => {
    const block = open.at(-1);
    const caption = block?.name === 'table' && !block.problem ? (block.attributes.caption ?? '') : '';
    return (
      `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(caption || 'Table')}">` +
      `<table>\n${caption ? `<caption>${escapeHtml(caption)}</caption>\n` : ''}`
    );
  };
  md.renderer.rules.table_close = () => '</table></div>\n';
  md.renderer.rules.th_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('scope', 'col');
    return self.renderToken(tokens, idx, options);
  };
}
