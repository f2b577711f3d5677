import type { ArticleContent, NewArticle } from '@/db/articles/model';
import type { ArticleStatus } from '@/db/schema';
import { seededRandom } from './illustration';
import { slugify } from '@/lib/paths';

/**
 * Plausible, deterministic filler news for load testing (npm run seed:large): every article is
 * recombined from the small vocabulary below by one seeded random stream, so the same seed and the
 * same clock always give the same site.
 */

interface SectionWords {
  actors: readonly string[];
  topics: readonly string[];
}

const SECTION_WORDS: Record<string, SectionWords> = {
  politics: {
    actors: ['The government', 'The opposition', 'Parliament', 'The treasury', 'The prime minister', 'The finance committee'],
    topics: ['the budget', 'housing reform', 'election rules', 'public sector pay', 'the pensions bill', 'council funding'],
  },
  world: {
    actors: ['The African Union', 'The foreign ministry', 'The coalition government', 'The border agency', 'The UN envoy', 'The trade bloc'],
    topics: ['the ceasefire talks', 'grain exports', 'the refugee plan', 'new sanctions', 'the trade corridor', 'the aid budget'],
  },
  business: {
    actors: ['The central bank', 'The retailer', 'The competition regulator', 'The carmaker', 'The airline', 'The energy supplier'],
    topics: ['interest rates', 'quarterly profits', 'budget forecasts', 'supply chains', 'job cuts', 'the merger'],
  },
  technology: {
    actors: ['The chipmaker', 'The social network', 'The start-up', 'The data watchdog', 'The phone maker', 'The cloud provider'],
    topics: ['AI safety rules', 'the new chip', 'encryption', 'the app store', 'online age checks', 'data centre plans'],
  },
  science: {
    actors: ['The space agency', 'The research council', 'The university team', 'The observatory', 'The genome project', 'The physics lab'],
    topics: ['the moon mission', 'the research budget', 'the fusion trial', 'telescope data', 'the gene study', 'the particle results'],
  },
  health: {
    actors: ['The health service', 'The drug regulator', 'The hospital trust', 'The vaccine maker', 'The public health agency', 'The nursing union'],
    topics: ['waiting lists', 'the new vaccine', 'the mental health budget', 'hospital staffing', 'the cancer drug', 'the obesity plan'],
  },
  climate: {
    actors: ['The environment agency', 'The climate council', 'The water company', 'The energy minister', 'The wind farm developer', 'The city council'],
    topics: ['flood defences', 'emissions targets', 'the heat pump scheme', 'river pollution', 'the carbon budget', 'the drought plan'],
  },
  culture: {
    actors: ['The national theatre', 'The film festival', 'The arts council', 'The city museum', 'The record label', 'The streaming service'],
    topics: ['the arts budget', 'the new exhibition', 'ticket prices', 'the summer festival', 'the book prize', 'the restoration project'],
  },
};

// A section added later (or renamed) still gets readable, if generic, stories.
const GENERIC_WORDS: SectionWords = {
  actors: ['The committee', 'The agency', 'The council', 'The ministry', 'The union', 'The board'],
  topics: ['the budget', 'the new plan', 'the review', 'the proposal', 'the contract', 'the report'],
};

const VERBS = [
  ['backs', 'backed'],
  ['delays', 'delayed'],
  ['rethinks', 'rethought'],
  ['unveils', 'unveiled'],
  ['challenges', 'challenged'],
  ['defends', 'defended'],
  ['expands', 'expanded'],
  ['scraps', 'scrapped'],
  ['approves', 'approved'],
  ['reviews', 'reviewed'],
  ['questions', 'questioned'],
  ['funds', 'funded'],
] as const;
const QUALIFIERS = [
  'after a late-night vote', 'as costs climb', 'despite protests', 'amid legal questions', 'ahead of the summer',
  'for a second time', 'after months of talks', 'as demand surges', 'under new pressure', 'with weeks to spare',
];
const PLACE_VERBS = ['is divided over', 'waits for news on', 'rallies behind', 'pushes back on', 'counts the cost of', 'looks again at'];
const PLACES = [
  'Leeds', 'Lagos', 'Lyon', 'Osaka', 'Recife', 'Gdansk', 'Nairobi', 'Quebec',
  'Adelaide', 'Porto', 'Seoul', 'Glasgow', 'Chennai', 'Tbilisi', 'Valparaiso', 'Bergen',
];
const AUDIENCES = ['renters', 'small firms', 'commuters', 'pensioners', 'students', 'farmers', 'nurses', 'young voters', 'parents', 'shop owners'];
const EFFECTS = [
  'could affect thousands of people', 'surprised analysts', 'drew sharp criticism', 'was widely expected',
  'may take years to pay off', 'leaves key questions open',
];
const EXPERTS = [
  'Dr Amal Hussain, an economist,', 'Professor Claire Dubois', 'Marta Nowak, a policy analyst,',
  'Kwame Mensah, who chairs a residents group,', 'Ravi Patel, a former adviser,', 'Elena Sokolova, a researcher,',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KEY_POINT_TITLES = ['Key Points', 'What we know', 'At a glance', 'The essentials', 'In brief'];
const KEY_POINT_LABELS = ['The decision', 'The cost', 'Who is affected', 'What happens next', 'The numbers', 'The reaction'];

/** ~300 tags: every topic with every angle. */
const TAG_TOPICS = [
  'Energy', 'Housing', 'Trade', 'Health Care', 'Schools', 'Transport', 'Water', 'Farming', 'Artificial Intelligence',
  'Space', 'Vaccines', 'Elections', 'Taxes', 'Wages', 'Oceans', 'Forests', 'Cities', 'Film', 'Music', 'Books',
  'Football', 'Privacy', 'Semiconductors', 'Banking', 'Courts',
];
const TAG_ANGLES = ['Policy', 'Markets', 'Research', 'Funding', 'Reform', 'Security', 'Prices', 'Jobs', 'Data', 'Regulation', 'Investment', 'Strikes'];
export const TAG_POOL: readonly string[] = TAG_TOPICS.flatMap((topic) => TAG_ANGLES.map((angle) => `${topic} ${angle}`));

/** An article as the site stores it (without an image), plus what the loader needs to link and read it. */
export interface SyntheticArticle extends Omit<NewArticle, 'hero' | keyof ArticleContent>, Omit<ArticleContent, 'seoTitle' | 'seoDescription'> {
  /** Editors' picks: indexes of earlier generated articles (published, same section). */
  relatedIndexes: number[];
  /** How widely read the article is, relative to the others (heavy-tailed); 0 when never public. */
  popularity: number;
  /** Still read long after it was published (explainers, guides). */
  evergreen: boolean;
}

export interface GeneratorOptions {
  count: number;
  sectionSlugs: readonly string[];
  authorSlugs: readonly string[];
  now: number;
  seed?: string;
  /** Slugs already in the database, so that new ones never collide with them. */
  takenSlugs?: Iterable<string>;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SPAN_MS = 730 * DAY_MS;
const RECENT_PICKS = 200;

const SENTENCE_KINDS = Array.from({ length: 14 }, (_, kind) => kind);

/** Popularity rank to pool position: a stride coprime with the pool's size spreads the popular tags over all topics. */
const tagAtRank = (rank: number) => (rank * 37) % TAG_POOL.length;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const lower = (text: string) => (text.startsWith('The ') ? `the ${text.slice(4)}` : text);

/** Returns a function giving the next article each call, oldest first, spread evenly over the last two years. */
export function createArticleGenerator(options: GeneratorOptions): () => SyntheticArticle {
  const random = seededRandom(options.seed ?? 'large-seed');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const taken = new Set(options.takenSlugs);
  const recentBySection = new Map<string, number[]>();
  const start = options.now - SPAN_MS;
  let index = 0;

  const uniqueSlug = (headline: string) => {
    const base = slugify(headline);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  };

  return () => {
    const sectionSlug = pick(options.sectionSlugs);
    const words = SECTION_WORDS[sectionSlug] ?? GENERIC_WORDS;
    const actor = pick(words.actors);
    const topic = pick(words.topics);
    const place = pick(PLACES);
    const audience = pick(AUDIENCES);
    const [verb, verbPast] = pick(VERBS);
    // Sentence kinds are dealt from a shuffled deck, so an article repeats one only after using all.
    const deck: number[] = [];
    const sentence = (): string => {
      if (deck.length === 0) deck.push(...shuffled(SENTENCE_KINDS, random));
      switch (deck.pop()) {
        case 0: return `${pick(EXPERTS)} said the decision on ${topic} had been "difficult but necessary".`;
        case 1: return `Officials in ${place} estimate that about ${(int(2, 90) * 1000).toLocaleString('en')} ${audience} will be affected in the first year.`;
        case 2: return `The plan has been debated for ${int(2, 30)} months, with ${lower(actor)} under pressure to act.`;
        case 3: return `Critics argue that too little attention has been paid to ${topic}.`;
        case 4: return `Figures published on ${pick(DAYS)} showed a ${int(1, 40)}% change compared with last year.`;
        case 5: return `"We have listened carefully," a spokesperson for ${lower(actor)} said.`;
        case 6: return `A final decision is expected before the end of ${pick(MONTHS)}.`;
        case 7: return `Local groups in ${place} said they would keep pressing for changes.`;
        case 8: return `The cost is put at ${int(3, 900)} million, according to documents seen by reporters.`;
        case 9: return `Similar efforts in ${pick(PLACES)} produced mixed results.`;
        case 10: return `Analysts said the timing reflected growing concern about ${topic}.`;
        case 11: return `Supporters say the change will make life easier for ${audience}.`;
        case 12: return `Opposition figures called for an independent review of ${topic}.`;
        default: return `More details will be published in a report in ${pick(MONTHS)}.`;
      }
    };
    const sentences = (min: number, max: number) => Array.from({ length: int(min, max) }, sentence).join(' ');

    let headline: string;
    switch (int(0, 3)) {
      case 0: headline = `${actor} ${verb} ${topic} ${pick(QUALIFIERS)}`; break;
      case 1: headline = `${place} ${pick(PLACE_VERBS)} ${topic} ${pick(QUALIFIERS)}`; break;
      case 2: headline = `What ${topic} means for ${audience} in ${place}`; break;
      default: headline = `In ${place}, ${lower(actor)} ${verb} ${topic}`;
    }

    const slot = start + ((index + random()) * SPAN_MS) / options.count;
    const roll = random();
    // About 3% never reached readers, or left them: drafts, a few in review, scheduled and archived.
    const status: ArticleStatus =
      roll < 0.012 ? 'draft' : roll < 0.015 ? 'review' : roll < 0.022 ? 'scheduled' : roll < 0.03 ? 'archived' : 'published';
    const publishedAt =
      status === 'draft' || status === 'review'
        ? null
        : status === 'scheduled'
          ? options.now + int(1, 14 * 24) * HOUR_MS
          : Math.min(slot, options.now - 5 * 60_000);
    const shownAt = publishedAt ?? slot;
    const updatedAt =
      status === 'scheduled' ? slot : Math.min(options.now, shownAt + (random() < 0.3 ? int(1, 72) * HOUR_MS : 0));

    const correctionAt = publishedAt === null ? 0 : publishedAt + int(2, 72) * HOUR_MS;
    const corrections =
      status === 'published' && random() < 0.05 && correctionAt < options.now
        ? [{ text: `An earlier version of this article gave the wrong figure for ${topic}; it is ${int(2, 95)}%.`, publishedAt: correctionAt }]
        : [];

    const recent = recentBySection.get(sectionSlug) ?? [];
    const relatedIndexes =
      status === 'published' && recent.length > 0 && random() < 0.1
        ? [...new Set(Array.from({ length: int(1, 3) }, () => pick(recent)))]
        : [];
    if (status === 'published') {
      recent.push(index);
      if (recent.length > RECENT_PICKS) recent.shift();
      recentBySection.set(sectionSlug, recent);
    }

    // Skewed picks: a few tags and authors carry many stories, most a handful.
    const tagNames = [...new Set(Array.from({ length: int(2, 4) }, () => TAG_POOL[tagAtRank(Math.floor(random() ** 1.8 * TAG_POOL.length))]!))];
    const authorSlugs = [...new Set(Array.from({ length: int(1, 2) }, () => pick(options.authorSlugs)))];
    // Three different labels: a step of 1 or 5 through six labels never repeats within three steps.
    const [first, step] = [int(0, KEY_POINT_LABELS.length - 1), random() < 0.5 ? 1 : 5];
    const labels = [0, 1, 2].map((k) => KEY_POINT_LABELS[(first + k * step) % KEY_POINT_LABELS.length]!);
    // Pareto with alpha 1.16 (the 80/20 rule): most stories are read a little, a few enormously.
    const popularity = status === 'published' ? Math.min(2000, (1 - random()) ** (-1 / 1.16)) : 0;

    const article: SyntheticArticle = {
      slug: uniqueSlug(headline),
      sectionSlug,
      status,
      headline,
      summary: `${actor} ${verbPast} ${topic} on ${pick(DAYS)}, a move that ${pick(EFFECTS)}.`,
      body: Array.from({ length: int(4, 6) }, () => sentences(2, 3)).join('\n\n'),
      keyPointsTitle: pick(KEY_POINT_TITLES),
      keyPoints: labels.map((label) => ({ label, text: sentence() })),
      whyItMatters: `What happens to ${topic} touches the lives of ${audience} across ${place}, and sets the terms for what comes next.`,
      contextNote: random() < 0.15 ? `This story is part of our continuing coverage of ${topic} in ${place}.` : '',
      authorSlugs,
      tagNames,
      publishedAt,
      updatedAt,
      corrections,
      relatedIndexes,
      popularity,
      evergreen: status === 'published' && random() < 0.02,
    };
    index++;
    return article;
  };
}

/**
 * How much an article is read in one hour, relative to others: a launch peak fading over about a
 * day, a small steady share for evergreen pieces, and the day's rhythm (quiet nights, busy evenings).
 */
export function readershipWeight(article: { publishedHour: number; popularity: number; evergreen: boolean }, hour: number): number {
  const age = hour - article.publishedHour;
  if (age < 0) return 0;
  const fresh = Math.exp(-age / 18) + (article.evergreen ? 0.05 : 0);
  const daily = 0.6 + 0.4 * Math.sin((2 * Math.PI * ((hour % 24) - 8)) / 24);
  return article.popularity * fresh * daily;
}
