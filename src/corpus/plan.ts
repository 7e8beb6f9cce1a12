/**
 * The plan: everything all articles share, drawn once from the setup stream
 * before any article is: the site, its authors and sources, the tags, the
 * places and people sentences mention, which articles are drafts or
 * embargoed, and the popularity tables articles pick from. Articles read it
 * but never change it, so each can be made on its own.
 */
import type { SourceKind } from '../content/schema';
import { chance, int, mix, mulberry32, pick, pickCumulative, STREAM, zipf, type Rng } from './random';
import { AVATAR_COUNT, avatarPath, LOGO_PATH, type AuthorInput, type CorpusOptions, type SiteInput, type SourceInput } from './records';
import { capitalise, slugify, uniqueSlug, withArticle } from './text';
import { FIRST_END, FIRST_START, PLACE_END, PLACE_START, ROLES, SECTIONS, SOURCE_KIND_TABLE, SOURCE_KIND_WEIGHTS, SUR_END, SUR_START, TOPIC_NOUNS, TOPIC_QUALIFIERS, TOPICS } from './words';

interface PersonName {
  first: string;
  last: string;
}

export interface CorpusPlan {
  options: CorpusOptions;
  site: SiteInput;
  authors: AuthorInput[];
  sources: SourceInput[];
  tags: string[];
  places: string[];
  people: PersonName[];
  drafts: Set<number>;
  embargoed: Set<number>;
  authorTable: Float64Array;
  sourceTable: Float64Array;
  tagTable: Float64Array;
  /** Indexes of sources that are agencies or outlets: the usual origins of adapted stories. */
  originCandidates: number[];
}

export function corpusSizes(articles: number): { authors: number; sources: number; tags: number; drafts: number; embargoed: number } {
  return {
    authors: Math.min(500, Math.max(5, Math.round(articles / 200))),
    sources: Math.min(300, Math.max(10, Math.round(articles / 500))),
    tags: Math.min(2000, Math.max(30, Math.round(articles / 100))),
    drafts: articles >= 20 ? Math.max(1, Math.round(articles / 100)) : 0,
    embargoed: articles >= 20 ? Math.max(1, Math.round(articles / 200)) : 0,
  };
}

function personName(rng: Rng): PersonName {
  return { first: pick(rng, FIRST_START) + pick(rng, FIRST_END), last: pick(rng, SUR_START) + pick(rng, SUR_END) };
}

function sourceName(rng: Rng, kind: SourceKind, place: string): string {
  const topic = pick(rng, TOPICS).split('-').map(capitalise).join(' ');
  switch (kind) {
    case 'news-agency':
      return pick(rng, [`${place} Press Agency`, `${place} News Service`, `${place} Wire`, `Agence ${place}`]);
    case 'outlet':
      return pick(rng, [`The ${place} ${pick(rng, ['Ledger', 'Courier', 'Herald', 'Gazette', 'Post', 'Observer', 'Chronicle', 'Times'])}`, `${place} Radio`, `${place} Television`]);
    case 'ngo':
      return pick(rng, [`${topic} Watch`, `Friends of ${place}`, `${place} ${topic} Trust`, `${topic} Alliance`]);
    case 'official-body':
      return pick(rng, [`${place} City Council`, `Ministry of ${topic}`, `${place} Port Authority`, `${place} Office for ${topic}`]);
    case 'research':
      return pick(rng, [`${place} Institute for ${topic} Research`, `University of ${place}`, `${topic} Observatory`]);
    case 'website':
      return pick(rng, [`${topic} Forum`, `${place} Daily Blog`, `${topic} Tracker`]);
  }
}

const KIND_DESCRIPTIONS: Record<SourceKind, string> = {
  'news-agency': 'A news agency',
  outlet: 'A news outlet',
  ngo: 'A non-profit group',
  'official-body': 'A public body',
  research: 'A research institution',
  website: 'An independent website',
};

function pickDistinctIndexes(rng: Rng, count: number, limit: number, taken: Set<number>): Set<number> {
  const out = new Set<number>();
  while (out.size < count && out.size + taken.size < limit) {
    const i = Math.floor(rng() * limit);
    if (!taken.has(i)) out.add(i);
  }
  return out;
}

export function planCorpus(options: CorpusOptions): CorpusPlan {
  if (!Number.isInteger(options.articles) || options.articles < 1) throw new RangeError('articles must be a positive integer');
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) throw new RangeError('seed must be an integer from 0 to 4294967295');
  const rng = mulberry32(mix(options.seed, STREAM.setup));
  const sizes = corpusSizes(options.articles);

  const placeSet = new Set<string>();
  for (const a of PLACE_START) for (const b of PLACE_END) placeSet.add(a + b);
  const places = [...placeSet];
  // A seeded shuffle, so each seed has its own geography.
  for (let i = places.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [places[i], places[j]] = [places[j] as string, places[i] as string];
  }
  places.splice(200);

  const site: SiteInput = {
    name: 'Newsreel Corpus',
    baseUrl: 'http://localhost:3000',
    language: 'en',
    locale: 'en-GB',
    description: `A generated corpus of ${options.articles} articles (seed ${options.seed}) for benchmarks and scale tests.`,
    logo: LOGO_PATH,
    nav: SECTIONS.slice(0, 6).map((s) => ({ label: s.name, href: `/sections/${s.slug}` })),
    sections: SECTIONS.map((s) => ({ slug: s.slug, name: s.name, description: s.description })),
  };

  const authorSlugs = new Set<string>();
  const authors: AuthorInput[] = [];
  for (let i = 0; i < sizes.authors; i += 1) {
    const { first, last } = personName(rng);
    const name = `${first} ${last}`;
    const slug = uniqueSlug(slugify(name), authorSlugs);
    const author: AuthorInput = { slug, name };
    const role = chance(rng, 0.9) ? pick(rng, ROLES) : undefined;
    if (role) author.role = role;
    if (chance(rng, 0.8)) {
      const beat = pick(rng, TOPICS).replace(/-/g, ' ');
      author.bio =
        `${name} covers ${beat} and ${pick(rng, TOPIC_NOUNS)} for Newsreel Corpus from ${pick(rng, places)}. ` +
        `Before joining the site, ${first} spent ${int(rng, 2, 15)} years at ${withArticle(pick(rng, ['regional paper', 'news agency', 'radio station', 'trade magazine', 'local weekly']))}` +
        (chance(rng, 0.5) ? ` and still prefers ${pick(rng, ['a notebook to a laptop', 'the phone to email', 'a long walk to a press release', 'the archive to the newsroom'])}.` : '.');
    }
    if (chance(rng, 0.6)) author.avatar = avatarPath(i % AVATAR_COUNT);
    if (chance(rng, 0.4)) {
      author.links = [{ label: 'Website', url: `https://example.org/people/${slug}` }];
      if (chance(rng, 0.5)) author.links.push({ label: 'Email', url: `mailto:${slug}@example.org` });
    }
    authors.push(author);
  }

  const sourceSlugs = new Set<string>();
  const sources: SourceInput[] = [];
  const originCandidates: number[] = [];
  for (let i = 0; i < sizes.sources; i += 1) {
    const kind = (SOURCE_KIND_WEIGHTS[pickCumulative(rng, SOURCE_KIND_TABLE)] as [SourceKind, number])[0];
    const place = pick(rng, places);
    const name = sourceName(rng, kind, place);
    const slug = uniqueSlug(slugify(name), sourceSlugs);
    const source: SourceInput = { slug, name };
    if (chance(rng, 0.85)) source.url = `https://${slug}.example.org`;
    source.kind = kind;
    if (chance(rng, 0.8)) source.description = `${KIND_DESCRIPTIONS[kind]} based in ${place} that covers ${pick(rng, TOPIC_NOUNS)} and ${pick(rng, TOPICS).replace(/-/g, ' ')}.`;
    if (kind === 'news-agency' || kind === 'outlet') originCandidates.push(i);
    sources.push(source);
  }
  if (originCandidates.length === 0) originCandidates.push(0);

  // Tags: plain topics first (the most popular ranks), then places, then topic-qualifier and place-topic pairs.
  const tagSet = new Set<string>();
  const shuffledTopics = TOPICS.map((t) => [rng(), t] as const).sort((a, b) => a[0] - b[0]).map(([, t]) => t);
  for (const t of shuffledTopics) if (tagSet.size < sizes.tags) tagSet.add(t);
  for (const p of places.slice(0, 60)) if (tagSet.size < sizes.tags) tagSet.add(slugify(p));
  let guard = 0;
  while (tagSet.size < sizes.tags && guard < sizes.tags * 50) {
    guard += 1;
    tagSet.add(chance(rng, 0.5) ? `${pick(rng, TOPICS)}-${pick(rng, TOPIC_QUALIFIERS)}` : `${slugify(pick(rng, places))}-${pick(rng, TOPICS)}`);
  }
  const tags = [...tagSet];

  const people = Array.from({ length: 400 }, () => personName(rng));
  const drafts = pickDistinctIndexes(rng, sizes.drafts, options.articles, new Set());
  const embargoed = pickDistinctIndexes(rng, sizes.embargoed, options.articles, drafts);

  return {
    options,
    site,
    authors,
    sources,
    tags,
    places,
    people,
    drafts,
    embargoed,
    authorTable: zipf(authors.length, 0.8, 2),
    sourceTable: zipf(sources.length, 1, 2),
    // Steep enough that the top tag is on about a third of the articles and most tags on a few percent, as on real sites.
    tagTable: zipf(tags.length, 1.1, 1),
    originCandidates,
  };
}
