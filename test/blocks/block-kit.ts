/**
 * What the block tests share: a ResolveEnv whose pictures are stubs (every
 * path under images/ exists but images/missing.jpg), the page and feed
 * environments, the problems a record gives as a user reads them
 * ("body[3].rows[2]: …"), and a block's partial rendered on its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { z } from 'zod';
import { blockFeedHtml, blockModel, blockSchema, blockTexts, resolveBlock, type Block, type BlockRecord } from '../../src/blocks/registry';
import type { FeedEnv, ResolveEnv, ShowEnv } from '../../src/blocks/types';
import { textFor, type Text } from '../../src/text/locale';
import { problemsFromZod } from '../../src/content/problems';
import { VIEWS_DIR } from '../../src/paths';

export const MISSING_IMAGE = 'images/missing.jpg';

export const problems: { field: string; message: string }[] = [];

export const env: ResolveEnv = {
  picture: (field, record) => {
    if (record.src === MISSING_IMAGE) return env.fail(`${field}.src`, `image "${record.src}" does not exist`);
    return { asset: { path: record.src, url: `/${record.src}`, width: 640, height: 360, hash: '0123456789abcdef' }, alt: record.alt, ...(record.caption && { caption: record.caption }), ...(record.credit && { credit: record.credit }) };
  },
  hasArticle: (slug) => slug === 'other',
  fail: (field, message) => {
    problems.push({ field, message });
    return undefined;
  },
};

export const show: ShowEnv = { visibleArticlePath: (slug) => (slug === 'other' ? `/articles/${slug}` : undefined), text: textFor('en', 'en-GB') as Text };
export const feed: FeedEnv = { ...show, site: { baseUrl: 'https://news.example.test' } };

const body = z.strictObject({ body: z.array(blockSchema) });

/** The problems of a record placed at body[index], as `npm run validate` words them: "field: message". */
export function problemsOf(record: unknown, index = 3): string[] {
  const filler = { type: 'paragraph', text: 'Words.' };
  const result = body.safeParse({ body: [...Array.from({ length: index }, () => filler), record] });
  return result.success ? [] : problemsFromZod('articles/x.json', result.error).map((p) => `${p.field}: ${p.message}`);
}

/** A record parsed and resolved as the loader does it (problems go to `problems`). */
export function resolved(record: unknown, field = 'body[0]'): Block | undefined {
  return resolveBlock(blockSchema.parse(record) as BlockRecord, field, env);
}

/** The block's plain-text parts (search, excerpts), from a record. */
export function textsOf(record: unknown): string[] {
  const out: string[] = [];
  blockTexts(resolved(record)!, out);
  return out;
}

/** The block's feed HTML, from a record. */
export function feedOf(record: unknown): string {
  return blockFeedHtml(resolved(record)!, feed);
}

/** A partial (a path below views/partials/) printed on its own, as the site's views print it. */
export function renderPartial(file: string, locals: object): string {
  const filename = path.join(VIEWS_DIR, 'partials', file);
  return ejs.render(readFileSync(filename, 'utf8'), locals, { filename, localsName: 'm', strict: true });
}

/** The block's partial (views/partials/blocks/<type>.ejs) printed on its own, from a record. */
export function htmlOf(record: unknown): string {
  const model = blockModel(resolved(record)!, show);
  return renderPartial(`blocks/${model.type}.ejs`, { block: model });
}

/** Text that must come out as text wherever a block prints it. */
export const HOSTILE = `<script>alert("x")</script> & 'quotes' <img src=x onerror=alert(1)>`;
