import { MAX_QUERY_CHARACTERS } from '@/lib/config';

/**
 * Turns whatever a reader typed into an FTS5 MATCH expression that cannot be a syntax error: every word
 * and every "quoted phrase" becomes an FTS5 string (inside one, `*`, `:`, `^`, `(`, NEAR, AND, OR are
 * plain text), so the only operators are the ones added here — implicit AND between terms and a prefix
 * `*` on the last word, which is how a word still being typed (`neg`) finds `negotiations`; the last word
 * is matched whole when it is shorter than MIN_PREFIX_CHARACTERS or one of the STOP_WORDS.
 */

export const MAX_QUERY_TERMS = 12;
/** A shorter last word is matched whole: `a*` or `th*` would read the postings of most of the archive. */
export const MIN_PREFIX_CHARACTERS = 3;

/**
 * Very common English words. Typed last, they are matched whole, never as a prefix: "the" must not find
 * and mark "their", "them", "theatre" (a reader who typed a whole word meant it). They still have to
 * match. Related stories (db/related.ts) also leave them out of an article's distinctive terms.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can ' +
    'could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it ' +
    'its itself just may me might more most must my no nor not now of off on once one only or other our ours out over own said same ' +
    'says she should so some such than that the their theirs them then there these they this those through to too under until up upon ' +
    'us very was we were what when where which while who whom why will with would yet you your yours'
  ).split(' '),
);

/** Whether a word (as typed: case and accents do not matter) is one of the STOP_WORDS. */
export const isStopWord = (word: string) => STOP_WORDS.has(foldWord(word));

/** A word as the index stores it (unicode61, remove_diacritics 2): lower case, accents removed. */
export const foldWord = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// NUL ends the expression inside FTS5 ("unterminated string"); other control characters and lone
// surrogates are never part of a word either.
const UNUSABLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
// What unicode61 keeps as part of a token. A term without any would be an empty phrase, which matches nothing.
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

interface Term {
  text: string;
  phrase: boolean;
}

/** The words and balanced "quoted phrases" of a query, in order; an unmatched quote is ignored. */
export function searchTerms(text: string): Term[] {
  // Phones type curly quotes ("smart punctuation"): they mean the same phrase.
  const cleaned = text.replace(UNUSABLE, ' ').replace(/[“”„‟]/g, '"').slice(0, MAX_QUERY_CHARACTERS);
  const terms: Term[] = [];
  const words = (part: string) => {
    for (const word of part.split(/\s+/)) terms.push({ text: word, phrase: false });
  };
  let rest = cleaned;
  for (;;) {
    const open = rest.indexOf('"');
    const close = open === -1 ? -1 : rest.indexOf('"', open + 1);
    if (close === -1) {
      words(rest.replaceAll('"', ' '));
      break;
    }
    words(rest.slice(0, open));
    terms.push({ text: rest.slice(open + 1, close).trim().replace(/\s+/g, ' '), phrase: true });
    rest = rest.slice(close + 1);
  }
  // A repeated word or phrase finds nothing more, but each would cost a read of its word list (bm25 counts them).
  const seen = new Set<string>();
  return terms
    .filter((term) => {
      const key = `${term.phrase ? '"' : ''}${term.text.toLowerCase()}`;
      if (!TOKEN_CHARACTER.test(term.text) || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_QUERY_TERMS);
}

/** The MATCH expression for a query, or null when it has no searchable word (show the form, not results). */
export function toMatchExpression(text: string): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return terms
    .map((term, i) => {
      const quoted = `"${term.text.replaceAll('"', '""')}"`;
      const prefix =
        i === terms.length - 1 && !term.phrase && [...term.text].length >= MIN_PREFIX_CHARACTERS && !isStopWord(term.text);
      return prefix ? `${quoted}*` : quoted;
    })
    .join(' ');
}
