/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET), or is `*`. */
export function isNotModifiedBy(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag));
}
