/**
 * The check shown before publishing or scheduling: warnings an editor may publish over, and the few
 * things the save itself refuses (`refused`), named the same way. Pure, so the editor runs it in the
 * browser on what is typed now, and the server on what was saved (for editors without JavaScript).
 */
export interface PrepublishInput {
  intent: 'publish' | 'schedule';
  headline: string;
  summary: string;
  keyPoints: readonly { label: string; text: string }[];
  hero: { chosen: boolean; alt: string };
  /** The go-live time typed, as an instant; null when empty or not a time. */
  publishAt: number | null;
  now: number;
}

export interface PrepublishFinding {
  /** The form field it is about (its id in the editor). */
  field: 'headline' | 'summary' | 'keyPoints' | 'heroMediaId' | 'publishAt';
  text: string;
  /** The save will be refused for this: fix it first. */
  refused: boolean;
}

/** Longer than this, lists and search results cut a headline short; shorter, it rarely says enough. */
export const HEADLINE_LENGTH = { min: 20, max: 90 } as const;

export function prepublishCheck(input: PrepublishInput): PrepublishFinding[] {
  const findings: PrepublishFinding[] = [];
  const headline = input.headline.trim();
  if (headline.length > HEADLINE_LENGTH.max) {
    findings.push({
      field: 'headline',
      text: `The headline is ${headline.length} characters: lists and search results cut it after about ${HEADLINE_LENGTH.max}.`,
      refused: false,
    });
  } else if (headline.length < HEADLINE_LENGTH.min) {
    findings.push({ field: 'headline', text: `The headline is only ${headline.length} characters: does it say what happened?`, refused: false });
  }
  if (!input.summary.trim()) {
    findings.push({ field: 'summary', text: 'There is no summary: publishing needs one.', refused: true });
  }
  if (!input.keyPoints.some((point) => point.text.trim() || point.label.trim())) {
    findings.push({ field: 'keyPoints', text: 'The key points block is empty: readers will see no key points.', refused: false });
  }
  if (input.hero.chosen && !input.hero.alt.trim()) {
    findings.push({ field: 'heroMediaId', text: 'The image has no alt text: readers who cannot see it will not know what it shows.', refused: false });
  }
  if (input.intent === 'schedule' && (input.publishAt === null || input.publishAt <= input.now)) {
    findings.push({
      field: 'publishAt',
      text: input.publishAt === null ? 'Choose when it goes live.' : 'The go-live time is in the past: scheduling will be refused.',
      refused: true,
    });
  }
  return findings;
}
