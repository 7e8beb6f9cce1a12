/**
 * The vocabulary the corpus is written from: sections and their weights, the
 * syllables of place and person names, topics, source kinds, roles, and the
 * parts of speech and templates sentences and headings are made of. Data
 * only (with the weight tables built on it), kept apart from the code that
 * draws from it; changing a list changes every corpus generated after.
 */
import type { SourceKind } from '../content/schema';
import { cumulativeOf, pick, type Rng } from './random';

export const SECTIONS = [
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
export const SECTION_TABLE = cumulativeOf(SECTIONS.map((s) => s.weight));

export const PLACE_START = ['North', 'East', 'West', 'South', 'Lind', 'Alder', 'Ash', 'Bram', 'Cald', 'Dun', 'Elm', 'Fen', 'Gar', 'Hal', 'Ivy', 'Kel', 'Lang', 'Mar', 'Nor', 'Oak', 'Pen', 'Rave', 'Sel', 'Thorn', 'Ul', 'Vel', 'Wil', 'Yar', 'Stor', 'Brae'];
export const PLACE_END = ['haven', 'mere', 'brook', 'ford', 'stead', 'wick', 'holm', 'dale', 'bury', 'ton', 'field', 'port', 'minster', 'by', 'moor', 'gate', 'cliff', 'water', 'bridge', 'ness'];
export const FIRST_START = ['Ma', 'Ja', 'Ele', 'I', 'No', 'Sa', 'Lu', 'Te', 'Ro', 'Ha', 'Ka', 'Mi', 'A', 'Be', 'Da', 'Fe', 'Gi', 'Le', 'Ni', 'O', 'Ri', 'Vi', 'Yu', 'Za', 'To', 'Si'];
export const FIRST_END = ['ren', 'mes', 'na', 'dris', 'ra', 'lia', 'mon', 'an', 'el', 'ia', 'ko', 'lan', 'der', 'ssa', 'vin', 'ta', 'ne', 'mir', 'lo', 'ric', 'dia', 'sef'];
export const SUR_START = ['Cal', 'Spring', 'Fer', 'Hal', 'Mor', 'Ash', 'Brad', 'Dun', 'Fair', 'Gold', 'Hart', 'Kes', 'Lind', 'Mar', 'North', 'Pem', 'Quin', 'Rad', 'Sel', 'Thorn', 'Van', 'Wes', 'Yar', 'Ost', 'Bel', 'Cor'];
export const SUR_END = ['loway', 'er', 'reira', 'den', 'ley', 'ford', 'ton', 'by', 'wick', 'mere', 'stead', 'holt', 'man', 'sen', 'ova', 'ini', 'ez', 'ard', 'well', 'croft', 'ani', 'ski'];

export const TOPICS = [
  'housing', 'energy', 'elections', 'transport', 'climate', 'health', 'education', 'farming', 'fisheries', 'tourism', 'rail', 'aviation',
  'shipping', 'wildlife', 'space', 'artificial-intelligence', 'water', 'floods', 'wildfires', 'heatwaves', 'migration', 'trade', 'inflation',
  'jobs', 'wages', 'courts', 'policing', 'football', 'cycling', 'sailing', 'music', 'film', 'theatre', 'books', 'museums', 'architecture',
  'food', 'startups', 'banking', 'taxes', 'pensions', 'hospitals', 'vaccines', 'universities', 'schools', 'libraries', 'festivals',
  'protests', 'parliament', 'diplomacy', 'defence', 'cybersecurity', 'privacy', 'semiconductors', 'batteries', 'wind-power', 'solar-power',
  'nuclear-power', 'oceans', 'forests', 'drought', 'public-transport', 'roads', 'ports', 'airports', 'tennis', 'athletics', 'chess', 'art',
  'photography', 'fashion', 'archaeology', 'astronomy', 'genetics', 'mental-health', 'childcare', 'social-care', 'refugees', 'human-rights',
];
export const TOPIC_QUALIFIERS = ['policy', 'prices', 'crisis', 'reform', 'funding', 'strikes', 'season', 'inquiry', 'plans', 'report', 'data', 'budget'];

export const SOURCE_KIND_WEIGHTS: [SourceKind, number][] = [
  ['news-agency', 15],
  ['outlet', 30],
  ['ngo', 15],
  ['official-body', 20],
  ['research', 10],
  ['website', 10],
];
export const SOURCE_KIND_TABLE = cumulativeOf(SOURCE_KIND_WEIGHTS.map(([, w]) => w));

export const ROLES = [
  'Reporter', 'Senior reporter', 'Science correspondent', 'Europe correspondent', 'Business editor', 'Culture writer', 'Data journalist',
  'Political correspondent', 'Health reporter', 'Climate reporter', 'Sports writer', 'Night editor', 'Investigations editor', 'Photographer',
  'Technology reporter', 'Foreign correspondent', 'Local news reporter', 'Opinion editor', 'Economics correspondent', 'Transport reporter',
];

/** Verbs as [base, past, present third person]. */
export const VERBS: readonly [string, string, string][] = [
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
export const SUBJECTS: readonly [string, boolean][] = [
  ['the city council', false], ['the government', false], ['the health ministry', false], ['the transport ministry', false], ['the company', false],
  ['the union', false], ['researchers', true], ['residents', true], ['officials', true], ['the mayor', false], ['the committee', false],
  ['regulators', true], ['farmers', true], ['teachers', true], ['doctors', true], ['the port authority', false], ['investors', true],
  ['the court', false], ['police', true], ['campaigners', true], ['engineers', true], ['the airline', false], ['the university', false],
  ['the hospital trust', false], ['lawmakers', true], ['the central bank', false], ['shipping firms', true], ['the organisers', true],
  ['the museum', false], ['the club', false], ['the opposition', false], ['local businesses', true], ['the regional assembly', false],
  ['environmental groups', true], ['the energy regulator', false], ['the prime minister', false], ['the finance minister', false], ['scientists', true],
];

export const ADJECTIVES = [
  'new', 'controversial', 'long-awaited', 'regional', 'national', 'temporary', 'ambitious', 'modest', 'revised', 'emergency', 'annual',
  'cross-border', 'independent', 'detailed', 'costly', 'cheaper', 'greener', 'stricter', 'voluntary', 'pilot', 'five-year', 'multi-million',
  'public', 'private', 'digital', 'coastal', 'rural', 'urban', 'joint', 'draft', 'final', 'updated', 'overdue', 'unexpected',
];

export const OBJECTS = [
  'plan', 'budget', 'set of rules', 'report', 'proposal', 'contract', 'study', 'scheme', 'deal', 'project', 'funding round', 'timetable', 'ban',
  'inquiry', 'price cap', 'network', 'pay offer', 'agreement', 'strategy', 'law', 'subsidy', 'pilot programme', 'investigation', 'tender',
  'consultation', 'survey', 'forecast', 'licence', 'merger', 'audit', 'campaign', 'tax', 'grant', 'warning', 'recall', 'expansion',
];

export const TOPIC_NOUNS = [
  'housing', 'rail services', 'the harbour', 'bus routes', 'hospital waiting lists', 'school meals', 'energy bills', 'flood defences', 'rents',
  'wind farms', 'the airport', 'local libraries', 'fishing quotas', 'the night train', 'broadband', 'water quality', 'cycle lanes', 'tourism',
  'the old town', 'child care', 'the bridge', 'recycling', 'the city centre', 'the research station', 'the festival', 'farm subsidies',
  'electricity prices', 'the football stadium', 'public transport', 'emergency services', 'the coastline', 'the river', 'the market hall',
];

export const TIME_PHRASES = [
  'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'at the weekend', 'last week', 'this month', 'earlier this year',
  'by the end of the year', 'after months of talks', 'within weeks', 'next spring', 'in the coming days', 'for the first time', 'late on Sunday',
];

export const ATTRIBUTIONS = ['officials said', 'a spokesperson said', 'the ministry said in a statement', 'people familiar with the matter said', 'local media reported', 'organisers said', 'the report found', 'according to figures seen by reporters'];

export const HEADING_TEMPLATES: readonly ((r: Rng, place: string) => string)[] = [
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

export const PROMO_LABELS = ['Read more', 'VIDEO', 'Exclusive', 'Analysis', 'Live', 'Explainer', 'Opinion', 'In pictures'];
export const PHOTO_SUBJECTS = ['a crowd gathered outside the town hall', 'the harbour at dawn', 'a train crossing a viaduct', 'protesters holding banners', 'a wind turbine against a grey sky', 'a market square in the rain', 'researchers in a laboratory', 'a flooded street', 'a stage lit in blue', 'an empty classroom', 'the bridge at night', 'a cargo ship leaving port', 'a hospital corridor', 'a field of solar panels', 'a football crowd', 'a library reading room'];
