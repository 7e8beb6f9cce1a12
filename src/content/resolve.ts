/**
 * Resolving references between checked records: authors, sources, origins,
 * images and promo links must all point at something that exists. A record
 * with a dangling reference is skipped with a problem naming the field; a
 * record that depends on a skipped one says so, so the editor finds the root.
 */
import { mapLimit } from './files';
import { ImageProbes, probeImage, type ImageProbe } from './images';
import type { Article, Author, Block, Content, Correction, ImageAsset, Page, Picture, Section, Site, Source, Tag } from './model';
import type { Problem } from './problems';
import type { CheckedRecords, RawRecord, StoredArticleRecord } from './records';
import { Bodies } from './bodies';
import type { BodyStore } from './body-store';
import { blockImagePaths, resolveBlock } from '../blocks/registry';
import { pictureOf } from '../blocks/picture';
import type { ResolveEnv } from '../blocks/types';
import { RESERVED_FIRST_SEGMENTS } from '../routes/table';
import { resolveRedirects } from './redirects';
import { siteIndex } from './site-paths';
import type { BlockRecord, CorrectionRecord, ImageRecord, PageRecord, SiteRecord } from './schema';

const IMAGE_CONCURRENCY = 16;

/** Tag and section slugs become readable names: "ukraine-war" → "Ukraine war". */
export function nameFromSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function collectImagePaths(site: SiteRecord, records: CheckedRecords): Set<string> {
  const paths = new Set<string>();
  if (site.logo) paths.add(site.logo);
  for (const { record } of records.authors) if (record.avatar) paths.add(record.avatar);
  for (const { record } of records.articles) {
    if (record.image) paths.add(record.image.src);
    for (const p of record.body.images ?? []) paths.add(p);
  }
  for (const { record } of records.pages) for (const block of record.body) for (const p of blockImagePaths(block)) paths.add(p);
  return paths;
}

class Resolver {
  constructor(
    readonly images: ReadonlyMap<string, ImageProbe>,
    private readonly problems: Problem[],
  ) {}

  /** Returns the probed image or records a problem at file/field. */
  image(file: string, field: string, imagePath: string): ImageAsset | undefined {
    const probe = this.images.get(imagePath);
    if (probe?.ok) return probe.asset;
    this.problems.push({ file, field, message: probe ? probe.message : `image "${imagePath}" was not checked` });
    return undefined;
  }

  picture(file: string, field: string, record: ImageRecord): Picture | undefined {
    const asset = this.image(file, `${field}.src`, record.src);
    if (!asset) return undefined;
    return pictureOf(asset, record);
  }
}

function resolveSite(record: SiteRecord, resolver: Resolver): Site {
  const logo = record.logo ? resolver.image('site.json', 'logo', record.logo) : undefined;
  return {
    name: record.name,
    baseUrl: record.baseUrl.replace(/\/+$/, ''),
    language: record.language,
    locale: record.locale ?? record.language,
    timeZone: record.timeZone ?? 'UTC',
    description: record.description,
    ...(logo && { logo }),
    nav: record.nav.map((item) => ({ label: item.label, url: item.href })),
    sections: record.sections.map((s) => ({ slug: s.slug, name: s.name, ...(s.description && { description: s.description }) })),
  };
}

/** Explains why a referenced slug is unavailable: missing entirely, or present but broken. */
function missingReason(kind: string, slug: string, brokenFiles: ReadonlySet<string>, folder: string): string {
  const file = `${folder}/${slug}.json`;
  return brokenFiles.has(file)
    ? `${kind} "${slug}" has errors in ${file}, so this article is skipped until it is fixed`
    : `${kind} "${slug}" does not exist (no ${file})`;
}

/**
 * Objects many articles share, made once per load: a tag or an unnamed
 * section is one object however many articles carry it (at 100k articles,
 * a copy per article was tens of megabytes).
 */
class Shared {
  private readonly tags = new Map<string, Tag>();
  private readonly sections = new Map<string, Section>();

  constructor(siteSections: readonly Section[]) {
    for (const section of siteSections) this.sections.set(section.slug, section);
  }

  tag(slug: string): Tag {
    let tag = this.tags.get(slug);
    if (!tag) this.tags.set(slug, (tag = { slug, name: nameFromSlug(slug) }));
    return tag;
  }

  section(slug: string): Section {
    let section = this.sections.get(slug);
    if (!section) this.sections.set(slug, (section = { slug, name: nameFromSlug(slug) }));
    return section;
  }
}

/** What resolving an article looks things up in. */
interface ArticleContext {
  bodies: Bodies;
  authors: ReadonlyMap<string, Author>;
  sources: ReadonlyMap<string, Source>;
  shared: Shared;
  /** Whether an article with this slug is loaded (a promo block's target). */
  hasArticle: (slug: string) => boolean;
  brokenFiles: ReadonlySet<string>;
  resolver: Resolver;
  problems: Problem[];
  now: Date;
}

function resolveArticle(file: string, record: StoredArticleRecord, ctx: ArticleContext): Article | undefined {
  const before = ctx.problems.length;
  const fail = (field: string, message: string) => {
    ctx.problems.push({ file, field, message });
    return undefined;
  };
  // Lists are made with map(), not push(): a failure anywhere drops the whole
  // article, so no list needs filtering, and map() makes arrays of the exact
  // length (a pushed array keeps spare room; at 100k articles that adds up).

  const authors = record.authors.map((slug, i) => ctx.authors.get(slug) ?? fail(`authors[${i}]`, missingReason('author', slug, ctx.brokenFiles, 'authors')));

  let origin: Source | undefined;
  if (record.origin) {
    origin = ctx.sources.get(record.origin);
    if (!origin) fail('origin', missingReason('source', record.origin, ctx.brokenFiles, 'sources'));
  }

  const cited = new Set<string>();
  const citations = record.sources.map((ref, i): Article['citations'][number] | undefined => {
    const slug = typeof ref === 'string' ? ref : ref.source;
    const url = typeof ref === 'string' ? undefined : ref.url;
    const field = typeof ref === 'string' ? `sources[${i}]` : `sources[${i}].source`;
    const source = ctx.sources.get(slug);
    if (!source) return fail(field, missingReason('source', slug, ctx.brokenFiles, 'sources'));
    if (cited.has(slug)) return fail(field, `source "${slug}" is listed twice`);
    cited.add(slug);
    return { source, ...(url && { url }) };
  });

  const image = record.image ? ctx.resolver.picture(file, 'image', record.image) : undefined;

  // A stored body resolves when what it needs is there (its images probed, its promo targets loaded); only
  // when something is missing is it read back and resolved for real, to name the field that fails.
  const body = record.body;
  const resolves = (body.images ?? []).every((src) => ctx.resolver.images.get(src)?.ok) && (body.links ?? []).every(ctx.hasArticle);
  if (!resolves) resolveBody(file, ctx.bodies.records(body), ctx.resolver, ctx.hasArticle, fail);

  const publishedAt = new Date(record.publishedAt);
  const updatedAt = record.updatedAt ? new Date(record.updatedAt) : undefined;
  if (updatedAt && updatedAt < publishedAt) fail('updatedAt', 'is earlier than publishedAt');
  const corrections = record.corrections?.length ? resolveCorrections(record.corrections, publishedAt, ctx.now, fail) : undefined;

  if (ctx.problems.length > before) return undefined;
  const section = ctx.shared.section(record.section);
  const tags: Tag[] = [...new Set(record.tags)].map((slug) => ctx.shared.tag(slug));
  return {
    slug: record.slug,
    headline: record.headline,
    standfirst: record.standfirst,
    section,
    tags,
    authors: authors as Author[],
    ...(origin && { origin }),
    citations: citations as Article['citations'],
    publishedAt,
    ...(updatedAt && { updatedAt }),
    ...(corrections && { corrections }),
    ...(record.previousSlugs?.length && { previousSlugs: record.previousSlugs }),
    status: record.status,
    ...(record.language && { language: record.language }),
    ...(image && { image }),
    body,
    file,
  };
}

/**
 * Correction notices, oldest first. A correction cannot predate the story it
 * corrects, and one dated after the load is a typo or a scheduled notice we
 * cannot show as made; both are refused, naming corrections[i].at.
 */
function resolveCorrections(records: readonly CorrectionRecord[], publishedAt: Date, now: Date, fail: ResolveEnv['fail']): Correction[] {
  const corrections = records.map((record, i) => {
    const at = new Date(record.at);
    if (at < publishedAt) fail(`corrections[${i}].at`, `is earlier than publishedAt (${publishedAt.toISOString()})`);
    else if (at > now) fail(`corrections[${i}].at`, `is in the future (now is ${now.toISOString()}); a correction is dated when it is made`);
    return { at, text: record.text };
  });
  return corrections.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * An article's or a page's body blocks, resolved; a block whose reference
 * fails is undefined in the list (its problem recorded through `fail`), and
 * the caller drops the whole record. When no block needed resolving (only
 * paragraphs, headings, quotes…) the record's own array is the body.
 */
function resolveBody(file: string, blocks: BlockRecord[], resolver: Resolver, hasArticle: (slug: string) => boolean, fail: ResolveEnv['fail']): Block[] {
  const env: ResolveEnv = { picture: (field, picture) => resolver.picture(file, field, picture), hasArticle, fail };
  let sharesBody = true;
  const body = blocks.map((block, i): Block | undefined => {
    const resolved = resolveBlock(block, `body[${i}]`, env);
    if (resolved !== block) sharesBody = false;
    return resolved;
  });
  return sharesBody ? (blocks as Block[]) : (body as Block[]);
}

/**
 * A static page, once the articles are known (a promo block on it must name
 * one). Its slug is its address, /<slug>: a slug that is a route's first
 * segment ("search", "articles", "feed.xml"…) would shadow that route or be
 * shadowed by it, so it is refused here, whatever else the page holds.
 */
function resolvePage(file: string, record: PageRecord, articles: ReadonlyMap<string, Article>, resolver: Resolver, problems: Problem[]): Page | undefined {
  const before = problems.length;
  const fail = (field: string, message: string) => {
    problems.push({ file, field, message });
    return undefined;
  };
  if (RESERVED_FIRST_SEGMENTS.has(record.slug)) {
    fail('slug', `"${record.slug}" is taken by the site's own /${record.slug} address, so a page there would shadow it; rename the file and its slug (reserved: ${[...RESERVED_FIRST_SEGMENTS].sort().join(', ')})`);
  }
  const body = resolveBody(file, record.body, resolver, (slug) => articles.has(slug), fail);
  if (problems.length > before) return undefined;
  return {
    slug: record.slug,
    title: record.title,
    ...(record.description && { description: record.description }),
    body,
    ...(record.updatedAt && { updatedAt: new Date(record.updatedAt) }),
    nav: record.nav ?? false,
    status: record.status ?? 'published',
    ...(record.language && { language: record.language }),
    file,
  };
}

/** `images`: probes to reuse for unchanged image files (each distinct path is probed once per call in any case). */
export async function resolveContent(dataDir: string, siteRecord: SiteRecord, records: CheckedRecords, problems: Problem[], now: Date, store: BodyStore, images?: ImageProbes): Promise<Content> {
  const paths = [...collectImagePaths(siteRecord, records)];
  const probes = await mapLimit(paths, IMAGE_CONCURRENCY, (p) => probeImage(dataDir, p, images));
  const resolver = new Resolver(new Map(paths.map((p, i) => [p, probes[i] as ImageProbe])), problems);
  const bodies = new Bodies(store, resolver.images);

  const site = resolveSite(siteRecord, resolver);
  const brokenFiles = () => new Set(problems.map((p) => p.file));

  const authors = new Map<string, Author>();
  for (const { file, record } of records.authors) {
    const avatar = record.avatar ? resolver.image(file, 'avatar', record.avatar) : undefined;
    if (record.avatar && !avatar) continue;
    authors.set(record.slug, {
      slug: record.slug,
      name: record.name,
      ...(record.role && { role: record.role }),
      ...(record.bio && { bio: record.bio }),
      ...(avatar && { avatar }),
      links: record.links ?? [],
      file,
    });
  }

  const sources = new Map<string, Source>();
  for (const { file, record } of records.sources) {
    sources.set(record.slug, { ...record, file });
  }

  // Promo links can point at articles that are themselves skipped, so resolve
  // until no further article drops out (almost always one or two rounds).
  const shared = new Shared(site.sections);
  let pending = records.articles;
  let articles = new Map<string, Article>();
  for (;;) {
    const articleSlugs = new Set(pending.map((r) => r.record.slug));
    const roundProblems: Problem[] = [];
    const hasArticle = (slug: string) => articleSlugs.has(slug);
    const ctx: ArticleContext = { bodies, authors, sources, shared, hasArticle, brokenFiles: brokenFiles(), resolver: new Resolver(resolver.images, roundProblems), problems: roundProblems, now };
    articles = new Map();
    const survivors: typeof pending = [];
    const survived = new Set<string>();
    for (const raw of pending) {
      const article = resolveArticle(raw.file, raw.record, ctx);
      if (article) {
        articles.set(article.slug, article);
        survivors.push(raw);
        survived.add(raw.file);
      }
    }
    if (survivors.length === pending.length) {
      break;
    }
    // Keep the problems of the dropped records only; survivors are re-checked next round.
    const dropped = new Set(pending.filter((r) => !survived.has(r.file)).map((r) => r.file));
    problems.push(...roundProblems.filter((p) => dropped.has(p.file)));
    pending = survivors;
  }

  const pages = new Map<string, Page>();
  for (const { file, record } of records.pages) {
    const page = resolvePage(file, record, articles, resolver, problems);
    if (page) pages.set(page.slug, page);
  }
  // Redirects last: they are checked against every page that answers.
  const redirects = resolveRedirects(records.redirects, siteIndex(articles, authors, sources, pages, site.sections, now), problems);
  return { site, authors, sources, articles, pages, redirects, problems, loadedAt: now, bodies };
}

/** Resolves one article record against what is loaded; undefined when it fails, its problems pushed onto `problems`. */
export type ArticleResolve = (raw: RawRecord<StoredArticleRecord>, hasArticle: (slug: string) => boolean, problems: Problem[]) => Article | undefined;

/**
 * For a reload of a few article files (article-reload.ts): resolving their
 * records against content already resolved, its authors, sources and image
 * probes, with the images they name probed (unchanged image files are not
 * read again). Gives the resolve, and the bodies of the new content: the
 * served content's images and those.
 */
export async function resolveAgainst(dataDir: string, content: Content, records: readonly RawRecord<StoredArticleRecord>[], now: Date, images: ImageProbes): Promise<{ resolve: ArticleResolve; bodies: Bodies }> {
  const paths = new Set<string>();
  for (const { record } of records) {
    if (record.image) paths.add(record.image.src);
    for (const p of record.body.images ?? []) paths.add(p);
  }
  const list = [...paths];
  const probes = await mapLimit(list, IMAGE_CONCURRENCY, (p) => probeImage(dataDir, p, images));
  const bodies = content.bodies.withImages(new Map(list.map((p, i) => [p, probes[i] as ImageProbe])));
  const shared = new Shared(content.site.sections);
  const brokenFiles = new Set(content.problems.map((p) => p.file));
  const resolve: ArticleResolve = (raw, hasArticle, problems) => {
    for (const p of problems) brokenFiles.add(p.file);
    const ctx: ArticleContext = { bodies, authors: content.authors, sources: content.sources, shared, hasArticle, brokenFiles, resolver: new Resolver(bodies.images, problems), problems, now };
    return resolveArticle(raw.file, raw.record, ctx);
  };
  return { resolve, bodies };
}
