import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { recordAudit } from '@/db/audit';
import { openDatabase } from '@/db/client';
import { SIGN_IN_LOCKED } from '@/lib/auth/sign-in';
import { slugify } from '@/lib/paths';
import { expectNoAccessibilityViolations } from './helpers';
import { signIn, waitForHydration } from './newsroom-session';
import { e2eSite, e2eUsers } from './site';
import { shownAfter } from './eventually';

/** The management pages, as a writer must not reach them and the axe scans visit them. */
const MANAGEMENT_PAGES = ['/admin/sections', '/admin/tags', '/admin/authors', '/admin/users', '/admin/audit'];

const LAST_ADMIN = /last active admin/;

/** Unique per run and per test, so tests can run side by side against one database. */
const stamp = () => `${Date.now()}${Math.floor(Math.random() * 1_000)}`;

const statusNotice = (page: Page) => page.locator('.notice[role="status"]');
const alertNotice = (page: Page) => page.locator('.notice[role="alert"]');

/** Publishes a minimal article carrying one tag, through the article editor. */
async function publishArticleTagged(page: Page, headline: string, tag: string) {
  await page.goto('/admin/articles/new');
  // Before hydration, Publish posts the form natively and the rest of the test starts on an unhydrated page.
  await waitForHydration(page.getByLabel('Section'));
  await page.getByLabel('Headline').fill(headline);
  await page.getByLabel('Summary').fill(`${headline}: the summary.`);
  await page.getByLabel('Body', { exact: true }).fill('A paragraph of the story.');
  await page.getByLabel('Section').selectOption({ label: 'Culture' });
  await page.getByLabel('Author 1').selectOption({ label: 'Amara Osei' });
  await page.getByLabel('Tags').fill(tag);
  // A complete story: the pre-publish check has nothing to ask.
  await page.getByLabel('Key point 1 label').fill('The point');
  await page.getByLabel('Key point 1 text').fill('One sentence about it.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(statusNotice(page)).toHaveText('Published: it is live now.');
}

test.describe('newsroom management pages', () => {
  test('an editor creates a section, and it is in the reader site’s navigation within a second', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Sections' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sections' })).toBeVisible();
    const name = `Night Desk ${stamp()}`;
    const slug = slugify(name);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Position').fill('50');
    await page.getByLabel('Description').fill('Stories from after midnight.');
    await page.getByRole('button', { name: 'Create section' }).click();
    await expect(statusNotice(page)).toHaveText(`Section “${name}” created: it is in the site’s navigation now.`);
    // The form is empty again for the next one, and the list shows the new section.
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
    await expect(page.locator('.data-table').getByRole('link', { name })).toBeVisible();

    const inNavigation = (status: number, body: string) => status === 200 && body.includes(`href="/${slug}"`);
    await shownAfter(page, '/', inNavigation);
    await shownAfter(page, '/politics', inNavigation);
    const sectionPage = await page.request.get(`/${slug}`);
    expect(sectionPage.status()).toBe(200);
    expect(await sectionPage.text()).toContain('Stories from after midnight.');
  });

  test('a slug that clashes with a site route is refused next to the field, the typed name kept', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    await page.goto('/admin/sections');
    await page.getByLabel('Name', { exact: true }).fill('Admin Matters');
    await page.getByLabel('Slug').fill('admin');
    await page.getByRole('button', { name: 'Create section' }).click();
    await expect(alertNotice(page)).toHaveText('Some fields need attention: see the messages next to them.');
    const slugField = page.getByLabel('Slug');
    await expect(slugField).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#new-section-slug-error')).toHaveText(
      '“admin” is reserved for the site’s own pages (/admin): choose another slug.',
    );
    await expect(slugField).toHaveAttribute('aria-describedby', /new-section-slug-error/);
    await expect(slugField).toHaveValue('admin');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Admin Matters');
    await expect(page.locator('.data-table').getByRole('link', { name: 'Admin Matters' })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });

  test('an editor renames a tag, and its reader page and articles show the new name within a second', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const id = stamp();
    const oldName = `Tidal Power ${id}`;
    const newName = `Tidal Energy ${id}`;
    const slug = slugify(oldName);
    const headline = `Harbour Turbines Start Turning ${id}`;
    await publishArticleTagged(page, headline, oldName);
    const articlePath = `/culture/${slugify(headline)}`;
    // Both reader pages are rendered and cached under the old name first.
    await shownAfter(page, `/tags/${slug}`, (s, body) => s === 200 && body.includes(oldName));
    await shownAfter(page, articlePath, (s, body) => s === 200 && body.includes(oldName));

    await page.goto('/admin/tags');
    await page.locator('.data-table').getByRole('link', { name: oldName }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Tag: ${oldName}` })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(newName);
    await page.getByRole('button', { name: 'Save tag' }).click();
    await expect(statusNotice(page)).toHaveText('Saved. Reader pages show the change now.');

    const renamed = (status: number, body: string) => status === 200 && body.includes(newName) && !body.includes(oldName);
    await shownAfter(page, `/tags/${slug}`, renamed);
    await shownAfter(page, articlePath, renamed);

    // A new slug moves the tag page: the new address answers, the old one is gone.
    const newSlug = slugify(newName);
    await page.getByLabel('Slug').fill(newSlug);
    await page.getByRole('button', { name: 'Save tag' }).click();
    await expect(statusNotice(page)).toHaveText('Saved. Reader pages show the change now.');
    await shownAfter(page, `/tags/${newSlug}`, renamed);
    await shownAfter(page, `/tags/${slug}`, (s) => s === 404);
    await shownAfter(page, articlePath, (s, body) => s === 200 && body.includes(`href="/tags/${newSlug}"`));
  });

  test('a writer is refused every management page, and is not offered them', async ({ page }) => {
    await signIn(page, e2eUsers.writer);
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    for (const label of ['Sections', 'Tags', 'Authors', 'Users', 'Audit log']) {
      await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
    }
    for (const path of [...MANAGEMENT_PAGES, '/admin/sections/1', '/admin/tags/1', '/admin/authors/1', '/admin/users/1']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\?denied=1$/);
      await expect(alertNotice(page)).toContainText('does not allow that');
    }
  });

  test('an editor may manage sections, tags and authors but not accounts or the audit log', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const nav = page.getByRole('navigation', { name: 'Newsroom' });
    for (const label of ['Sections', 'Tags', 'Authors']) await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
    for (const label of ['Users', 'Audit log']) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
    for (const path of ['/admin/users', '/admin/audit']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/admin\?denied=1$/);
    }
  });

  test('an admin creates an account, and its one-time password signs it in', async ({ page, browser }) => {
    await signIn(page, e2eUsers.admin);
    await page.goto('/admin/users');
    const email = `new.writer.${stamp()}@test.example`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name', { exact: true }).fill('New Writer');
    await page.getByRole('combobox', { name: 'Role' }).selectOption('writer');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(statusNotice(page)).toContainText(`Account created for ${email} (writer).`);
    const password = (await page.locator('.one-time-password code').textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    await expect(page.locator('.data-table').getByRole('link', { name: email })).toBeVisible();

    const newcomer = await (await browser.newContext()).newPage();
    await signIn(newcomer, { email, password });
    await expect(newcomer.getByText('New Writer')).toBeVisible();

    // The audit log tells who did it.
    await page.goto('/admin/audit');
    const entry = page.locator('.data-table tr', { hasText: `${email} as writer` });
    await expect(entry).toContainText(e2eUsers.admin.email);
    await expect(entry).toContainText('created');
  });

  test('admins are told of sign-in lockouts on the dashboard, and find them in the audit log under their own filter', async ({ page, browser }) => {
    // A lockout as lib/auth/sign-in.ts records it (making one through the form takes 20 wrong passwords
    // through growing waits: lib/auth/sign-in.test.ts covers that), written into the test site's database.
    const email = `locked.${stamp()}@test.example`;
    const db = openDatabase(path.join(e2eSite.dataDir, 'news.db'));
    try {
      recordAudit({ userId: null, action: SIGN_IN_LOCKED, entity: 'user', detail: `20 failed sign-ins to ${email} from 198.51.100.20 within 15 minutes: sign-in to this account from that address is paused for 15 minutes.` }, db);
    } finally {
      db.$client.close();
    }
    await signIn(page, e2eUsers.admin);
    const notice = page.locator('#lockouts-notice');
    await expect(notice).toContainText(/\d+ sign-in lockouts? in the last 24 hours/);
    await notice.getByRole('link', { name: /audit log/ }).click();
    await expect(page).toHaveURL(/\/admin\/audit\?show=lockouts$/);
    await expect(page.getByRole('navigation', { name: 'Audit log entries to show' }).getByRole('link', { name: 'Sign-in lockouts' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('.data-table tbody tr', { hasText: email })).toContainText('sign-in locked');
    // Only lockouts under this filter.
    await expect(page.locator('.data-table tbody tr', { hasNotText: 'sign-in locked' })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);

    // Editors, who may not read the audit log, are not told.
    const editor = await (await browser.newContext()).newPage();
    await signIn(editor, e2eUsers.editor);
    await expect(editor.getByRole('heading', { level: 2, name: 'Articles' })).toBeVisible();
    await expect(editor.locator('#lockouts-notice')).toHaveCount(0);
  });

  test('the last active admin can be neither disabled nor demoted', async ({ page }) => {
    await signIn(page, e2eUsers.admin);
    await page.goto('/admin/users');
    await page.locator('.data-table').getByRole('link', { name: e2eUsers.admin.email }).click();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await expect(alertNotice(page)).toContainText(LAST_ADMIN);
    await page.getByRole('combobox', { name: 'Role' }).selectOption('editor');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect(page.locator('#change-role .notice[role="alert"]')).toContainText(LAST_ADMIN);
    // Still an admin, still signed in.
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    const row = page.locator('.data-table tbody tr', { hasText: e2eUsers.admin.email });
    await expect(row.locator('td').nth(2)).toHaveText('admin');
    await expect(row.locator('td').nth(3)).toHaveText('Active');
  });

  // One test per page (an axe scan takes seconds on a loaded machine; eleven in one test did not fit its time).
  for (const path of MANAGEMENT_PAGES) {
    test(`${path} passes an accessibility scan and is never cached`, async ({ page }) => {
      await signIn(page, e2eUsers.admin);
      const response = await page.goto(path);
      expect(response?.headers()['cache-control']).toMatch(/private.*no-store|no-store.*private/);
      await expectNoAccessibilityViolations(page);
    });
    if (path === '/admin/audit') continue;
    test(`the first record listed on ${path} passes an accessibility scan and is never cached`, async ({ page }) => {
      await signIn(page, e2eUsers.admin);
      await page.goto(path);
      await page.locator('.data-table tbody a[href^="/admin/"]').first().click();
      await expect(page).toHaveURL(new RegExp(`${path}/\\d+$`));
      const response = await page.reload();
      expect(response?.headers()['cache-control']).toMatch(/private.*no-store|no-store.*private/);
      await expectNoAccessibilityViolations(page);
    });
  }
});
