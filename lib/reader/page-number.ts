/**
 * A page number from the URL, or null when it cannot name a page ("0", "-1", "abc", "1e9", "2.5", " 2").
 * Bounded so that no absurd offset ever reaches the database.
 */
export function parsePageNumber(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return null;
  return Number(raw);
}
