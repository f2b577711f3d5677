import { z } from 'zod';
import { fromZonedLocalInput, toZonedLocalInput } from '@/lib/dates';
import { isNewsroomPath } from '@/lib/paths';
import type { FormErrors, FormValues } from './admin-form';
import { formFields } from './admin-form';

/** The dashboard's breaking-news form: the banner's text, an optional link on this site and an optional expiry. */

export const BREAKING_NEWS_MAX_LENGTH = 120;
const MAX_LINK_LENGTH = 300;

export const breakingNewsSchema = z.object({
  text: formFields.requiredText('The banner text', BREAKING_NEWS_MAX_LENGTH),
  link: z.string().trim(),
  expiresAt: z.string().trim(),
});

export const emptyBreakingNewsForm: FormValues = { text: '', link: '', expiresAt: '' };

export interface BreakingNewsRules {
  now: number;
  /** The site's time zone: the expiry is typed in it, as the schedule field is. */
  timeZone: string;
  /** The site's public address (BASE_URL): a full address on it is taken as its path. */
  baseUrl: string;
}

/**
 * The link as a path on this site, or the reason it cannot be one. Empty: no link. A path ("/politics/…")
 * or a full address on the site's own host are taken; other hosts, other schemes (javascript:, data:),
 * protocol-relative and newsroom addresses are refused.
 */
export function siteLinkOf(raw: string, baseUrl: string): { ok: true; path: string | null } | { ok: false; reason: string } {
  const site = new URL(baseUrl);
  const useInstead = `Link to a page of this site: a path such as /politics/story-slug, or an address on ${site.host}.`;
  if (raw === '') return { ok: true, path: null };
  if (raw.length > MAX_LINK_LENGTH) return { ok: false, reason: `The link can be at most ${MAX_LINK_LENGTH} characters.` };
  // Whitespace, control characters and backslashes: browsers "repair" such addresses into other hosts.
  if (/[\s\\\p{Cc}]/u.test(raw)) return { ok: false, reason: `The link cannot hold spaces, backslashes or control characters. ${useInstead}` };
  const isPath = raw.startsWith('/') && !raw.startsWith('//');
  if (!isPath && !/^https?:\/\/[^/]/i.test(raw)) return { ok: false, reason: useInstead };
  let url: URL;
  try {
    url = new URL(raw, site);
  } catch {
    return { ok: false, reason: useInstead };
  }
  if (url.host !== site.host) return { ok: false, reason: `The banner links only to this site: ${url.host} is another site. ${useInstead}` };
  if (isNewsroomPath(url.pathname)) return { ok: false, reason: `That is a newsroom page readers cannot open. ${useInstead}` };
  return { ok: true, path: `${url.pathname}${url.search}${url.hash}` };
}

/** The expiry as an instant, or the reason it is refused. Empty: no expiry. */
export function expiryOf(raw: string, { now, timeZone }: BreakingNewsRules): { ok: true; at: number | null } | { ok: false; reason: string } {
  if (raw === '') return { ok: true, at: null };
  const at = fromZonedLocalInput(raw, timeZone);
  if (at === null) return { ok: false, reason: `Enter a date and time such as ${toZonedLocalInput(now + 3_600_000, timeZone)} (${timeZone}).` };
  if (at <= now) {
    return {
      ok: false,
      reason: `That time has passed (it is now ${toZonedLocalInput(now, timeZone, true).replace('T', ' ')} in ${timeZone}): choose a later time, or leave it empty to keep the banner up until cleared.`,
    };
  }
  return { ok: true, at };
}

/** The banner the valid form describes, or a message for each field that is wrong. */
export function checkBreakingNews(
  input: z.output<typeof breakingNewsSchema>,
  rules: BreakingNewsRules,
): { ok: true; text: string; link: string | null; expiresAt: number | null } | { ok: false; errors: FormErrors } {
  const link = siteLinkOf(input.link, rules.baseUrl);
  const expiry = expiryOf(input.expiresAt, rules);
  if (link.ok && expiry.ok) return { ok: true, text: input.text, link: link.path, expiresAt: expiry.at };
  const errors: FormErrors = {};
  if (!link.ok) errors.link = link.reason;
  if (!expiry.ok) errors.expiresAt = expiry.reason;
  return { ok: false, errors };
}
