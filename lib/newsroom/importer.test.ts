import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleText, type ImportedArticle } from './importer';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'importer-fixtures', name), 'utf8');
const parseFixture = (name: string) => parseArticleText(fixture(name));

const NO_WHY = 'No "Why It Matters" block.';
const NO_KEY_POINTS = 'No key points block (a title line followed by at least two "Label: sentence" lines).';

describe('parseArticleText on the fixtures', () => {
  it('reads the shared sample (sample-seed-article.txt, a copy of /work/shared/samples/seed-article.txt)', () => {
    expect(parseFixture('sample-seed-article.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'Politics',
        headline:
          'Zelenskyy Signals Readiness To Trade NATO Bid For Security Guarantees, Proposes Referendum To Advance Peace Talks',
        summary:
          'Ukraine has indicated it may offer concessions to advance peace talks, with President Volodymyr Zelenskyy saying Kyiv could drop its NATO membership bid if the U.S. and European partners provide security guarantees. He also proposed a referendum to let voters decide on transferring territory to Moscow, a move reportedly welcomed by some U.S. officials. The Wall Street Journal reported Zelenskyy has adjusted a U.S.-backed peace plan to make it acceptable to Kyiv while minimizing political fallout.',
        body: 'Ukraine indicated it may offer significant concessions to Russia as part of an effort to jump-start stalled peace negotiations. Ahead of a meeting in Berlin with senior U.S. negotiators, President Volodymyr Zelenskyy said Kyiv could abandon its demand for NATO membership if the United States and European partners provided robust security guarantees.',
        keyPointsTitle: 'Key Proposals',
        keyPoints: [
          {
            label: 'Security Guarantees Instead Of NATO',
            text: 'Zelenskyy suggested that formal security assurances from the U.S. and European countries could replace an explicit NATO membership aspiration, a major shift in Kyiv’s long-standing position.',
          },
          {
            label: 'Referendum On Territory',
            text: 'He also floated the idea of letting Ukrainian voters decide in a referendum whether to transfer disputed territory to Moscow — an option U.S. officials reportedly view as a potentially pragmatic way to resolve territorial disputes without preemptive concessions from Kyiv.',
          },
          {
            label: 'Reported Context',
            text: 'The Wall Street Journal wrote that Zelenskyy has effectively revised a U.S.-backed peace blueprint to make it acceptable to Kyiv while avoiding a public rejection that might alienate U.S. leadership.',
          },
        ],
        whyItMatters:
          'Moving away from a NATO membership demand would represent a significant diplomatic concession and could alter the strategic balance in negotiations. Proposing a referendum transfers the difficult political choice to the Ukrainian electorate but raises complex legal, ethical and security questions, especially in areas affected by conflict.',
        contextNote:
          'All of the elements above have been described in reporting as proposals or ideas rather than finalized policy. Discussions were described as preliminary and framed as part of efforts to find a mutually acceptable path toward peace.',
      },
      warnings: [],
    });
  });

  it('reads an article in the sample’s shape, with a two-paragraph why-it-matters and a note after it', () => {
    expect(parseFixture('standard-shape.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'Business',
        headline: 'Port Authority Approves Night Shift At Container Terminal To Clear Backlog Of Stranded Cargo',
        summary:
          "The harbour's container terminal will run around the clock from next month after the port authority approved a temporary night shift, a move intended to clear a backlog of more than 40,000 containers that built up during a six-week dispute over crane maintenance.",
        body:
          "Dockworkers' representatives agreed to the extra shift on Tuesday after the authority offered a 14 percent premium for overnight hours and promised that no worker would be scheduled for more than four night shifts in a row.\n\n" +
          'Importers say the delays have already pushed up prices for furniture, building materials and some fresh produce, and several retailers warned that shelves could stay thin well into the spring if the backlog is not cleared.',
        keyPointsTitle: 'Key Points',
        keyPoints: [
          {
            label: 'Round-The-Clock Operation',
            text: 'Cranes will work three shifts a day, seven days a week, for at least twelve weeks starting on the first Monday of next month.',
          },
          {
            label: 'Pay And Limits',
            text: 'Night hours carry a 14 percent premium, and no dockworker can be rostered for more than four consecutive night shifts.',
          },
          {
            label: 'Backlog Target',
            text: 'The authority expects to bring waiting times for ships back under two days by the end of the trial period.',
          },
        ],
        whyItMatters:
          "The terminal handles roughly a third of the region's imported goods, so delays there ripple quickly into shop prices and construction schedules.\n\n" +
          "The agreement is also a test of whether the authority and the dockworkers' union can settle disputes without a strike, ahead of pay talks due later in the year.",
        contextNote:
          'Figures on the size of the backlog are preliminary and come from the port authority; the union has said its own count is somewhat lower.',
      },
      warnings: [],
    });
  });

  it('recognises other block titles, bulleted key points, a subheading in the body, and keeps a lone why-it-matters paragraph whole', () => {
    expect(parseFixture('other-block-titles.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'Science',
        headline: 'Deep-Sea Survey Finds Coral Gardens Thriving Below Bleached Reef',
        summary:
          "A survey of water 60 to 150 metres deep off the northern coast has found coral gardens in good health directly beneath shallow reefs that lost much of their colour in last summer's marine heatwave.",
        body:
          'Researchers from three universities used remotely operated vehicles to film more than 40 kilometres of the sea floor over five weeks, mapping where corals, sponges and fish gathered.\n\n' +
          '## How the Study Worked\n\n' +
          'Each dive followed a fixed line down the slope of the reef, with cameras recording every metre so that later teams can return to exactly the same places.',
        keyPointsTitle: 'The Main Findings',
        keyPoints: [
          { label: 'Healthy Deep Corals', text: 'More than 80 percent of the corals filmed below 60 metres showed no sign of bleaching.' },
          {
            label: 'Cooler Water',
            text: 'Temperature loggers recorded water about 4°C cooler at depth than at the surface during the heatwave.',
          },
          { label: 'Fish Nurseries', text: 'Juvenile reef fish were found sheltering among the deep corals at 23 of the 31 sites surveyed.' },
        ],
        // "preliminary" in the only paragraph: why-it-matters, not a context note.
        whyItMatters:
          "Deep reefs could act as a refuge that helps shallow reefs recover, but they remain poorly protected and are easily damaged by anchors and trawling. The team's results are preliminary until the full data set has been reviewed by other scientists.",
        contextNote: '',
      },
      warnings: [],
    });
  });

  it('reads an article without key points, with only a section line and an editor’s note', () => {
    expect(parseFixture('no-key-points.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'Health',
        headline: 'Hospitals To Offer Evening Clinics For Routine Scans',
        summary:
          'Three hospitals will open their scanning departments until 10 p.m. on weekdays from March, in an attempt to cut waiting lists for routine MRI and CT scans that have grown to an average of nine weeks.',
        body:
          'The health board said the evening clinics would add about 1,200 appointments a month, staffed by radiographers who volunteer for the later hours in exchange for an extra day of leave each quarter.\n\n' +
          'Patients already on a waiting list will be offered an evening slot by text message, and those who decline will keep their place in the queue.\n\n' +
          "The board's chair said the scheme would be reviewed after six months and extended to other hospitals if it reduced waiting times without adding to staff sickness.",
        keyPointsTitle: null,
        keyPoints: [],
        whyItMatters:
          'Long waits for scans delay diagnoses for conditions such as cancer, where earlier treatment can change outcomes. Using machines that already stand idle in the evening is one of the few ways to add capacity quickly without building new departments.',
        contextNote: 'Editor’s note: An earlier version of this article gave the wrong month for the start of the clinics.',
      },
      warnings: [NO_KEY_POINTS],
    });
  });

  it('reads an article without why-it-matters: what follows the key points joins the body, but a closing note stays a note', () => {
    expect(parseFixture('no-why-it-matters.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'World',
        headline: 'Flooding Forces Thousands From Homes As River Reaches Record Height',
        summary:
          'More than 6,000 people have left their homes along the lower river valley after three days of heavy rain pushed water levels past the record set in 1987, regional officials said on Sunday.',
        body:
          'Emergency teams evacuated two care homes and a hospital wing overnight, and schools in eleven towns were turned into shelters with camp beds, blankets and hot food.\n\n' +
          '## What Happens Next\n\n' +
          'Forecasters expect the rain to ease by Tuesday, but officials warned that water could keep rising downstream for another two days as the flood moves toward the coast.',
        keyPointsTitle: 'What We Know',
        keyPoints: [
          {
            label: 'Evacuations',
            text: 'About 6,000 residents have been moved, most of them to schools and sports halls within 20 kilometres of their homes.',
          },
          {
            label: 'Water Levels',
            text: 'The river peaked at 9.4 metres at the main gauge early on Sunday, 30 centimetres above the previous record.',
          },
          {
            label: 'Transport',
            text: 'The main rail line and two motorway bridges are closed, and officials said they would stay shut until engineers can inspect them.',
          },
        ],
        whyItMatters: '',
        contextNote: 'This story is developing and will be updated as officials release new figures.',
      },
      warnings: [NO_WHY, '2 lines after the key points, outside Why It Matters, were added to the end of the body.'],
    });
  });

  it('reads a Windows file: BOM, CRLF, tabs, no-break spaces and runs of blank lines', () => {
    const raw = fixture('windows-line-endings.txt');
    expect(raw.startsWith('\uFEFF')).toBe(true);
    expect(raw).toContain('\r\n');
    expect(raw).toMatch(/[\t\u00a0]/);
    expect(parseArticleText(raw)).toEqual({
      ok: true,
      article: {
        sectionName: 'Climate',
        headline: 'Wind Farm Output Beats Forecast In First Full Winter',
        summary:
          'The offshore wind farm that opened last spring produced 12 percent more electricity than forecast over its first full winter, its operator said, supplying the equivalent of about 410,000 homes.',
        body: 'Engineers said stronger than usual winds in January and fewer maintenance stops than expected both helped output.',
        keyPointsTitle: 'Key Points',
        keyPoints: [
          { label: 'Output', text: 'The farm generated 1.1 terawatt-hours between November and February.' },
          { label: 'Reliability', text: 'Turbines were available for generation 97 percent of the time.' },
        ],
        whyItMatters: 'The results will feed into the government’s decision on whether to approve two larger farms along the same coast.',
        contextNote: 'The operator’s figures have not been independently verified.',
      },
      warnings: [],
    });
  });

  it('reads a headline that is not repeated, skipping the byline and date under it', () => {
    expect(parseFixture('headline-not-repeated.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'Technology',
        headline: 'City Council Votes To Publish Every Algorithm It Uses To Make Decisions',
        summary:
          'The city council will publish a plain-language description of every automated system it uses to make decisions about residents, from school place allocation to parking fines, after councillors voted 31 to 9 in favour of a new transparency register.',
        body:
          'The register will list what each system does, what data it uses and who in the council is responsible for it. Officials said the first 40 entries would go online by the summer.\n\n' +
          '“People have a right to know when a computer is involved in a decision about them,” the councillor who proposed the register said during the debate.',
        keyPointsTitle: 'Key Points',
        keyPoints: [
          {
            label: 'What Is Covered',
            text: 'Any software that scores, ranks or sorts residents, including tools bought from outside suppliers.',
          },
          { label: 'Who Is Responsible', text: 'Each entry must name a senior official who answers for the system and its errors.' },
          { label: 'Appeals', text: 'Residents will be able to ask for any automated decision to be reviewed by a member of staff.' },
        ],
        whyItMatters:
          'Councils increasingly rely on software for decisions that affect housing, benefits and schooling, but residents rarely know when it is used or how to challenge it.',
        contextNote: '',
      },
      warnings: ['Skipped “By Amara Osei” and “14 December 2025”: authors and dates are set in the newsroom.'],
    });
  });

  it('drops "Related Articles", "Trending" and everything under them', () => {
    expect(parseFixture('related-and-trending-junk.txt')).toEqual({
      ok: true,
      article: {
        sectionName: 'Culture',
        headline: 'Museum Returns Carved Doors To The Village They Were Taken From A Century Ago',
        summary:
          "A pair of carved wooden doors that stood in the national museum's entrance hall for nearly a hundred years have been returned to the mountain village where they were made, after a two-year review of how they were acquired.",
        body: 'Museum staff found letters showing that the doors were removed in 1926 without the agreement of the village council, which had asked for them back twice in the decades that followed.',
        keyPointsTitle: 'Key Points',
        keyPoints: [
          {
            label: 'The Doors',
            text: "The pair, carved from walnut, show scenes from the village's harvest festival and are thought to date from the 1850s.",
          },
          {
            label: 'The Review',
            text: "A panel of curators, historians and village representatives examined the museum's records over two years.",
          },
          {
            label: 'The Handover',
            text: 'Villagers carried the doors into the restored meeting house on Saturday, where they will be displayed from the spring.',
          },
        ],
        whyItMatters:
          "The return is the first under the museum's new policy on objects acquired without clear consent, and other communities have already asked it to review items in its collection.",
        contextNote: '',
      },
      warnings: ['Dropped 4 lines after “Related Articles” (page furniture).'],
    });
  });
});

describe('parseArticleText rules', () => {
  const article = (text: string): ImportedArticle => {
    const result = parseArticleText(text);
    if (!result.ok) throw new Error(result.error);
    return result.article;
  };
  const warningsOf = (text: string) => {
    const result = parseArticleText(text);
    return result.ok ? result.warnings : [];
  };

  it('takes a header line naming a story type as the type, not the section', () => {
    expect(article('Opinion\nWhy The Rate Decision Came Too Late\nIt did.')).toMatchObject({ type: 'opinion', sectionName: null });
    expect(article('CRBC News\nanalysis\nWhy The Rate Decision Came Too Late\nIt did.')).toMatchObject({ type: 'analysis', sectionName: null });
    expect(article('Business\nExplainer\nHow The Rate Decision Is Made\nLike this.')).toMatchObject({ type: 'explainer', sectionName: 'Business' });
    // News is the default and no label; a section is a section.
    expect(article('News\nMarkets Close Higher After Rate Decision\nStocks rose.')).toMatchObject({ sectionName: 'News' });
    expect(article('Business\nMarkets Close Higher After Rate Decision\nStocks rose.').type).toBeUndefined();
  });

  it('takes a lone first line as the site name only when it is a known one', () => {
    expect(article('CRBC News\nMarkets Close Higher After Rate Decision\nStocks rose.').sectionName).toBeNull();
    expect(article('crbc news\nMarkets Close Higher After Rate Decision\nStocks rose.').sectionName).toBeNull();
    expect(article('Business\nMarkets Close Higher After Rate Decision\nStocks rose.').sectionName).toBe('Business');
    expect(article('Markets Close Higher After Rate Decision Across The Region\nStocks rose.')).toMatchObject({
      sectionName: null,
      headline: 'Markets Close Higher After Rate Decision Across The Region',
      summary: 'Stocks rose.',
    });
  });

  it('reads old Mac line endings, drops zero-width characters and keeps curly quotes', () => {
    expect(article('Science\rComet \u201cBrighter\u201d Than Expected\rIt rose at dawn.\r\rA second\u200b\u00ad paragraph.')).toEqual({
      sectionName: 'Science',
      headline: 'Comet “Brighter” Than Expected',
      summary: 'It rose at dawn.',
      body: 'A second paragraph.',
      keyPointsTitle: null,
      keyPoints: [],
      whyItMatters: '',
      contextNote: '',
    });
  });

  it('needs at least two "Label: sentence" lines under a title for a key points block', () => {
    const text = 'Politics\nCouncil Approves Budget For Next Year\nThe budget passed.\nKey Points\nVote: It passed 30 to 10.\nWhy It Matters\nIt funds schools.';
    expect(article(text)).toMatchObject({ keyPointsTitle: null, keyPoints: [], body: '## Key Points\n\nVote: It passed 30 to 10.' });
  });

  it('keeps a second key points block as text, with a warning', () => {
    const text = [
      'Politics',
      'Council Approves Budget For Next Year',
      'The budget passed.',
      'Key Points',
      'Vote: It passed 30 to 10.',
      'Schools: They get more money.',
      'What Else',
      'Roads: Repairs are delayed.',
      'Parks: Opening hours are cut.',
    ].join('\n');
    expect(article(text)).toMatchObject({
      keyPoints: [
        { label: 'Vote', text: 'It passed 30 to 10.' },
        { label: 'Schools', text: 'They get more money.' },
      ],
      body: '## What Else\n\nRoads: Repairs are delayed.\n\nParks: Opening hours are cut.',
    });
    expect(warningsOf(text)).toContain('A second key points block, “What Else”, was kept as text.');
  });

  it('takes no context note from a last paragraph that does not read as one', () => {
    const text = 'Politics\nCouncil Approves Budget For Next Year\nThe budget passed.\nWhy It Matters\nIt funds schools.\nIt also cuts roads.';
    expect(article(text)).toMatchObject({ whyItMatters: 'It funds schools.\n\nIt also cuts roads.', contextNote: '' });
  });

  it('warns about a why-it-matters heading with nothing under it, a missing summary and hard-wrapped text', () => {
    expect(warningsOf('Politics\nCouncil Approves Budget For Next Year\nWhy It Matters')).toEqual([
      'No summary: the headline is not followed by a paragraph.',
      'No body: nothing but the summary comes before the first block.',
      NO_KEY_POINTS,
      'The "Why It Matters" heading has no paragraphs under it.',
    ]);
    const wrapped = 'Politics\nCouncil Approves Budget For Next Year\nThe budget passed.\nThe council voted on Tuesday to approve the\nbudget after a long debate.';
    expect(warningsOf(wrapped)[0]).toBe(
      'Line 4 seems to continue on the next line (hard-wrapped text?): each line was taken as its own paragraph.',
    );
  });
});
