import { expect, test } from '@playwright/test';

test('a reader goes front page → section → article → related → tag → author', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Politics' }).click();
  await expect(page).toHaveURL(/\/politics$/);
  await expect(page.locator('h1')).toHaveText('Politics');

  const firstStory = page.locator('.index-page__list .teaser h2 a').first();
  const headline = await firstStory.textContent();
  await firstStory.click();
  await expect(page.locator('h1')).toHaveText(headline ?? '');
  await expect(page).toHaveURL(/\/politics\/[a-z0-9-]+$/);

  const related = page.getByRole('region', { name: 'Related Articles' }).getByRole('link').first();
  const relatedHeadline = await related.textContent();
  await related.click();
  await expect(page.locator('h1')).toHaveText(relatedHeadline ?? '');

  const tag = page.getByRole('navigation', { name: 'Topics' }).getByRole('link').first();
  const tagName = await tag.textContent();
  await tag.click();
  await expect(page).toHaveURL(/\/tags\/[a-z0-9-]+$/);
  await expect(page.locator('h1')).toHaveText(tagName ?? '');

  await page.locator('.teaser h2 a').first().click();
  const author = page.locator('.byline__authors a').first();
  const authorName = await author.textContent();
  await author.click();
  await expect(page).toHaveURL(/\/authors\/[a-z0-9-]+$/);
  await expect(page.locator('h1')).toHaveText(authorName ?? '');
});
