import { Mark, markPasteRule, mergeAttributes, type PasteRuleMatch } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * The body's link mark: what the editor needs of `@tiptap/extension-link` (href and title, setLink and
 * unsetLink, a URL pasted over selected text links it, URLs in pasted text become links), without its
 * linkifyjs, which with it was 12.5 KB gzip of the editor's 185 KB (decision 18's amendment). Links are only
 * http(s), mailto or the site's own paths, as the link dialog accepts; a pasted `<a href="javascript:…">`
 * arrives as plain text.
 */

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    storyLink: {
      /** Links the selection (or extends the link around the cursor) to `href`. */
      setLink: (attributes: { href: string; title?: string | null }) => ReturnType;
      /** Removes the link around the selection or the cursor. */
      unsetLink: () => ReturnType;
    };
  }
}

/** A link address the body may hold: http(s), mailto, or a path or fragment of this site. */
export function isAllowedHref(href: string): boolean {
  // Browsers ignore whitespace and control characters in a scheme ("java\tscript:"): so does this check.
  const url = [...href].filter((c) => c > ' ').join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return scheme ? ['http', 'https', 'mailto'].includes(scheme.toLowerCase()) : url.length > 0;
}

/** One whole pasted URL (a link over the selection). */
const WHOLE_URL = /^(?:https?:\/\/|mailto:)[^\s<>"]+$/i;
/** URLs inside pasted text; a sentence's closing punctuation is not part of them. */
const URLS = /\bhttps?:\/\/[^\s<>"]*[^\s<>".,;:!?'")\]]/gi;

export function findUrls(text: string): PasteRuleMatch[] {
  return [...text.matchAll(URLS)].map((match) => ({ index: match.index, text: match[0], data: { href: match[0] } }));
}

export const StoryLink = Mark.create({
  name: 'link',
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  inclusive: false,
  addAttributes() {
    return {
      href: { default: null, parseHTML: (element) => element.getAttribute('href') },
      title: { default: null, parseHTML: (element) => element.getAttribute('title') },
    };
  },
  parseHTML() {
    return [{ tag: 'a[href]', getAttrs: (element) => (isAllowedHref(element.getAttribute('href') ?? '') ? null : false) }];
  },
  renderHTML({ HTMLAttributes }) {
    const href = typeof HTMLAttributes.href === 'string' && isAllowedHref(HTMLAttributes.href) ? HTMLAttributes.href : '';
    return ['a', mergeAttributes(HTMLAttributes, { href, rel: 'noopener noreferrer nofollow' }), 0];
  },
  addCommands() {
    return {
      setLink:
        (attributes) =>
        ({ chain }) =>
          isAllowedHref(attributes.href) && chain().setMark(this.name, attributes).run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain().unsetMark(this.name, { extendEmptyMarkRange: true }).run(),
    };
  },
  addPasteRules() {
    return [markPasteRule({ find: findUrls, type: this.type, getAttributes: (match) => ({ href: (match.data as { href: string }).href }) })];
  },
  addProseMirrorPlugins() {
    const { editor, type } = this;
    return [
      new Plugin({
        key: new PluginKey('storyLinkPaste'),
        props: {
          handlePaste: (view, _event, slice) => {
            if (view.state.selection.empty) return false;
            let text = '';
            slice.content.forEach((node) => {
              text += node.textContent;
            });
            if (!WHOLE_URL.test(text)) return false;
            return editor.commands.setMark(type, { href: text });
          },
        },
      }),
    ];
  },
});
