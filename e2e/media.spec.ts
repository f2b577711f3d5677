import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { ALT_REQUIRED } from '@/lib/newsroom/forms/media-form';
import { uploadErrors } from '@/lib/media/images';
import { expectNoAccessibilityViolations } from './helpers';
import { fillNewArticle, signIn, waitForHydration } from './newsroom-session';
import { e2eBaseUrl, e2eUsers } from './site';
import { msUntil, shownAfter } from './eventually';

type Upload = { name: string; mimeType: string; buffer: Buffer };

const pngOf = async (width: number, height: number): Promise<Upload> => ({
  name: 'harbour.png',
  mimeType: 'image/png',
  buffer: await sharp({ create: { width, height, channels: 3, background: '#2a6f97' } }).png().toBuffer(),
});

const SVG: Upload = {
  name: 'logo.svg',
  mimeType: 'image/svg+xml',
  buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
};
// A text file under an image's name and type: the server must judge the bytes, not the label.
const RENAMED_TEXT: Upload = { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Minutes of the council meeting.\n') };

/** A real photo with a PHP script after its end: a polyglot that a misconfigured server would run. */
const phpPolyglot = async (): Promise<Upload> => ({
  name: 'holiday.jpg',
  mimeType: 'image/jpeg',
  buffer: Buffer.concat([
    await sharp({ create: { width: 320, height: 200, channels: 3, background: '#d98b2b' } }).jpeg().toBuffer(),
    Buffer.from('<?php echo shell_exec($_GET["cmd"]); ?>'),
  ]),
});

async function fillUpload(page: Page, file: Upload, text: { alt: string; caption?: string; credit?: string }) {
  await page.goto('/admin/media');
  await page.getByLabel('Image file').setInputFiles(file);
  await page.getByRole('textbox', { name: /^Alt text/ }).fill(text.alt);
  await page.getByLabel('Caption').fill(text.caption ?? '');
  await page.getByLabel('Credit').fill(text.credit ?? '');
  await page.getByRole('button', { name: 'Upload image' }).click();
}

/** A refused upload: the message next to `field`, and the text typed still in the form. */
async function expectRefused(page: Page, field: 'file' | 'alt', message: string, text: { alt: string; caption: string }) {
  await expect(page.locator('.notice[role="alert"]')).toHaveText('Some fields need attention: see the messages next to them.');
  await expect(page.locator(`#upload-${field}-error`)).toHaveText(message);
  await expect(page.locator(`#upload-${field}`)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: /^Alt text/ })).toHaveValue(text.alt);
  await expect(page.getByLabel('Caption')).toHaveValue(text.caption);
}

test.describe('media library', () => {
  test('an editor uploads a PNG; it is listed with its text, served as WebP, and its text can be edited', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const alt = `Ferry leaving the harbour at dawn ${Date.now()}`;
    await fillUpload(page, await pngOf(1200, 800), { alt, caption: 'The first crossing of the day.', credit: 'Photo: Test Editor' });

    await expect(page).toHaveURL(/\/admin\/media\?done=uploaded$/);
    await expect(page.locator('.notice[role="status"]')).toContainText('Uploaded');
    const row = page.getByRole('row').filter({ hasText: alt });
    await expect(row).toContainText('The first crossing of the day.');
    await expect(row).toContainText('Photo: Test Editor');
    await expect(row).toContainText('1200 × 800');
    const thumbnail = row.locator('img');
    await expect(thumbnail).toHaveAttribute('width', '160');
    await expect(thumbnail).toHaveAttribute('height', '107');
    const src = await thumbnail.getAttribute('src');
    expect(src).toMatch(/^\/media\/[a-z0-9]{10}-480\.webp$/);
    const image = await page.request.get(src!);
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toBe('image/webp');
    const served = await sharp(await image.body()).metadata();
    expect([served.format, served.width, served.height]).toEqual(['webp', 480, 320]);
    // The image loads in the page, too (lazily: once it is scrolled to).
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
    await expectNoAccessibilityViolations(page);

    await row.getByRole('link', { name: /Edit text/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Image \d+$/);
    const widest = page.getByRole('link', { name: '1200 wide' });
    expect((await page.request.get((await widest.getAttribute('href'))!)).status()).toBe(200);
    await page.getByRole('textbox', { name: /^Alt text/ }).fill('');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect(page.locator('.field__error')).toHaveText(ALT_REQUIRED);
    await page.getByRole('textbox', { name: /^Alt text/ }).fill(`${alt}, seen from the pier`);
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved. Reader pages show the change now.');
    await expectNoAccessibilityViolations(page);
    await page.goto('/admin/media');
    await expect(page.getByRole('row').filter({ hasText: `${alt}, seen from the pier` })).toHaveCount(1);
  });

  test('a caption edited in the library reaches a live article that shows the image inline and in a gallery within a second', async ({ page, playwright }) => {
    await signIn(page, e2eUsers.editor);
    const stamp = Date.now();
    const alt = `Lifeboat crew on the slipway ${stamp}`;
    await fillUpload(page, await pngOf(1200, 800), { alt, caption: `Launched at first light ${stamp}` });
    await expect(page).toHaveURL(/\/admin\/media\?done=uploaded$/);
    const href = await page.getByRole('row').filter({ hasText: alt }).getByRole('link', { name: /Edit text/ }).getAttribute('href');
    const id = Number(/\/admin\/media\/(\d+)/.exec(href ?? '')?.[1]);

    const headline = `Lifeboat Crew Brings Swimmers Back To The Harbour ${stamp}`;
    await fillNewArticle(page, headline, 'Science');
    // Image 14 is one of the seeded library's.
    await page.getByLabel('Body', { exact: true }).fill(`The crew launched at dawn.\n\n::image{id=${id} size="wide"}\n\n:::gallery\n::image{id=14}\n::image{id=${id}}\n:::`);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Published: it is live now.');
    const articlePath = `/science/${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

    // A signed-out reader has the page, cached, with the caption the library had at publishing.
    const reader = await playwright.request.newContext({ baseURL: e2eBaseUrl });
    const figures = (body: string, text: string) => body.split(`<figcaption>${text}`).length - 1;
    await msUntil(reader, articlePath, (status, body) => status === 200 && figures(body, `Launched at first light ${stamp}`) === 2);
    await msUntil(reader, articlePath, (status, body) => status === 200 && figures(body, `Launched at first light ${stamp}`) === 2);

    await page.goto(`/admin/media/${id}`);
    // The caption is a <textarea> with text in it: hydrating it puts back the server's text over what was
    // typed before, and the save would send the old caption.
    await waitForHydration(page.getByRole('textbox', { name: 'Caption' }));
    await page.getByRole('textbox', { name: 'Caption' }).fill(`Back on the slipway by noon ${stamp}`);
    await page.getByRole('textbox', { name: 'Credit' }).fill('Photo: Harbour Desk');
    await page.getByRole('button', { name: 'Save text' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved. Reader pages show the change now.');
    // No save of the article: the page shows the new caption (both figures) within a second.
    await shownAfter(
      reader,
      articlePath,
      (status, body) => status === 200 && figures(body, `Back on the slipway by noon ${stamp}`) === 2 && !body.includes(`Launched at first light ${stamp}`),
    );
    // The image's page counts the article among those that show it.
    await page.goto(`/admin/media/${id}`);
    await expect(page.locator('.facts')).toContainText('1 published article');
    await reader.dispose();
  });

  test('an SVG and a text file named .jpg are refused, keeping the text typed', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const text = { alt: 'The new city logo on a white background', caption: 'Adopted in March.' };
    await fillUpload(page, SVG, text);
    await expectRefused(page, 'file', uploadErrors.svg, text);
    await expect(page.locator('#upload-file-error')).toContainText('export it as PNG');
    await expectNoAccessibilityViolations(page);

    await fillUpload(page, RENAMED_TEXT, text);
    await expectRefused(page, 'file', uploadErrors.notAnImage, text);
    await page.goto('/admin/media');
    await expect(page.getByRole('row').filter({ hasText: text.alt })).toHaveCount(0);
  });

  test('a photo carrying a script is refused, saying so next to the file, and nothing is saved', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const text = { alt: `Beach at sunset ${Date.now()}`, caption: 'Sent in by a reader.' };
    const polyglot = await phpPolyglot();
    // The picture itself is fine: only what rides along with it is refused.
    expect((await sharp(polyglot.buffer).metadata()).format).toBe('jpeg');
    await fillUpload(page, polyglot, text);
    await expectRefused(page, 'file', uploadErrors.codeInside('<?php'), text);
    await page.goto('/admin/media');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: text.alt })).toHaveCount(0);
  });

  test('an image without alt text is refused, and the caption is kept', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const text = { alt: '', caption: 'Market stalls on Saturday morning.' };
    await fillUpload(page, await pngOf(64, 48), text);
    await expectRefused(page, 'alt', ALT_REQUIRED, text);
    await expect(page.getByRole('row').filter({ hasText: text.caption })).toHaveCount(0);
  });

  test('a file over the size limit is refused with its size (needs serverActions.bodySizeLimit of 11mb)', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const buffer = Buffer.alloc(10.5 * 1024 * 1024);
    (await pngOf(8, 8)).buffer.copy(buffer);
    const text = { alt: 'An enormous scan', caption: '' };
    await fillUpload(page, { name: 'scan.png', mimeType: 'image/png', buffer }, text);
    await expectRefused(page, 'file', uploadErrors.tooLarge(buffer.length, 10 * 1024 * 1024), text);
  });

  test('uploading works without JavaScript, refusals included', async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(page, e2eUsers.writer);
    const text = { alt: 'A drawing that arrived as SVG', caption: 'Sent by a reader.' };
    await fillUpload(page, SVG, text);
    await expectRefused(page, 'file', uploadErrors.svg, text);

    const alt = `Volunteers clearing the beach ${Date.now()}`;
    await fillUpload(page, await pngOf(2000, 1000), { alt });
    await expect(page).toHaveURL(/\/admin\/media\?done=uploaded$/);
    const src = await page.getByRole('row').filter({ hasText: alt }).locator('img').getAttribute('src');
    const widest = await page.request.get(src!.replace(/-480\.webp$/, '-1600.webp'));
    expect(widest.status()).toBe(200);
    expect(widest.headers()['content-type']).toBe('image/webp');
  });

  test('the library needs a sign-in', async ({ page }) => {
    await page.goto('/admin/media');
    await expect(page).toHaveURL(/\/admin\/login$/);
  });
});
