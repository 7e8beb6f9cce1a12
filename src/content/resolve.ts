/**
 * Resolving references between checked records: authors, sources, origins,
 * images and promo links must all point at something that exists. A record
 * with a dangling reference is skipped with a problem naming the field; a
 * record that depends on a skipped one says so, so the editor finds the root.
 */
import { mapLimit } from './files';
import { probeImage, type ImageProbe } from './images';
import type { Article, Author, Block, Content, ImageAsset, Picture, Section, Site, Source, Tag } from './model';
import type { Problem } from './problems';
import type { CheckedRecords } from './load';
import type { ArticleRecord, ImageRecord, SiteRecord } from './schema';

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
    for (const block of record.body) if (block.type === 'image') paths.add(block.src);
  }
  return paths;
}

class Resolver {
  constructor(
    readonly images: Map<string, ImageProbe>,
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
    return { asset, alt: record.alt, ...(record.caption && { caption: record.caption }), ...(record.credit && { credit: record.credit }) };
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
function missingReason(kind: string, slug: string, brokenFiles: Set<string>, folder: string): string {
  const file = `${folder}/${slug}.json`;
  return brokenFiles.has(file)
    ? `${kind} "${slug}" has errors in ${file}, so this article is skipped until it is fixed`
    : `${kind} "${slug}" does not exist (no ${file})`;
}

function resolveArticle(
  file: string,
  record: ArticleRecord,
  ctx: {
    authors: Map<string, Author>;
    sources: Map<string, Source>;
    sections: Map<string, Section>;
    articleSlugs: Set<string>;
    brokenFiles: Set<string>;
    resolver: Resolver;
    problems: Problem[];
  },
): Article | undefined {
  const before = ctx.problems.length;
  const fail = (field: string, message: string) => ctx.problems.push({ file, field, message });

  const authors: Author[] = [];
  record.authors.forEach((slug, i) => {
    const author = ctx.authors.get(slug);
    if (author) authors.push(author);
    else fail(`authors[${i}]`, missingReason('author', slug, ctx.brokenFiles, 'authors'));
  });

  let origin: Source | undefined;
  if (record.origin) {
    origin = ctx.sources.get(record.origin);
    if (!origin) fail('origin', missingReason('source', record.origin, ctx.brokenFiles, 'sources'));
  }

  const citations: Article['citations'] = [];
  const cited = new Set<string>();
  record.sources.forEach((ref, i) => {
    const slug = typeof ref === 'string' ? ref : ref.source;
    const url = typeof ref === 'string' ? undefined : ref.url;
    const field = typeof ref === 'string' ? `sources[${i}]` : `sources[${i}].source`;
    const source = ctx.sources.get(slug);
    if (!source) return fail(field, missingReason('source', slug, ctx.brokenFiles, 'sources'));
    if (cited.has(slug)) return fail(field, `source "${slug}" is listed twice`);
    cited.add(slug);
    citations.push({ source, ...(url && { url }) });
  });

  const image = record.image ? ctx.resolver.picture(file, 'image', record.image) : undefined;

  const body: Block[] = [];
  record.body.forEach((block, i) => {
    switch (block.type) {
      case 'image': {
        const picture = ctx.resolver.picture(file, `body[${i}]`, block);
        if (picture) body.push({ type: 'image', picture });
        break;
      }
      case 'promo': {
        const targetSlug = block.href?.slice('/articles/'.length);
        if (targetSlug !== undefined && !ctx.articleSlugs.has(targetSlug)) {
          fail(`body[${i}].href`, `links to article "${targetSlug}", which does not exist or has errors`);
          break;
        }
        body.push({ type: 'promo', text: block.text, ...(block.label && { label: block.label }), ...(targetSlug && { targetSlug }) });
        break;
      }
      case 'list':
        body.push({ type: 'list', items: block.items, ordered: block.ordered ?? false });
        break;
      case 'quote':
        body.push({ type: 'quote', text: block.text, ...(block.attribution && { attribution: block.attribution }) });
        break;
      default:
        body.push(block);
    }
  });

  const publishedAt = new Date(record.publishedAt);
  const updatedAt = record.updatedAt ? new Date(record.updatedAt) : undefined;
  if (updatedAt && updatedAt < publishedAt) fail('updatedAt', 'is earlier than publishedAt');

  if (ctx.problems.length > before) return undefined;
  const section = ctx.sections.get(record.section) ?? { slug: record.section, name: nameFromSlug(record.section) };
  const tags: Tag[] = [...new Set(record.tags)].map((slug) => ({ slug, name: nameFromSlug(slug) }));
  return {
    slug: record.slug,
    headline: record.headline,
    standfirst: record.standfirst,
    section,
    tags,
    authors,
    ...(origin && { origin }),
    citations,
    publishedAt,
    ...(updatedAt && { updatedAt }),
    status: record.status,
    ...(record.language && { language: record.language }),
    ...(image && { image }),
    body,
    file,
  };
}

export async function resolveContent(dataDir: string, siteRecord: SiteRecord, records: CheckedRecords, problems: Problem[], now: Date): Promise<Content> {
  const paths = [...collectImagePaths(siteRecord, records)];
  const probes = await mapLimit(paths, IMAGE_CONCURRENCY, (p) => probeImage(dataDir, p));
  const resolver = new Resolver(new Map(paths.map((p, i) => [p, probes[i] as ImageProbe])), problems);

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
  const sections = new Map(site.sections.map((s) => [s.slug, s]));
  let pending = records.articles;
  let articles = new Map<string, Article>();
  for (;;) {
    const articleSlugs = new Set(pending.map((r) => r.record.slug));
    const roundProblems: Problem[] = [];
    const ctx = { authors, sources, sections, articleSlugs, brokenFiles: brokenFiles(), resolver: new Resolver(resolver.images, roundProblems), problems: roundProblems };
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
  return { site, authors, sources, articles, problems, loadedAt: now };
}
