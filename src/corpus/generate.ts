/**
 * A deterministic generator of a realistic corpus for benchmarks and scale
 * tests (`npm run corpus`, see docs/corpus.md).
 *
 * Everything comes from a seeded PRNG (mulberry32) and a fixed epoch, never
 * from the clock: the same options give the same records, byte for byte.
 * Each article draws from its own PRNG keyed on (seed, index), so articles can
 * be generated one at a time (`generateArticles`) without holding 100k records
 * in memory, and still come out identical to `generateCorpus`.
 *
 * The records follow docs/content.md and load with zero problems.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { z } from 'zod';
import type { articleSchema, authorSchema, blockSchema, siteSchema, SourceKind, sourceSchema } from '../content/schema';

export type SiteInput = z.input<typeof siteSchema>;
export type AuthorInput = z.input<typeof authorSchema>;
export type SourceInput = z.input<typeof sourceSchema>;
export type ArticleInput = z.input<typeof articleSchema>;
export type BlockInput = z.input<typeof blockSchema>;
export type SourceRef = NonNullable<ArticleInput['sources']>[number];

export interface CorpusOptions {
  /** Number of articles (a positive integer). */
  articles: number;
  /** PRNG seed, an unsigned 32-bit integer. */
  seed: number;
}

export interface Corpus {
  site: SiteInput;
  authors: AuthorInput[];
  sources: SourceInput[];
  articles: ArticleInput[];
}

/** The last moment of the (fixed, past) publishing window; articles spread over the 4 years before it. */
export const CORPUS_END = Date.UTC(2026, 9, 31, 0, 0, 0);
export const CORPUS_START = Date.UTC(2022, 9, 31, 0, 0, 0);
/** Embargoed articles are published at some moment of this year: far in the future. */
export const EMBARGO_YEAR = 2031;

export const PHOTO_COUNT = 24;
export const AVATAR_COUNT = 8;
export const PHOTO_SIZE = { width: 1200, height: 675 } as const;
export const AVATAR_SIZE = 400;
export const IMAGE_DIR = 'images/corpus';
export const LOGO_PATH = `${IMAGE_DIR}/logo.png`;

export const photoPath = (n: number): string => `${IMAGE_DIR}/photo-${String(n + 1).padStart(2, '0')}.jpg`;
export const avatarPath = (n: number): string => `${IMAGE_DIR}/avatar-${String(n + 1).padStart(2, '0')}.jpg`;

// ---------------------------------------------------------------------------
// Randomness

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG returning numbers in [0, 1). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two 32-bit values into a well-spread 32-bit seed (murmur3's finaliser). */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const STREAM = { setup: 1, article: 2, image: 3 } as const;

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Picks an index by weight from a cumulative table (binary search). */
function pickCumulative(rng: Rng, cumulative: Float64Array): number {
  const target = rng() * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Zipf–Mandelbrot popularity, 1 / (rank + q)^s, as a cumulative table. */
function zipf(count: number, s: number, q: number): Float64Array {
  const table = new Float64Array(count);
  let sum = 0;
  for (let k = 0; k < count; k += 1) {
    sum += 1 / Math.pow(k + 1 + q, s);
    table[k] = sum;
  }
  return table;
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const table = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    table[i] = sum;
  });
  return table;
}

// ---------------------------------------------------------------------------
// Vocabulary

const SECTIONS = [
  { slug: 'world', name: 'World', description: 'Reporting from around the globe, with every source named.', weight: 18 },
  { slug: 'europe', name: 'Europe', description: 'Stories from across the continent.', weight: 12 },
  { slug: 'politics', name: 'Politics', description: 'Parliaments, elections and the people who run them.', weight: 12 },
  { slug: 'business', name: 'Business', description: 'Companies, jobs, markets and the economy.', weight: 12 },
  { slug: 'technology', name: 'Technology', description: 'Software, hardware and the companies behind them.', weight: 8 },
  { slug: 'science', name: 'Science', description: 'Research, the natural world and the night sky.', weight: 8 },
  { slug: 'health', name: 'Health', description: 'Hospitals, medicine and public health.', weight: 7 },
  { slug: 'climate', name: 'Climate', description: 'Weather, energy and the changing planet.', weight: 7 },
  { slug: 'culture', name: 'Culture', description: 'Books, film, music, museums and festivals.', weight: 8 },
  { slug: 'sport', name: 'Sport', description: 'Results, clubs and the business of sport.', weight: 5 },
  { slug: 'local', name: 'Local', description: 'Towns, councils and neighbourhoods.', weight: 5 },
  { slug: 'opinion', name: 'Opinion', description: 'Comment and analysis from our writers.', weight: 3 },
] as const;
const SECTION_TABLE = cumulativeOf(SECTIONS.map((s) => s.weight));

const PLACE_START = ['North', 'East', 'West', 'South', 'Lind', 'Alder', 'Ash', 'Bram', 'Cald', 'Dun', 'Elm', 'Fen', 'Gar', 'Hal', 'Ivy', 'Kel', 'Lang', 'Mar', 'Nor', 'Oak', 'Pen', 'Rave', 'Sel', 'Thorn', 'Ul', 'Vel', 'Wil', 'Yar', 'Stor', 'Brae'];
const PLACE_END = ['haven', 'mere', 'brook', 'ford', 'stead', 'wick', 'holm', 'dale', 'bury', 'ton', 'field', 'port', 'minster', 'by', 'moor', 'gate', 'cliff', 'water', 'bridge', 'ness'];
const FIRST_START = ['Ma', 'Ja', 'Ele', 'I', 'No', 'Sa', 'Lu', 'Te', 'Ro', 'Ha', 'Ka', 'Mi', 'A', 'Be', 'Da', 'Fe', 'Gi', 'Le', 'Ni', 'O', 'Ri', 'Vi', 'Yu', 'Za', 'To', 'Si'];
const FIRST_END = ['ren', 'mes', 'na', 'dris', 'ra', 'lia', 'mon', 'an', 'el', 'ia', 'ko', 'lan', 'der', 'ssa', 'vin', 'ta', 'ne', 'mir', 'lo', 'ric', 'dia', 'sef'];
const SUR_START = ['Cal', 'Spring', 'Fer', 'Hal', 'Mor', 'Ash', 'Brad', 'Dun', 'Fair', 'Gold', 'Hart', 'Kes', 'Lind', 'Mar', 'North', 'Pem', 'Quin', 'Rad', 'Sel', 'Thorn', 'Van', 'Wes', 'Yar', 'Ost', 'Bel', 'Cor'];
const SUR_END = ['loway', 'er', 'reira', 'den', 'ley', 'ford', 'ton', 'by', 'wick', 'mere', 'stead', 'holt', 'man', 'sen', 'ova', 'ini', 'ez', 'ard', 'well', 'croft', 'ani', 'ski'];

const TOPICS = [
  'housing', 'energy', 'elections', 'transport', 'climate', 'health', 'education', 'farming', 'fisheries', 'tourism', 'rail', 'aviation',
  'shipping', 'wildlife', 'space', 'artificial-intelligence', 'water', 'floods', 'wildfires', 'heatwaves', 'migration', 'trade', 'inflation',
  'jobs', 'wages', 'courts', 'policing', 'football', 'cycling', 'sailing', 'music', 'film', 'theatre', 'books', 'museums', 'architecture',
  'food', 'startups', 'banking', 'taxes', 'pensions', 'hospitals', 'vaccines', 'universities', 'schools', 'libraries', 'festivals',
  'protests', 'parliament', 'diplomacy', 'defence', 'cybersecurity', 'privacy', 'semiconductors', 'batteries', 'wind-power', 'solar-power',
  'nuclear-power', 'oceans', 'forests', 'drought', 'public-transport', 'roads', 'ports', 'airports', 'tennis', 'athletics', 'chess', 'art',
  'photography', 'fashion', 'archaeology', 'astronomy', 'genetics', 'mental-health', 'childcare', 'social-care', 'refugees', 'human-rights',
];
const TOPIC_QUALIFIERS = ['policy', 'prices', 'crisis', 'reform', 'funding', 'strikes', 'season', 'inquiry', 'plans', 'report', 'data', 'budget'];

const SOURCE_KIND_WEIGHTS: [SourceKind, number][] = [
  ['news-agency', 15],
  ['outlet', 30],
  ['ngo', 15],
  ['official-body', 20],
  ['research', 10],
  ['website', 10],
];
const SOURCE_KIND_TABLE = cumulativeOf(SOURCE_KIND_WEIGHTS.map(([, w]) => w));

const ROLES = [
  'Reporter', 'Senior reporter', 'Science correspondent', 'Europe correspondent', 'Business editor', 'Culture writer', 'Data journalist',
  'Political correspondent', 'Health reporter', 'Climate reporter', 'Sports writer', 'Night editor', 'Investigations editor', 'Photographer',
  'Technology reporter', 'Foreign correspondent', 'Local news reporter', 'Opinion editor', 'Economics correspondent', 'Transport reporter',
];

/** Verbs as [base, past, present third person]. */
const VERBS: readonly [string, string, string][] = [
  ['approve', 'approved', 'approves'], ['reject', 'rejected', 'rejects'], ['announce', 'announced', 'announces'], ['delay', 'delayed', 'delays'],
  ['expand', 'expanded', 'expands'], ['review', 'reviewed', 'reviews'], ['criticise', 'criticised', 'criticises'], ['fund', 'funded', 'funds'],
  ['propose', 'proposed', 'proposes'], ['launch', 'launched', 'launches'], ['postpone', 'postponed', 'postpones'], ['defend', 'defended', 'defends'],
  ['question', 'questioned', 'questions'], ['welcome', 'welcomed', 'welcomes'], ['cut', 'cut', 'cuts'], ['raise', 'raised', 'raises'],
  ['extend', 'extended', 'extends'], ['suspend', 'suspended', 'suspends'], ['publish', 'published', 'publishes'], ['confirm', 'confirmed', 'confirms'],
  ['challenge', 'challenged', 'challenges'], ['back', 'backed', 'backs'], ['scrap', 'scrapped', 'scraps'], ['unveil', 'unveiled', 'unveils'],
  ['investigate', 'investigated', 'investigates'], ['support', 'supported', 'supports'], ['oppose', 'opposed', 'opposes'], ['sign', 'signed', 'signs'],
  ['block', 'blocked', 'blocks'], ['restore', 'restored', 'restores'], ['overhaul', 'overhauled', 'overhauls'], ['test', 'tested', 'tests'],
];

/** Subjects as [phrase, plural]. */
const SUBJECTS: readonly [string, boolean][] = [
  ['the city council', false], ['the government', false], ['the health ministry', false], ['the transport ministry', false], ['the company', false],
  ['the union', false], ['researchers', true], ['residents', true], ['officials', true], ['the mayor', false], ['the committee', false],
  ['regulators', true], ['farmers', true], ['teachers', true], ['doctors', true], ['the port authority', false], ['investors', true],
  ['the court', false], ['police', true], ['campaigners', true], ['engineers', true], ['the airline', false], ['the university', false],
  ['the hospital trust', false], ['lawmakers', true], ['the central bank', false], ['shipping firms', true], ['the organisers', true],
  ['the museum', false], ['the club', false], ['the opposition', false], ['local businesses', true], ['the regional assembly', false],
  ['environmental groups', true], ['the energy regulator', false], ['the prime minister', false], ['the finance minister', false], ['scientists', true],
];

const ADJECTIVES = [
  'new', 'controversial', 'long-awaited', 'regional', 'national', 'temporary', 'ambitious', 'modest', 'revised', 'emergency', 'annual',
  'cross-border', 'independent', 'detailed', 'costly', 'cheaper', 'greener', 'stricter', 'voluntary', 'pilot', 'five-year', 'multi-million',
  'public', 'private', 'digital', 'coastal', 'rural', 'urban', 'joint', 'draft', 'final', 'updated', 'overdue', 'unexpected',
];

const OBJECTS = [
  'plan', 'budget', 'set of rules', 'report', 'proposal', 'contract', 'study', 'scheme', 'deal', 'project', 'funding round', 'timetable', 'ban',
  'inquiry', 'price cap', 'network', 'pay offer', 'agreement', 'strategy', 'law', 'subsidy', 'pilot programme', 'investigation', 'tender',
  'consultation', 'survey', 'forecast', 'licence', 'merger', 'audit', 'campaign', 'tax', 'grant', 'warning', 'recall', 'expansion',
];

const TOPIC_NOUNS = [
  'housing', 'rail services', 'the harbour', 'bus routes', 'hospital waiting lists', 'school meals', 'energy bills', 'flood defences', 'rents',
  'wind farms', 'the airport', 'local libraries', 'fishing quotas', 'the night train', 'broadband', 'water quality', 'cycle lanes', 'tourism',
  'the old town', 'child care', 'the bridge', 'recycling', 'the city centre', 'the research station', 'the festival', 'farm subsidies',
  'electricity prices', 'the football stadium', 'public transport', 'emergency services', 'the coastline', 'the river', 'the market hall',
];

const TIME_PHRASES = [
  'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'at the weekend', 'last week', 'this month', 'earlier this year',
  'by the end of the year', 'after months of talks', 'within weeks', 'next spring', 'in the coming days', 'for the first time', 'late on Sunday',
];

const ATTRIBUTIONS = ['officials said', 'a spokesperson said', 'the ministry said in a statement', 'people familiar with the matter said', 'local media reported', 'organisers said', 'the report found', 'according to figures seen by reporters'];

const HEADING_TEMPLATES: readonly ((r: Rng, place: string) => string)[] = [
  () => 'What happens next',
  () => 'What changes for residents',
  (r) => `Why the ${pick(r, OBJECTS)} matters`,
  (r, place) => `${place} reacts`,
  (r) => `A ${pick(r, ADJECTIVES)} ${pick(r, OBJECTS)}`,
  (r) => `The cost of ${pick(r, TOPIC_NOUNS)}`,
  () => 'How we got here',
  (r) => `Questions over ${pick(r, TOPIC_NOUNS)}`,
  (r, place) => `A long road for ${place}`,
  () => 'The numbers',
  () => 'What critics say',
  (r) => `Inside the ${pick(r, OBJECTS)}`,
];

const PROMO_LABELS = ['Read more', 'VIDEO', 'Exclusive', 'Analysis', 'Live', 'Explainer', 'Opinion', 'In pictures'];
const PHOTO_SUBJECTS = ['a crowd gathered outside the town hall', 'the harbour at dawn', 'a train crossing a viaduct', 'protesters holding banners', 'a wind turbine against a grey sky', 'a market square in the rain', 'researchers in a laboratory', 'a flooded street', 'a stage lit in blue', 'an empty classroom', 'the bridge at night', 'a cargo ship leaving port', 'a hospital corridor', 'a field of solar panels', 'a football crowd', 'a library reading room'];

// ---------------------------------------------------------------------------
// Small text helpers

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function withArticle(word: string): string {
  return (/^[aeiou]/i.test(word) ? 'an ' : 'a ') + word;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function formatCount(rng: Rng): string {
  const n = chance(rng, 0.5) ? int(rng, 2, 99) : int(rng, 100, 48000);
  return n >= 1000 ? n.toLocaleString('en-GB') : String(n);
}

/** Returns a unique slug: the first free one of base, base-2, base-3, … */
function uniqueSlug(base: string, used: Set<string>): string {
  let slug = base;
  for (let n = 2; used.has(slug); n += 1) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

// ---------------------------------------------------------------------------
// The plan: everything shared by all articles

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

// ---------------------------------------------------------------------------
// Sentences

class Writer {
  constructor(
    private readonly rng: Rng,
    private readonly plan: CorpusPlan,
  ) {}

  place(): string {
    return pick(this.rng, this.plan.places);
  }

  person(): string {
    const p = pick(this.rng, this.plan.people);
    return `${p.first} ${p.last}`;
  }

  sourceName(): string {
    return this.plan.sources[pickCumulative(this.rng, this.plan.sourceTable)]?.name ?? 'the agency';
  }

  object(): string {
    const r = this.rng;
    const adjective = chance(r, 0.6) ? pick(r, ADJECTIVES) + ' ' : '';
    const noun = pick(r, OBJECTS);
    const det = chance(r, 0.6) ? 'the ' : 'a ';
    const head = det === 'a ' ? withArticle(adjective + noun) : det + adjective + noun;
    return chance(r, 0.5) ? `${head} for ${pick(r, TOPIC_NOUNS)}` : head;
  }

  subject(): [string, boolean] {
    const r = this.rng;
    const roll = r();
    if (roll < 0.12) return [`officials in ${this.place()}`, true];
    if (roll < 0.2) return [this.person(), false];
    return pick(r, SUBJECTS);
  }

  extra(): string {
    const r = this.rng;
    const roll = r();
    if (roll < 0.3) return ' ' + pick(r, TIME_PHRASES);
    if (roll < 0.45) return ` in ${this.place()}`;
    if (roll < 0.55) return ` despite objections from ${pick(r, SUBJECTS)[0]}`;
    if (roll < 0.62) return ` across the region`;
    return '';
  }

  /** One sentence, without any markup, ending in a full stop. */
  sentence(): string {
    const r = this.rng;
    const verb = pick(r, VERBS);
    const [subject, plural] = this.subject();
    let s: string;
    switch (int(r, 0, 9)) {
      case 0:
        s = `${capitalise(subject)} said ${pick(r, SUBJECTS)[0]} would ${verb[0]} ${this.object()}${this.extra()}`;
        break;
      case 1:
        s = `${formatCount(r)} ${pick(r, ['residents', 'people', 'workers', 'households', 'passengers', 'students', 'patients', 'visitors'])} ${pick(r, ['signed a petition against', 'were affected by', 'responded to', 'have asked about', 'could benefit from'])} ${this.object()}${this.extra()}`;
        break;
      case 2:
        s = `The decision comes as ${subject} ${plural ? verb[0] : verb[2]} ${this.object()}${this.extra()}`;
        break;
      case 3:
        s = `It was not immediately clear whether ${subject} would ${verb[0]} ${this.object()}`;
        break;
      case 4:
        s = `Critics say ${subject} ${plural ? 'have' : 'has'} ${verb[1]} ${this.object()} without enough scrutiny`;
        break;
      case 5:
        s = `According to ${this.sourceName()}, ${subject} ${verb[1]} ${this.object()}${this.extra()}`;
        break;
      case 6:
        s = `In ${this.place()}, ${subject} ${verb[1]} ${this.object()}${this.extra()}`;
        break;
      case 7:
        s = `${this.person()}, who ${pick(r, ['leads', 'chairs', 'advises', 'works for'])} ${pick(r, SUBJECTS)[0]}, said the ${pick(r, OBJECTS)} was ${pick(r, ['overdue', 'a good start', 'not enough', 'badly designed', 'the right call', 'a relief', 'too expensive'])}`;
        break;
      default:
        s = `${capitalise(subject)} ${verb[1]} ${this.object()}${this.extra()}${chance(r, 0.4) ? ', ' + pick(r, ATTRIBUTIONS) : ''}`;
    }
    return capitalise(s) + '.';
  }

  /** Adds occasional inline Markdown (emphasis, strong, links) to a sentence. */
  decorate(sentence: string, slugHint: string): string {
    const r = this.rng;
    const roll = r();
    if (roll > 0.16) return sentence;
    const words = sentence.slice(0, -1).split(' ');
    if (words.length < 6) return sentence;
    const length = int(r, 2, 4);
    const start = int(r, 1, words.length - length);
    const span = words.slice(start, start + length);
    if (span.some((w) => /[,.;:]/.test(w))) return sentence;
    let marked: string;
    if (roll < 0.07) marked = `*${span.join(' ')}*`;
    else if (roll < 0.09) marked = `**${span.join(' ')}**`;
    else marked = `[${span.join(' ')}](https://example.org/${pick(r, ['news', 'reports', 'data', 'press'])}/${slugHint}-${int(r, 1, 999)})`;
    return [...words.slice(0, start), marked, ...words.slice(start + length)].join(' ') + '.';
  }

  /** Sentences until at least `min` words (one sentence may overshoot). */
  text(min: number, slugHint: string, markup: boolean): string {
    const parts: string[] = [];
    let words = 0;
    while (words < min) {
      const s = this.sentence();
      words += s.split(' ').length;
      parts.push(markup ? this.decorate(s, slugHint) : s);
    }
    return parts.join(' ');
  }

  /** A headline of 6 to 14 words, sentence case, no full stop. */
  headline(): string {
    const r = this.rng;
    for (let attempt = 0; ; attempt += 1) {
      const verb = pick(r, VERBS);
      const [subject] = this.subject();
      const extra = chance(r, 0.6) ? this.extra() : '';
      const core = pick(r, [
        `${capitalise(subject)} ${verb[2]} ${this.object()}${extra}`,
        `${capitalise(subject)} ${verb[1]} ${this.object()}${extra}`,
        `${this.place()} ${verb[2]} ${this.object()}${extra}`,
        `Why ${subject} ${verb[1]} ${this.object()}`,
      ]);
      const n = core.split(' ').length;
      if ((n >= 6 && n <= 14) || attempt > 20) return capitalise(core);
    }
  }

  /** A standfirst of 15 to 35 words. */
  standfirst(): string {
    for (let attempt = 0; ; attempt += 1) {
      const first = this.sentence();
      let text = first;
      let n = first.split(' ').length;
      if (n < 15) {
        const second = this.sentence();
        text += ' ' + second;
        n += second.split(' ').length;
      }
      if ((n >= 15 && n <= 35) || attempt > 20) return text;
    }
  }

  photoCredit(): string {
    const r = this.rng;
    const p = pick(r, this.plan.people);
    return chance(r, 0.7) ? `Photo: ${p.first.charAt(0)}. ${p.last} / ${this.sourceName()}` : 'Illustration: Newsreel Corpus';
  }
}

// ---------------------------------------------------------------------------
// Articles

interface ArticleContext {
  /** Slugs of the articles generated so far, by index (promo targets). */
  slugs: string[];
  /** Round-robin counter over the photo set. */
  photo: number;
}

function pickDistinct(rng: Rng, table: Float64Array, count: number, exclude?: number): number[] {
  const out: number[] = [];
  const limit = Math.min(count, table.length - (exclude === undefined ? 0 : 1));
  for (let guard = 0; out.length < limit && guard < count * 50; guard += 1) {
    const i = pickCumulative(rng, table);
    if (i !== exclude && !out.includes(i)) out.push(i);
  }
  return out;
}

function generateArticle(plan: CorpusPlan, index: number, ctx: ArticleContext): ArticleInput {
  const rng = mulberry32(mix(mix(plan.options.seed, STREAM.article), index));
  const w = new Writer(rng, plan);
  const n = plan.options.articles;

  const headline = w.headline();
  const slug = `${slugify(headline).split('-').slice(0, 7).join('-')}-${index + 1}`;
  const standfirst = w.standfirst();
  const section = (SECTIONS[pickCumulative(rng, SECTION_TABLE)] as (typeof SECTIONS)[number]).slug;

  const tagCount = pick(rng, [2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6]);
  const tags = pickDistinct(rng, plan.tagTable, tagCount).map((i) => plan.tags[i] as string);
  const authors = pickDistinct(rng, plan.authorTable, chance(rng, 0.1) ? 2 : 1).map((i) => plan.authors[i]?.slug as string);

  const origin = chance(rng, 0.3) ? pick(rng, plan.originCandidates) : undefined;
  const citeCount = pickCumulative(rng, CITE_TABLE);
  const citations = pickDistinct(rng, plan.sourceTable, citeCount, origin).map((i): SourceRef => {
    const source = plan.sources[i]?.slug as string;
    const roll = rng();
    if (roll < 0.3) return { source, url: `https://example.org/${source}/${slugify(w.object()).slice(0, 40)}-${int(rng, 1, 99999)}` };
    if (roll < 0.32) return { source };
    return source;
  });

  let publishedMs: number;
  if (plan.embargoed.has(index)) publishedMs = Date.UTC(EMBARGO_YEAR, 0, 1) + rng() * 364 * 86400000;
  else publishedMs = CORPUS_START + ((index + rng()) / n) * (CORPUS_END - CORPUS_START);
  const publishedAt = iso(publishedMs);
  const updatedAt = !plan.embargoed.has(index) && chance(rng, 0.2) ? iso(publishedMs + int(rng, 10, 4320) * 60000) : undefined;

  const nextPhoto = (): string => photoPath(ctx.photo++ % PHOTO_COUNT);
  const image = chance(rng, 0.9) ? { src: nextPhoto(), alt: capitalise(pick(rng, PHOTO_SUBJECTS)), ...(chance(rng, 0.7) && { caption: capitalise(w.text(1, slug, false)) }), credit: w.photoCredit() } : undefined;

  const blockCount = 8 + Math.floor(23 * Math.pow(rng(), 3.5));
  const body: BlockInput[] = [];
  const hint = slug.split('-').slice(0, 3).join('-');
  for (let b = 0; b < blockCount; b += 1) {
    const previous = body[body.length - 1]?.type;
    const roll = b < 2 || b === blockCount - 1 ? 0 : rng();
    if (roll < 0.7 || (previous === 'heading' && roll < 0.9)) {
      body.push({ type: 'paragraph', text: w.text(int(rng, 24, 58), hint, true) });
    } else if (roll < 0.8) {
      body.push({ type: 'heading', text: pick(rng, HEADING_TEMPLATES)(rng, w.place()) });
    } else if (roll < 0.85) {
      const items = Array.from({ length: int(rng, 2, 6) }, () => w.decorate(w.sentence(), hint));
      body.push({ type: 'list', items, ...(chance(rng, 0.3) && { ordered: true }) });
    } else if (roll < 0.91) {
      const quote = `We ${pick(rng, VERBS)[0]} ${w.object()} because ${w.sentence().replace(/^./, (c) => c.toLowerCase())}`;
      body.push({ type: 'quote', text: quote, ...(chance(rng, 0.85) && { attribution: `${w.person()}, ${pick(rng, ROLES).toLowerCase()}` }) });
    } else if (roll < 0.96) {
      body.push({ type: 'image', src: nextPhoto(), alt: capitalise(pick(rng, PHOTO_SUBJECTS)), ...(chance(rng, 0.8) && { caption: capitalise(w.text(1, hint, false)) }), credit: w.photoCredit() });
    } else {
      const label = chance(rng, 0.8) ? pick(rng, PROMO_LABELS) : undefined;
      const target = index > 0 && chance(rng, 0.7) ? ctx.slugs[Math.max(0, index - 1 - Math.floor(rng() * Math.min(index, 500)))] : undefined;
      body.push({ type: 'promo', text: w.headline(), ...(label && { label }), ...(target && { href: `/articles/${target}` }) });
    }
  }

  return {
    slug,
    headline,
    standfirst,
    section,
    tags,
    authors,
    ...(origin !== undefined && { origin: plan.sources[origin]?.slug as string }),
    ...(citations.length > 0 && { sources: citations }),
    publishedAt,
    ...(updatedAt && { updatedAt }),
    status: plan.drafts.has(index) ? 'draft' : 'published',
    ...(image && { image }),
    body,
  };
}

const CITE_TABLE = cumulativeOf([15, 25, 25, 15, 10, 6, 4]);

/** Yields the articles one by one, in index order (oldest first, apart from the embargoed ones). */
export function* generateArticles(plan: CorpusPlan): Generator<ArticleInput> {
  const ctx: ArticleContext = { slugs: [], photo: 0 };
  for (let i = 0; i < plan.options.articles; i += 1) {
    const article = generateArticle(plan, i, ctx);
    ctx.slugs.push(article.slug);
    yield article;
  }
}

/** The whole corpus in memory: convenient for tests and small corpora. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const plan = planCorpus(options);
  return { site: plan.site, authors: plan.authors, sources: plan.sources, articles: [...generateArticles(plan)] };
}

/** The file an article is written to: a folder per year of publication. */
export function articleFile(article: ArticleInput): string {
  return `articles/${article.publishedAt.slice(0, 4)}/${article.slug}.json`;
}

// ---------------------------------------------------------------------------
// Images

/** Draws a gradient with a few soft discs and a little grain, as raw RGB. */
function paint(width: number, height: number, rng: Rng): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  const a = [int(rng, 20, 230), int(rng, 20, 230), int(rng, 20, 230)];
  const b = [int(rng, 20, 230), int(rng, 20, 230), int(rng, 20, 230)];
  const angle = rng() * Math.PI * 2;
  const cx = Math.cos(angle);
  const cy = Math.sin(angle);
  const discs = Array.from({ length: int(rng, 2, 5) }, () => ({
    x: rng() * width,
    y: rng() * height,
    r: (0.08 + rng() * 0.25) * Math.min(width, height) * 1.5,
    c: [int(rng, 0, 255), int(rng, 0, 255), int(rng, 0, 255)],
  }));
  let noise = (rng() * 0xffffffff) >>> 0;
  const span = Math.abs(cx) * width + Math.abs(cy) * height;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = ((x - width / 2) * cx + (y - height / 2) * cy) / span + 0.5;
      let r = (a[0] as number) * (1 - t) + (b[0] as number) * t;
      let g = (a[1] as number) * (1 - t) + (b[1] as number) * t;
      let bl = (a[2] as number) * (1 - t) + (b[2] as number) * t;
      for (const d of discs) {
        const dx = x - d.x;
        const dy = y - d.y;
        const dist = Math.sqrt(dx * dx + dy * dy) / d.r;
        if (dist < 1) {
          const k = 0.55 * (1 - dist * dist);
          r += ((d.c[0] as number) - r) * k;
          g += ((d.c[1] as number) - g) * k;
          bl += ((d.c[2] as number) - bl) * k;
        }
      }
      noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
      const grain = ((noise >>> 24) - 128) / 32;
      const o = (y * width + x) * 3;
      pixels[o] = Math.max(0, Math.min(255, r + grain));
      pixels[o + 1] = Math.max(0, Math.min(255, g + grain));
      pixels[o + 2] = Math.max(0, Math.min(255, bl + grain));
    }
  }
  return pixels;
}

/**
 * Images are painted in JS at 1/PAINT_SCALE of their size and enlarged by
 * libvips: the JS pixel loop is the only slow part (under Jest's sandbox it
 * took over 30 s for the full-size set), and soft gradients lose nothing.
 */
const PAINT_SCALE = 8;

function render(width: number, height: number, rng: Rng): Sharp {
  const w = Math.max(1, Math.round(width / PAINT_SCALE));
  const h = Math.max(1, Math.round(height / PAINT_SCALE));
  return sharp(paint(w, h, rng), { raw: { width: w, height: h, channels: 3 } }).resize(width, height, { kernel: 'cubic', fit: 'fill' });
}

async function renderJpeg(width: number, height: number, rng: Rng): Promise<Buffer> {
  return render(width, height, rng).jpeg({ quality: 72 }).toBuffer();
}

/** The shared image set: PHOTO_COUNT photos, AVATAR_COUNT avatars and a logo, as [path, bytes]. */
export async function renderImages(seed: number): Promise<[string, Buffer][]> {
  const jobs: [string, () => Promise<Buffer>][] = [];
  for (let i = 0; i < PHOTO_COUNT; i += 1) jobs.push([photoPath(i), () => renderJpeg(PHOTO_SIZE.width, PHOTO_SIZE.height, mulberry32(mix(mix(seed, STREAM.image), i)))]);
  for (let i = 0; i < AVATAR_COUNT; i += 1) jobs.push([avatarPath(i), () => renderJpeg(AVATAR_SIZE, AVATAR_SIZE, mulberry32(mix(mix(seed, STREAM.image), 1000 + i)))]);
  jobs.push([
    LOGO_PATH,
    () => {
      const size = 256;
      return render(size, size, mulberry32(mix(mix(seed, STREAM.image), 2000))).png().toBuffer();
    },
  ]);
  // Rendered one after another: the order of the returned list (and so of the writes) is fixed.
  const out: [string, Buffer][] = [];
  for (const [file, job] of jobs) out.push([file, await job()]);
  return out;
}

// ---------------------------------------------------------------------------
// Writing

export interface WriteStats {
  articles: number;
  drafts: number;
  embargoed: number;
  authors: number;
  sources: number;
  tags: number;
  images: number;
  files: number;
  bytes: number;
}

/** What the writer owns in the output folder; `force` removes exactly these first. */
const OWNED = ['site.json', 'authors', 'sources', 'articles', IMAGE_DIR];

export class OutputNotEmptyError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} is not empty (use --force to replace the corpus in it)`);
    this.name = 'OutputNotEmptyError';
  }
}

function json(record: unknown): string {
  return JSON.stringify(record, null, 2) + '\n';
}

/**
 * Writes a corpus into dir: site.json, authors/, sources/, articles/<year>/
 * and images/corpus/. The folder must be empty or missing unless `force`,
 * which deletes the files and folders above (and nothing else) first.
 */
export async function writeCorpus(dir: string, options: CorpusOptions, { force = false } = {}): Promise<WriteStats> {
  const plan = planCorpus(options);
  let existing: string[] = [];
  try {
    existing = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existing.length > 0) {
    if (!force) throw new OutputNotEmptyError(dir);
    for (const owned of OWNED) rmSync(path.join(dir, owned), { recursive: true, force: true });
  }

  const stats: WriteStats = { articles: 0, drafts: 0, embargoed: 0, authors: plan.authors.length, sources: plan.sources.length, tags: plan.tags.length, images: 0, files: 0, bytes: 0 };
  const madeDirs = new Set<string>();
  const write = (file: string, data: string | Buffer): void => {
    const full = path.join(dir, file);
    const parent = path.dirname(full);
    if (!madeDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      madeDirs.add(parent);
    }
    writeFileSync(full, data);
    stats.files += 1;
    stats.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };

  for (const [file, bytes] of await renderImages(options.seed)) {
    write(file, bytes);
    stats.images += 1;
  }
  write('site.json', json(plan.site));
  for (const author of plan.authors) write(`authors/${author.slug}.json`, json(author));
  for (const source of plan.sources) write(`sources/${source.slug}.json`, json(source));
  for (const article of generateArticles(plan)) {
    write(articleFile(article), json(article));
    stats.articles += 1;
    if (article.status === 'draft') stats.drafts += 1;
    if (article.publishedAt.startsWith(String(EMBARGO_YEAR))) stats.embargoed += 1;
  }
  return stats;
}
