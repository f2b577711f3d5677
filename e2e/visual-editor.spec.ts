import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers';
import { fillNewArticle, signIn, waitForHydration } from './newsroom-session';
import { e2eUsers } from './site';

/**
 * The body's visual editor (decision 18): every block inserted with the mouse and with the keyboard alone,
 * stored as the Markdown of the blocks format in the body's textarea (which stays the form's field), saved,
 * previewed; autosave and conflicts as before; the source mode remembered; pasting from Word; axe in light
 * and dark. Stories are filed into Science.
 */

/** What the article editor loads beyond the article list until the visual editor is usable (gzip), measured below: the editor page and the visual editor without its parser. */
const VISUAL_EDITOR_JS = 140_100;

async function editorPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser.newContext({ colorScheme })).newPage();
  await signIn(page, e2eUsers.editor, { bodyMode: 'visual' });
  return page;
}

/** A saved draft whose body was typed in Markdown mode (`body`, or the form's two paragraphs); the page is left on its editor, in visual mode. */
async function draft(page: Page, headline: string, body?: string): Promise<string> {
  await page.evaluate(() => localStorage.setItem('newsroom.bodyMode', 'markdown'));
  await fillNewArticle(page, headline, 'Science');
  if (body !== undefined) await page.getByLabel('Body', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Save draft', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/articles\/\d+\?done=/);
  const url = page.url().replace(/\?.*$/, '');
  await page.evaluate(() => localStorage.setItem('newsroom.bodyMode', 'visual'));
  await page.goto(url);
  await expect(visual(page)).toBeVisible();
  return url;
}

const visual = (page: Page) => page.getByRole('textbox', { name: 'Body (visual editor)' });
const stored = (page: Page) => page.locator('textarea#body');
const insert = async (page: Page, block: string) => {
  await page.getByRole('button', { name: '+ Insert' }).click();
  await page.getByRole('menuitem', { name: block }).click();
  // Tiptap gives the focus back to the editor on the next animation frame: a key typed before then went to
  // the menu, and the block lost its first letter ("alks resume on Monday."). Wait until the focus is in
  // the editor, or in the dialog the block opens.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('.ProseMirror, dialog[open]') != null), { message: `focus after inserting ${block}` })
    .toBe(true);
};
/** The cursor on the empty line at the end of the body (the editor keeps one there). */
const toEnd = async (page: Page) => {
  await visual(page).focus();
  await page.keyboard.press('Control+End');
};

test.describe('with the mouse', () => {
  test('text, an image, a gallery and an embed go into the stored Markdown and are saved', async ({ browser }) => {
    const page = await editorPage(browser);
    const url = await draft(page, `Visual Mouse Images ${Date.now()}`);
    await toEnd(page);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Subheading', exact: true }).click();
    await page.keyboard.type('What happened next');
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar', { name: 'Body formatting' }).getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Strong words');
    await page.getByRole('toolbar', { name: 'Body formatting' }).getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type(' and plain ones.');
    await page.keyboard.press('Enter');

    await insert(page, 'Image');
    const dialog = page.getByRole('dialog', { name: 'Insert an image' });
    await dialog.getByRole('list', { name: 'Library images' }).getByRole('button').first().click();
    await expect(page.locator('[data-block="Image"]')).toHaveCount(1);

    await toEnd(page);
    await insert(page, 'Gallery');
    const images = page.getByRole('dialog', { name: 'Insert a gallery' }).getByRole('list', { name: 'Library images' }).getByRole('button');
    await images.nth(0).click();
    await images.nth(1).click();
    await page.getByRole('button', { name: 'Insert gallery (2 chosen)' }).click();
    await expect(page.locator('[data-block="Gallery"] figure')).toHaveCount(2);

    await toEnd(page);
    await insert(page, 'Embed (video or post)');
    const embed = page.getByRole('dialog', { name: 'Embed a video or post' });
    await embed.getByLabel('Link to the video or post').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await expect(embed).toContainText('Recognised: YouTube.');
    await embed.getByRole('button', { name: 'Insert embed' }).click();
    await expect(page.locator('[data-block="Embed"]')).toContainText('YouTube');

    // The image's own caption, through its small form.
    await page.locator('[data-block="Image"]').getByRole('button', { name: 'Edit image' }).click();
    await page.locator('[data-block="Image"]').getByLabel('Caption').fill('Taken on "Tuesday"');

    const markdown = stored(page);
    await expect(markdown).toHaveValue(/First paragraph of the story\.\n\nSecond paragraph, with \*\*bold\*\* words\.\n\n## What happened next\n\n\*\*Strong words\*\* and plain ones\./);
    await expect(markdown).toHaveValue(/\n\n::image\{id=\d+ caption="Taken on \\"Tuesday\\""\}\n\n:::gallery\n::image\{id=\d+\}\n::image\{id=\d+\}\n:::\n\n::embed\{url="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"\}$/);
    const typed = await markdown.inputValue();

    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
    await page.goto(url);
    await expect(stored(page)).toHaveValue(typed);
    await expect(page.locator('[data-block="Gallery"] figure')).toHaveCount(2);
    await expect(page.locator('[data-block="Image"]')).toContainText('Taken on "Tuesday"');
  });

  test('a pull quote, a fact box, a table and a rule', async ({ browser }) => {
    const page = await editorPage(browser);
    await draft(page, `Visual Mouse Text Blocks ${Date.now()}`);
    await toEnd(page);
    await insert(page, 'Pull quote');
    await page.keyboard.type('We will not be moved.');
    await page.locator('[data-block="Pull quote"]').getByLabel('Quote by').fill('A striker, outside the gates');

    await toEnd(page);
    await insert(page, 'Fact box');
    await page.keyboard.type('Talks resume on Monday.');
    await page.locator('[data-block="Fact box"]').getByLabel('Fact box title').fill('What we know');

    await toEnd(page);
    await insert(page, 'Table');
    const table = page.locator('[data-block="Table"]');
    await table.getByRole('button', { name: 'Edit table' }).click();
    await table.getByLabel('Table caption').fill('Votes by region');
    await table.getByLabel('Header 1').fill('Region');
    await table.getByLabel('Header 2').fill('Votes');
    await table.getByLabel('Row 1 column 1').fill('North');
    await table.getByLabel('Row 1 column 2').fill('1,204');
    await table.getByRole('button', { name: 'Remove the last row' }).click();
    await table.getByRole('button', { name: 'Column 2: aligned left' }).click();
    await expect(table.getByRole('columnheader', { name: 'Votes' })).toBeVisible();

    await toEnd(page);
    await insert(page, 'Horizontal rule');

    await expect(stored(page)).toHaveValue(
      /\*\*bold\*\* words\.\n\n:::pullquote\{cite="A striker, outside the gates"\}\nWe will not be moved\.\n:::\n\n:::factbox\{title="What we know"\}\nTalks resume on Monday\.\n:::\n\n:::table\{caption="Votes by region"\}\n\| Region \| Votes \|\n\|---\|---:\|\n\| North \| 1,204 \|\n:::\n\n---$/,
    );
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
    await page.getByRole('button', { name: 'Show preview' }).click();
    await expect(page.getByRole('region', { name: 'Body preview' })).toContainText('We will not be moved.');
  });
});

test.describe('with the keyboard only', () => {
  test('formatting, a link, and every block from the "/" menu', async ({ browser }) => {
    const page = await editorPage(browser);
    await draft(page, `Visual Keyboard ${Date.now()}`);
    await toEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Alt+2');
    await page.keyboard.type('A heading');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('bold');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Control+i');
    await page.keyboard.type(' italic');
    await page.keyboard.press('Control+i');
    await page.keyboard.press('Control+k');
    const link = page.getByRole('dialog', { name: 'Add a link' });
    await expect(link.getByLabel('Link address')).toBeFocused();
    await page.keyboard.type('https://example.com/report');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(stored(page)).toHaveValue(/\n\n## A heading\n\n\*\*bold\*\* \*italic\*<https:\/\/example\.com\/report>$/);

    const tabTo = async (target: import('@playwright/test').Locator) => {
      for (let i = 0; i < 150 && !(await target.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
    };
    /**
     * "/" on the empty line, then the block's item by arrows and Enter. A block inserted straight away gives
     * the editor its focus back a frame later (Tiptap's focus): typing before that went to the closing menu.
     */
    const choose = async (block: string) => {
      // After a block's dialog closes the editor gets the focus back a frame later too: "/" typed before
      // then went nowhere, and the menu never opened.
      await expect(visual(page)).toBeFocused();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('/');
      const menu = page.getByRole('menu', { name: 'Insert a block' });
      await expect(menu.getByRole('menuitem').first()).toBeFocused();
      for (let i = 0; i < 8 && !(await menu.getByRole('menuitem', { name: block }).evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(menu).toHaveCount(0);
      if (!['Image', 'Gallery', 'Embed (video or post)'].includes(block)) await expect(visual(page)).toBeFocused();
    };

    await choose('Image');
    await expect(page.getByRole('dialog', { name: 'Insert an image' })).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-block="Image"]')).toHaveCount(1);

    await choose('Gallery');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await tabTo(page.getByRole('button', { name: 'Insert gallery (2 chosen)' }));
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-block="Gallery"] figure')).toHaveCount(2);

    await visual(page).focus();
    await choose('Pull quote');
    await page.keyboard.type('Quoted words.');
    await choose('Fact box');
    await page.keyboard.type('A fact.');
    await choose('Table');
    await choose('Embed (video or post)');
    await page.keyboard.type('https://bsky.app/profile/a.bsky.social/post/3kxyz');
    await page.keyboard.press('Enter');
    await visual(page).focus();
    await choose('Horizontal rule');

    await expect(stored(page)).toHaveValue(
      /\n\n::image\{id=\d+\}\n\n:::gallery\n::image\{id=\d+\}\n::image\{id=\d+\}\n:::\n\n:::pullquote\nQuoted words\.\n:::\n\n:::factbox\nA fact\.\n:::\n\n\| {2}\| {2}\|\n\|---\|---\|\n\| {2}\| {2}\|\n\| {2}\| {2}\|\n\n::embed\{url="https:\/\/bsky\.app\/profile\/a\.bsky\.social\/post\/3kxyz"\}\n\n---$/,
    );
    // Saved with the keyboard too: the save button is reached and pressed.
    await page.keyboard.press('Tab');
    await tabTo(page.getByRole('button', { name: 'Save draft', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
  });
});

test.describe('the forms inside blocks, with the keyboard only', () => {
  /** An existing story's blocks, as saved before the visual editor opens them. Image 14 is one of the seeded library's. */
  const BLOCKS = [
    'First paragraph of the story.',
    '::image{id=14}',
    ':::table{caption="Votes by region"}\n| Region | Votes |\n|---|---:|\n| North | 1,204 |\n:::',
    ':::pullquote\nWe will not be moved.\n:::',
    ':::factbox{title="What we know"}\nTalks resume on Monday.\n:::',
    '::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"}',
    'Last paragraph.',
  ].join('\n\n');

  /** A saved draft with every kind of block, open in the visual editor with the cursor at the start of its text. */
  async function blocksDraft(browser: Browser, headline: string) {
    const page = await editorPage(browser);
    const url = await draft(page, headline, BLOCKS);
    // The editor is drawn in the browser only: once its blocks are there, their buttons work.
    await expect(page.locator('[data-block="Embed"]')).toBeVisible();

    const focused = (target: Locator) => target.evaluate((e) => e === document.activeElement);
    /** Tab forward (from wherever the focus is) until `target` has it, as a keyboard user would. */
    const tabTo = async (target: Locator) => {
      for (let i = 0; i < 150 && !(await focused(target)); i++) await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
    };
    /** The focus ring is drawn (a keyboard user sees where they are). */
    const expectFocusRing = async (target: Locator) => {
      const ring = await target.evaluate((e) => {
        const style = getComputedStyle(e);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(ring.style).not.toBe('none');
      expect(ring.width).toBeGreaterThanOrEqual(2);
    };
    const block = (kind: string) => page.locator(`[data-block="${kind}"]`);
    /** Tab to a block's Edit button (its focus ring drawn) and press Enter: the form opens with the focus in its first field. */
    const openForm = async (kind: string, firstField: string) => {
      const button = block(kind).getByRole('button', { name: `Edit ${kind.toLowerCase()}` });
      await tabTo(button);
      await expectFocusRing(button);
      await page.keyboard.press('Enter');
      const form = page.getByRole('group', { name: `${kind} details` });
      await expect(form.getByLabel(firstField)).toBeFocused();
      return { button, form };
    };
    /** Saved with the keyboard (the save button reached with Tab), and read back as it was typed. */
    const saveAndReload = async () => {
      const typed = await stored(page).inputValue();
      await tabTo(page.getByRole('button', { name: 'Save draft', exact: true }));
      await page.keyboard.press('Enter');
      await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
      await page.goto(url);
      await expect(stored(page)).toHaveValue(typed);
    };
    // The cursor at the start of the text, the one place the mouse is not needed to reach.
    await visual(page).focus();
    await page.keyboard.press('Control+Home');
    return { page, focused, tabTo, expectFocusRing, block, openForm, saveAndReload };
  }

  // The image and the table are two tests: with the axe scans in light and dark, one took over half its
  // time limit on a busy machine.
  test('an image’s alt text, caption and size: opened with Enter, closed with Escape; the open form passes axe', async ({ browser }) => {
    const { page, tabTo, expectFocusRing, openForm, saveAndReload } = await blocksDraft(browser, `Visual Keyboard Image ${Date.now()}`);
    const { button: editImage, form: imageForm } = await openForm('Image', 'Alt text');
    await page.keyboard.type('Lifeboats at the quay');
    await page.keyboard.press('Tab');
    await expect(imageForm.getByLabel('Caption')).toBeFocused();
    await page.keyboard.type('Taken at "dawn"');
    await tabTo(imageForm.getByLabel('Size'));
    await page.keyboard.press('ArrowDown');
    await expect(imageForm.getByLabel('Size')).toHaveValue('wide');
    // The open form passes axe, light and dark.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoAccessibilityViolations(page);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await expect(imageForm).toHaveCount(0);
    await expect(editImage).toBeFocused();
    await expectFocusRing(editImage);
    await expect(stored(page)).toHaveValue(/\n\n::image\{id=14 size="wide" alt="Lifeboats at the quay" caption="Taken at \\"dawn\\""\}\n\n/);

    await saveAndReload();
  });

  test('a table’s caption, a new row and its cells: opened with Enter, closed with Escape', async ({ browser }) => {
    const { page, focused, tabTo, openForm, saveAndReload } = await blocksDraft(browser, `Visual Keyboard Table ${Date.now()}`);
    // A row added, a cell typed into, the caption changed.
    const { button: editTable, form: tableForm } = await openForm('Table', 'Table caption');
    await page.keyboard.press('End');
    await page.keyboard.type(', Tuesday');
    await tabTo(tableForm.getByRole('button', { name: 'Add a row' }));
    await page.keyboard.press('Enter');
    await expect(tableForm.getByLabel('Row 2 column 1')).toHaveValue('');
    // Back to the new row's first cell (Shift+Tab walks back through the cells).
    for (let i = 0; i < 10 && !(await focused(tableForm.getByLabel('Row 2 column 2'))); i++) await page.keyboard.press('Shift+Tab');
    await expect(tableForm.getByLabel('Row 2 column 2')).toBeFocused();
    await page.keyboard.type('980');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('South');
    await page.keyboard.press('Escape');
    await expect(tableForm).toHaveCount(0);
    await expect(editTable).toBeFocused();
    await expect(stored(page)).toHaveValue(/\n\n:::table\{caption="Votes by region, Tuesday"\}\n\| Region \| Votes \|\n\|---\|---:\|\n\| North \| 1,204 \|\n\| South \| 980 \|\n:::\n\n/);

    await saveAndReload();
  });

  test('a pull quote’s attribution and words, a fact box’s title and text, an embed’s link', async ({ browser }) => {
    const { page, tabTo, expectFocusRing, block, openForm, saveAndReload } = await blocksDraft(browser, `Visual Keyboard Quote Box Embed ${Date.now()}`);
    // The pull quote's attribution, then back into its words with Escape.
    const quoteBy = block('Pull quote').getByLabel('Quote by');
    await tabTo(quoteBy);
    await expectFocusRing(quoteBy);
    await page.keyboard.type('A striker, outside the gates');
    await page.keyboard.press('Escape');
    await expect(visual(page)).toBeFocused();
    await page.keyboard.type(' Not today.');

    // The fact box's title and its text.
    const factTitle = block('Fact box').getByLabel('Fact box title');
    await tabTo(factTitle);
    await page.keyboard.press('End');
    await page.keyboard.type(' so far');
    await page.keyboard.press('Enter');
    await expect(visual(page)).toBeFocused();
    await page.keyboard.type(' Both sides will attend.');
    await expect(stored(page)).toHaveValue(
      /\n\n:::pullquote\{cite="A striker, outside the gates"\}\nWe will not be moved\. Not today\.\n:::\n\n:::factbox\{title="What we know so far"\}\nTalks resume on Monday\. Both sides will attend\.\n:::\n\n/,
    );

    // The embed's link.
    const { button: editEmbed } = await openForm('Embed', 'Link');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('https://vimeo.com/76979871');
    await page.keyboard.press('Tab');
    await page.keyboard.type('The council meeting');
    await page.keyboard.press('Escape');
    await expect(editEmbed).toBeFocused();
    await expect(block('Embed')).toContainText('Vimeo');

    await expect(stored(page)).toHaveValue(/\n\n::embed\{url="https:\/\/vimeo\.com\/76979871" title="The council meeting"\}\n\nLast paragraph\.$/);
    await saveAndReload();
  });
});

test.describe('everything the editor did before', () => {
  test('typing in the visual editor autosaves, and the Markdown mode is remembered by the browser', async ({ browser }) => {
    const page = await editorPage(browser);
    const url = await draft(page, `Visual Autosave ${Date.now()}`);
    await toEnd(page);
    await page.keyboard.type('Written in the visual editor and never saved by hand.');
    await expect(page.locator('.autosave-status')).toContainText('Saved automatically', { timeout: 10_000 });
    await page.goto(url);
    await expect(stored(page)).toHaveValue(/Written in the visual editor and never saved by hand\.$/);

    // The source mode: the textarea again, the same text, and the choice kept on the next visit.
    await page.getByRole('button', { name: 'Markdown', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Markdown', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Body', { exact: true })).toBeVisible();
    await expect(visual(page)).toHaveCount(0);
    await page.goto(url);
    await expect(page.getByLabel('Body', { exact: true })).toBeVisible();
    await page.getByLabel('Body', { exact: true }).fill('Typed in Markdown with *emphasis*.');
    await page.getByRole('button', { name: 'Markdown', exact: true }).click();
    await expect(visual(page).locator('em')).toHaveText('emphasis');
  });

  test('a conflict still shows, and a body saved in the visual editor is compared as Markdown', async ({ browser }) => {
    const a = await editorPage(browser);
    const url = await draft(a, `Visual Conflict ${Date.now()}`);
    const b = await editorPage(browser);
    await b.goto(url);
    await toEnd(b);
    await b.keyboard.type('B added this.');
    await b.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect(b.locator('.notice[role="status"]')).toHaveText('Saved.');
    await toEnd(a);
    await a.keyboard.type('A added that.');
    await a.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect(a.locator('.notice[role="alert"]', { hasText: 'Someone else saved this article' })).toBeVisible();
    const body = a.getByRole('group', { name: 'What the other editor changed' }).getByRole('listitem').filter({ has: a.getByRole('heading', { name: 'Body' }) });
    await expect(body).toContainText('B added this.');
    await expect(stored(a)).toHaveValue(/A added that\.$/);
  });

  test('without JavaScript the body is the textarea, and it saves', async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(page, e2eUsers.editor, { bodyMode: 'visual' });
    await page.goto('/admin/articles/new');
    await expect(page.getByRole('button', { name: 'Markdown', exact: true })).toHaveCount(0);
    await page.getByLabel('Headline').fill(`Visual No Script ${Date.now()}`);
    await page.getByLabel('Body', { exact: true }).fill('::image{id=1 size="wide"}\n\nText typed without JavaScript.');
    await page.getByLabel('Section').selectOption({ label: 'Science' });
    await page.getByRole('button', { name: 'Save draft', exact: true }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
    await expect(page.getByLabel('Body', { exact: true })).toHaveValue('::image{id=1 size="wide"}\n\nText typed without JavaScript.');
  });
});

test('pasting from Word keeps the text, bold and italic, and drops Word’s markup; a pasted video link becomes an embed', async ({ browser }) => {
  const page = await editorPage(browser);
  await draft(page, `Visual Paste ${Date.now()}`);
  await toEnd(page);
  await page.keyboard.press('Enter');
  // What Word puts on the clipboard (trimmed): its classes, styles, conditional comments and list bullets.
  const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=EN-GB>
<!--StartFragment--><p class=MsoNormal><b><span style='font-size:12.0pt;font-family:"Calibri",sans-serif'>Council</span></b><span style='mso-fareast-font-family:"Times New Roman"'> approved the <i>budget</i> on Tuesday.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Roads<o:p></o:p></p>
<p class=MsoNormal><span style='color:red;font-family:Comic Sans MS'>Red text</span><script>window.__pasted = 1</script></p><!--EndFragment--></body></html>`;
  const paste = (html: string | null, text: string) =>
    visual(page).evaluate(
      (target, [h, t]) => {
        const data = new DataTransfer();
        if (h) data.setData('text/html', h);
        data.setData('text/plain', t);
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      [html, text] as const,
    );
  await paste(word, 'Council approved the budget on Tuesday.\nRoads\nRed text');
  await expect(stored(page)).toHaveValue(/\*\*Council\*\* approved the \*budget\* on Tuesday\.\n\nRoads\n\nRed text$/);
  expect(await page.evaluate(() => (window as unknown as { __pasted?: number }).__pasted)).toBeUndefined();
  await page.keyboard.press('Enter');
  await paste(null, 'https://vimeo.com/76979871');
  await expect(page.locator('[data-block="Embed"]')).toContainText('Vimeo');
  await expect(stored(page)).toHaveValue(/Red text\n\n::embed\{url="https:\/\/vimeo\.com\/76979871"\}$/);
});

test('text the editor cannot show as a block is kept verbatim, with a visible warning', async ({ browser }) => {
  const page = await editorPage(browser);
  const url = await draft(page, `Visual Unsupported ${Date.now()}`);
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await page.getByLabel('Body', { exact: true }).fill('Before.\n\n::video{id=3}\n\n<div>raw</div>\n\nAfter.');
  await page.getByRole('button', { name: 'Save draft', exact: true }).click();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await page.goto(url);
  const raw = page.locator('[data-block="Unsupported block"]');
  await expect(raw).toHaveCount(2);
  await expect(raw.first()).toContainText('unknown block "::video"');
  await toEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Edited.');
  await expect(stored(page)).toHaveValue('Before.\n\n::video{id=3}\n\n<div>raw</div>\n\nAfter.\n\nEdited.');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the visual editor passes axe (${colorScheme}), with its menu, a dialog and a block's form open`, async ({ browser }) => {
    const page = await editorPage(browser, colorScheme);
    await draft(page, `Visual Axe ${colorScheme} ${Date.now()}`);
    await toEnd(page);
    await insert(page, 'Table');
    await page.locator('[data-block="Table"]').getByRole('button', { name: 'Edit table' }).click();
    await toEnd(page);
    await insert(page, 'Pull quote');
    await page.keyboard.type('Words.');
    await page.getByRole('button', { name: '+ Insert' }).click();
    // The menu opens on React's next render, after the click has returned: scan it open.
    await expect(page.getByRole('menuitem', { name: 'Image' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByRole('menuitem', { name: 'Image' }).click();
    await expect(page.getByRole('dialog', { name: 'Insert an image' })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
}

for (const [width, height] of [
  [1280, 900],
  [390, 844],
] as const) {
  test(`screenshot of the visual editor at ${width} px, dark`, async ({ browser }) => {
    const page = await editorPage(browser, 'dark');
    await page.setViewportSize({ width, height });
    await draft(page, `Visual Screenshot ${width} ${Date.now()}`);
    await toEnd(page);
    await insert(page, 'Image');
    await page.getByRole('dialog', { name: 'Insert an image' }).getByRole('list', { name: 'Library images' }).getByRole('button').first().click();
    await toEnd(page);
    await insert(page, 'Pull quote');
    await page.keyboard.type('We will not be moved.');
    await toEnd(page);
    await insert(page, 'Fact box');
    await page.keyboard.type('Talks resume on Monday.');
    await visual(page).scrollIntoViewIfNeeded();
    // What would make the column wider than the screen: the widest elements whose children all fit.
    const wide = await page
      .locator('.editor > div')
      .first()
      .evaluate(
        (column, w) =>
          [...column.querySelectorAll('*')]
            .filter((e) => e.getBoundingClientRect().width > w && [...e.children].every((c) => c.getBoundingClientRect().width <= w))
            .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`)
            .slice(0, 5),
        width,
      );
    // Nothing in the editor is wider than the screen (at 390 px its column once grew to 831 px).
    expect(wide, `wider than ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: test.info().outputPath(`visual-editor-${width}-dark.png`), fullPage: true });
  });
}

test('the visual editor’s JavaScript is loaded only on the article editor, measured, and its parser only on demand', async ({ browser }) => {
  const page = await editorPage(browser);
  const url = await draft(page, `Visual Size ${Date.now()}`);
  const session = await page.context().storageState();
  /** Every script a fresh browser (nothing cached) loads for the page, by file, from the start or since `since` was called. */
  const open = async (path: string) => {
    const fresh = await (await browser.newContext({ storageState: session })).newPage();
    const sizes: Promise<{ url: string; bytes: number }>[] = [];
    let loading = 0;
    fresh.on('request', (request) => {
      if (request.resourceType() === 'script') loading++;
    });
    fresh.on('requestfailed', (request) => {
      if (request.resourceType() === 'script') loading--;
    });
    fresh.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      loading--;
      sizes.push(request.sizes().then((s) => ({ url: new URL(request.url()).pathname, bytes: s.responseBodySize })));
    });
    await fresh.goto(path, { waitUntil: 'load' });
    let seen = 0;
    /**
     * The scripts loaded since the last call, once the page has been quiet for a second and no script is
     * still on its way: on a loaded machine one can take longer than that second, and would otherwise be
     * counted with the next call (as if a save had loaded it).
     */
    const since = async () => {
      await fresh.waitForTimeout(1_000);
      await expect.poll(() => loading, { message: 'scripts still loading' }).toBe(0);
      const all = await Promise.all(sizes);
      const added = all.slice(seen);
      seen = all.length;
      return added;
    };
    return { page: fresh, since };
  };
  const sum = (files: { bytes: number }[]) => files.reduce((total, f) => total + f.bytes, 0);
  const show = (files: { url: string; bytes: number }[]) => files.map((f) => `${f.url} ${f.bytes}`).join(', ');

  const listing = await open('/admin/articles');
  await waitForHydration(listing.page.getByRole('heading', { level: 1 }));
  const list = await listing.since();
  const listUrls = new Set(list.map((s) => s.url));

  // The editor as it opens: usable (both visual editors shown) with what it loaded by then.
  const editing = await open(url);
  await expect(visual(editing.page)).toBeVisible();
  await expect(editing.page.getByRole('textbox', { name: 'Why it matters (visual editor)' })).toBeVisible();
  const editor = await editing.since();
  const extra = editor.filter((s) => !listUrls.has(s.url));
  console.log(`article list: ${sum(list)} bytes of JavaScript (gzip) in ${list.length} files (the App Router runtime and the newsroom's shell, on every newsroom page)`);
  console.log(`article editor with the visual editor, until it is usable: ${sum(editor)} bytes in ${editor.length} files; beyond the list's: ${sum(extra)} bytes: ${show(extra)}`);

  // Typing in the visual editor and saving rebuilds the form with the saved text: the editor opens on it again without loading anything.
  await toEnd(editing.page);
  await editing.page.keyboard.type('Saved from the visual editor.');
  await editing.page.getByRole('button', { name: 'Save draft', exact: true }).click();
  await expect(editing.page.locator('.notice[role="status"]')).toHaveText('Saved.');
  await expect(visual(editing.page)).toContainText('Saved from the visual editor.');
  expect(await editing.since(), 'scripts loaded by a save').toEqual([]);

  // Text the server has not read for the editor (typed in the Markdown mode): the parser (markdown-it) is loaded then, and only then.
  await editing.page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await editing.page.getByLabel('Body', { exact: true }).fill('Typed in *Markdown*, read on demand.');
  await editing.page.getByRole('button', { name: 'Markdown', exact: true }).click();
  await expect(visual(editing.page).locator('em')).toHaveText('Markdown');
  const parser = await editing.since();
  console.log(`loaded on demand to read Markdown the server has not read: ${sum(parser)} bytes: ${show(parser)}`);
  expect(parser.filter((s) => editor.some((e) => e.url === s.url))).toEqual([]);
  expect(sum(parser)).toBeGreaterThan(15_000);

  // The list never loads the visual editor (Tiptap, ProseMirror): those are the files beyond it.
  expect(sum(extra)).toBeGreaterThan(60_000);
  // Measured at 2026-12-05 (decision 18's amendment): fails if what the editor loads before it is usable grows by more than 5 KB.
  expect(sum(extra)).toBeLessThan(VISUAL_EDITOR_JS + 5_120);
});

test('the compact editor for "Why it matters", a one-line headline, character counts, previews, words and reading time', async ({ browser }) => {
  const page = await editorPage(browser);
  await draft(page, `Visual Details ${Date.now()}`);
  const why = page.getByRole('textbox', { name: 'Why it matters (visual editor)' });
  await expect(why).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Why it matters formatting' }).getByRole('button', { name: '+ Insert' })).toHaveCount(0);
  await why.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Bold reason');
  await expect(page.locator('textarea#whyItMatters')).toHaveValue('It changes how the city is run.\n\n**Bold reason**');

  const headline = page.getByLabel('Headline');
  await headline.fill('A headline that is long enough');
  await headline.press('End');
  await headline.press('Enter');
  await headline.pressSequentially(' to wrap');
  await expect(headline).toHaveValue('A headline that is long enough to wrap');
  await expect(page.locator('#headline-count')).toHaveText('38 characters (recommended 30–80): good');
  await expect(page.getByRole('group', { name: 'Search result preview' })).toContainText('A headline that is long enough to wrap');
  await expect(page.getByRole('group', { name: 'Social card preview' })).toContainText('the summary a reader sees first');
  // The draft's body: "First paragraph of the story. Second paragraph, with bold words." = 10 words.
  await expect(page.locator('.story-facts__counts')).toHaveText('10 words · 1 min read');
});
