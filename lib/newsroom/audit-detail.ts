/** Longer values (a bio, a description) are named rather than copied into the audit log. */
const MAX_QUOTED_LENGTH = 60;

const quote = (value: unknown) => `“${String(value)}”`;

/** The audit log's account of an edit: each changed field, with old and new values when they are short. */
export function describeChanges<T extends Record<string, unknown>>(before: T, after: T): string {
  const changes = Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .map((key) => {
      const long = [before[key], after[key]].some((v) => String(v).length > MAX_QUOTED_LENGTH);
      return long ? `${key} changed` : `${key} ${quote(before[key])} → ${quote(after[key])}`;
    });
  return changes.join('; ') || 'no changes';
}
