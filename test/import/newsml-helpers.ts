/** Shared by the NewsML-G2 reader's tests: reading fixtures and looking into what comes out. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { blockSchema } from '../../src/blocks/registry';
import { isoDateTime, languageTag } from '../../src/fields';
import type { ArticleDraft, ImportItem } from '../../src/import/draft';
import { newsml } from '../../src/import/formats/newsml';

export const FIXTURES = path.join(__dirname, 'newsml');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function readText(text: string, file = 'item.xml'): ImportItem[] {
  return newsml.read(text, { file });
}

export function readFixture(name: string): ImportItem[] {
  return readText(fixture(name), name);
}

/** The only item, which must be an article. */
export function onlyArticle(items: ImportItem[]): { draft: ArticleDraft; notes: string[] } {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item?.kind !== 'article') throw new Error(`expected an article, got ${JSON.stringify(item)}`);
  return item;
}

const NOT_TEXT = new Set(['src', 'href', 'url', 'citedUrl', 'sourceId', 'type']);

/** Every string a reader would see, anywhere in the draft (URLs and ids left out). */
export function visibleStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return NOT_TEXT.has(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((entry) => visibleStrings(entry, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => visibleStrings(v, k));
  return [];
}

/** Fails when any visible string of any article holds markup (a tag, a comment, a CDATA section, a DOCTYPE). */
export function expectNoMarkup(items: ImportItem[]): void {
  for (const item of items) {
    if (item.kind !== 'article') continue;
    for (const text of visibleStrings(item.draft)) expect(text).not.toMatch(/<\s*[A-Za-z!/?]/);
  }
}

/** Fails unless the draft's dates, language and blocks are as the data contract writes them. */
export function expectContractShapes(draft: ArticleDraft): void {
  for (const date of [draft.publishedAt, draft.updatedAt]) if (date !== undefined) expect(isoDateTime.safeParse(date).success).toBe(true);
  if (draft.publishedAt && draft.updatedAt) expect(Date.parse(draft.updatedAt)).toBeGreaterThan(Date.parse(draft.publishedAt));
  if (draft.language !== undefined) expect(languageTag('en').safeParse(draft.language).success).toBe(true);
  expect(draft.body.length).toBeGreaterThan(0);
  for (const block of draft.body) expect(blockSchema.safeParse(block).error?.issues).toBeUndefined();
}

/** A minimal text news item around the given itemMeta and contentMeta children and body. */
export function textItem(options: { guid?: string; itemMeta?: string; contentMeta?: string; contentSet?: string; attrs?: string } = {}): string {
  const guid = options.guid ?? 'urn:test:item';
  return `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="${guid}" version="1" standard="NewsML-G2" standardversion="2.35"${options.attrs ?? ''}>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:TEST"/>
    <versionCreated>2026-05-01T10:00:00Z</versionCreated>
    ${options.itemMeta ?? ''}
  </itemMeta>
  <contentMeta>${options.contentMeta ?? '<headline>A headline</headline>'}</contentMeta>
  <contentSet>${options.contentSet ?? '<inlineData contenttype="text/plain">A paragraph.</inlineData>'}</contentSet>
</newsItem>`;
}
