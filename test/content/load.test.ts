/**
 * Validation: each kind of mistake an editor can make is reported with its
 * file and field, the broken record is skipped, and the rest still loads.
 */
import { ContentLoadError, loadContent } from '../../src/content/load';
import type { Problem } from '../../src/content/problems';
import { baseRecords, loadFixture, removeDataDirs, writeDataDir, NOW, type FixtureRecords, type Json } from '../helpers/fixture';

afterAll(removeDataDirs);

function withArticle(slug: string, change: (a: Json) => Json): FixtureRecords {
  const records = baseRecords();
  records.articles = records.articles.map((a) => (a.slug === slug ? change({ ...a }) : a));
  return records;
}

function problemFor(problems: Problem[], file: string): Problem[] {
  return problems.filter((p) => p.file === file);
}

describe('loading the data folder', () => {
  test('a clean folder loads every record with no problems', async () => {
    const { content } = await loadFixture();
    expect(content.problems).toEqual([]);
    expect([...content.articles.keys()].sort()).toEqual(['first-story', 'second-story', 'third-story']);
    expect(content.authors.size).toBe(2);
    expect(content.sources.size).toBe(2);
    const second = content.articles.get('second-story')!;
    expect(second.authors.map((a) => a.name)).toEqual(['Ada Lane', 'Ben Okafor']);
    expect(second.origin?.name).toBe('Wire Agency');
    expect(second.citations[0]).toMatchObject({ source: { slug: 'city-hall' }, url: 'https://city.example.org/report' });
    expect(second.image?.asset).toMatchObject({ url: '/images/pic.jpg', width: 64, height: 36 });
  });

  const cases: Array<[string, () => Promise<{ records: FixtureRecords; raw?: Record<string, string> }>, string, string, RegExp]> = [
    ['bad JSON', async () => ({ records: baseRecords(), raw: { 'articles/broken.json': '{ "slug": "broken", }' } }), 'articles/broken.json', '', /not valid JSON/],
    ['a missing field', async () => ({ records: withArticle('first-story', (a) => ({ ...a, headline: undefined })) }), 'articles/first-story.json', 'headline', /required/],
    ['a bad date', async () => ({ records: withArticle('first-story', (a) => ({ ...a, publishedAt: '29/09/2022' })) }), 'articles/first-story.json', 'publishedAt', /ISO 8601/],
    ['a bad slug', async () => ({ records: baseRecords(), raw: { 'articles/Bad_Slug.json': JSON.stringify({ ...baseRecords().articles[0], slug: 'Bad_Slug' }) } }), 'articles/Bad_Slug.json', 'slug', /lowercase/],
    ['a slug that does not match its file', async () => ({ records: baseRecords(), raw: { 'articles/renamed.json': JSON.stringify(baseRecords().articles[0]) } }), 'articles/renamed.json', 'slug', /match the file name "renamed"/],
    ['an unknown author', async () => ({ records: withArticle('first-story', (a) => ({ ...a, authors: ['nobody'] })) }), 'articles/first-story.json', 'authors[0]', /author "nobody" does not exist/],
    ['an unknown source', async () => ({ records: withArticle('first-story', (a) => ({ ...a, sources: ['wire-agency', 'ghost-wire'] })) }), 'articles/first-story.json', 'sources[1]', /source "ghost-wire" does not exist/],
    ['an unknown origin', async () => ({ records: withArticle('first-story', (a) => ({ ...a, origin: 'ghost-wire' })) }), 'articles/first-story.json', 'origin', /does not exist/],
    ['a missing image', async () => ({ records: withArticle('first-story', (a) => ({ ...a, image: { src: 'images/missing.jpg', alt: 'x' } })) }), 'articles/first-story.json', 'image.src', /does not exist/],
    ['a body image without alt', async () => ({ records: withArticle('first-story', (a) => ({ ...a, body: [{ type: 'image', src: 'images/pic.jpg' }] })) }), 'articles/first-story.json', 'body[0].alt', /describe the image/],
    ['an image with empty alt', async () => ({ records: withArticle('first-story', (a) => ({ ...a, image: { src: 'images/pic.jpg', alt: '  ' } })) }), 'articles/first-story.json', 'image.alt', /alt text is required/],
    ['an image path leaving the folder', async () => ({ records: withArticle('first-story', (a) => ({ ...a, image: { src: 'images/../site.json', alt: 'x' } })) }), 'articles/first-story.json', 'image.src', /images\//],
    ['a corrupt image', async () => ({ records: withArticle('first-story', (a) => ({ ...a, image: { src: 'images/corrupt.jpg', alt: 'x' } })), raw: { 'images/corrupt.jpg': 'not really a jpeg' } }), 'articles/first-story.json', 'image.src', /cannot be read as an image/],
    ['a promo to an unknown article', async () => ({ records: withArticle('first-story', (a) => ({ ...a, body: [{ type: 'promo', text: 'More', href: '/articles/nowhere' }] })) }), 'articles/first-story.json', 'body[0].href', /"nowhere"/],
    ['an unknown block type', async () => ({ records: withArticle('first-story', (a) => ({ ...a, body: [{ type: 'video', src: 'x' }] })) }), 'articles/first-story.json', 'body[0].type', /.+/],
    ['an unknown field', async () => ({ records: withArticle('first-story', (a) => ({ ...a, headlnie: 'typo' })) }), 'articles/first-story.json', 'headlnie', /not a known field/],
    ['a javascript: link in an author record', async () => {
      const records = baseRecords();
      records.authors[1] = { ...records.authors[1], links: [{ label: 'x', url: 'javascript:alert(1)' }] };
      return { records };
    }, 'authors/ben-okafor.json', 'links[0].url', /http/],
  ];

  test.each(cases)('%s is reported with file and field, and the rest still loads', async (_name, make, file, field, message) => {
    const { records, raw } = await make();
    const { content } = await loadFixture(records, raw);
    const problems = problemFor(content.problems, file);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.field === field && message.test(p.message))).toBe(true);
    // Everything not touched by the broken record is still there.
    expect(content.articles.has('third-story')).toBe(true);
  });

  test('a duplicate slug in another folder is reported and the first record kept', async () => {
    const copy = { ...baseRecords().articles[0], headline: 'The copy' };
    const { content } = await loadFixture(baseRecords(), { 'articles/2026/first-story.json': JSON.stringify(copy) });
    // "articles/2026/…" sorts before "articles/first-story.json", so the nested one is first.
    const problem = content.problems.find((p) => p.field === 'slug' && /duplicate slug "first-story"/.test(p.message));
    expect(problem).toBeDefined();
    expect(problem!.message).toContain('already used by articles/2026/first-story.json');
    expect(content.articles.get('first-story')?.headline).toBe('The copy');
  });

  test('an article whose author record is broken says where the root problem is', async () => {
    const records = baseRecords();
    records.authors[0] = { ...records.authors[0], name: '' };
    const { content } = await loadFixture(records);
    expect(problemFor(content.problems, 'authors/ada-lane.json')[0]).toMatchObject({ field: 'name' });
    const articleProblem = problemFor(content.problems, 'articles/first-story.json')[0];
    expect(articleProblem).toMatchObject({ field: 'authors[0]' });
    expect(articleProblem!.message).toContain('has errors in authors/ada-lane.json');
  });

  test('an article promoted by another skipped article is skipped in turn, with a reason', async () => {
    const records = baseRecords();
    records.articles[0] = { ...records.articles[0], authors: ['nobody'] };
    records.articles[2] = { ...records.articles[2], body: [{ type: 'promo', text: 'See also', href: '/articles/first-story' }] };
    const { content } = await loadFixture(records);
    expect(content.articles.has('first-story')).toBe(false);
    expect(content.articles.has('third-story')).toBe(false);
    expect(problemFor(content.problems, 'articles/third-story.json')[0]).toMatchObject({ field: 'body[0].href' });
    expect(content.articles.has('second-story')).toBe(true);
  });

  test('a missing site.json stops the load with a clear error', async () => {
    const dir = await writeDataDir(baseRecords());
    const { rmSync } = await import('node:fs');
    rmSync(`${dir}/site.json`);
    await expect(loadContent(dir, { now: NOW })).rejects.toThrow(ContentLoadError);
    await expect(loadContent(dir, { now: NOW })).rejects.toThrow(/site\.json: cannot be read/);
  });

  test('BASE_URL overrides the site record', async () => {
    const dir = await writeDataDir(baseRecords());
    const content = await loadContent(dir, { baseUrl: 'http://127.0.0.1:9999', now: NOW });
    expect(content.site.baseUrl).toBe('http://127.0.0.1:9999');
  });
});

describe('docs/content.md', () => {
  test('its full example is a valid article record', async () => {
    const { readFileSync } = await import('node:fs');
    const { articleSchema } = await import('../../src/content/schema');
    const doc = readFileSync(`${__dirname}/../../docs/content.md`, 'utf8');
    const example = /## A full example\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const result = articleSchema.safeParse(JSON.parse(example as string));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});
