/**
 * Headlines "the same" for the import's duplicate warning: the same words in the same order, whatever
 * their case, punctuation and accents ("Vote delayed!" and "vote — delayed" match).
 */
export function headlineKey(headline: string): string {
  return headline
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function sameHeadline(a: string, b: string): boolean {
  const key = headlineKey(a);
  return key !== '' && key === headlineKey(b);
}
