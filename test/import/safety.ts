/**
 * What a page makes of imported blocks' text: inline Markdown fields through
 * renderInline, plain text and code through escapeHtml (as EJS prints them).
 * `markupIn` names anything in that HTML that is not the inline markup the
 * site allows (<em>, <strong>, <a href="http(s)|mailto|/…">).
 */
import MarkdownIt from 'markdown-it';
import { blockSchema, type BlockRecord } from '../../src/blocks/registry';
import type { ImportedBlock, ListEntry } from '../../src/import/html';
import { escapeHtml, renderInline } from '../../src/text/inline';

export interface Field {
  path: string;
  value: string;
  kind: 'markdown' | 'plain' | 'code';
}

const entryFields = (entries: ListEntry[], at: string): Field[] =>
  entries.flatMap((entry, i) =>
    typeof entry === 'string'
      ? [{ path: `${at}[${i}]`, value: entry, kind: 'markdown' as const }]
      : [{ path: `${at}[${i}].text`, value: entry.text, kind: 'markdown' as const }, ...entryFields(entry.items, `${at}[${i}].items`)],
  );

/** Every text field of a block, with how a page prints it. */
export function fieldsOf(record: BlockRecord, at = 'block'): Field[] {
  const block = record as unknown as ImportedBlock;
  const plain = (path: string, value: string | undefined): Field[] => (value === undefined ? [] : [{ path: `${at}.${path}`, value, kind: 'plain' }]);
  const md = (path: string, value: string): Field => ({ path: `${at}.${path}`, value, kind: 'markdown' });
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [md('text', block.text)];
    case 'quote':
      return [md('text', block.text), ...plain('attribution', block.attribution)];
    case 'list':
      return entryFields(block.items, `${at}.items`);
    case 'image':
      return [...plain('src', block.src), ...plain('alt', block.alt), ...plain('caption', block.caption), ...plain('credit', block.credit)];
    case 'gallery':
      return [...plain('caption', block.caption), ...block.images.flatMap((image, i) => [...plain(`images[${i}].src`, image.src), ...plain(`images[${i}].alt`, image.alt), ...plain(`images[${i}].caption`, image.caption), ...plain(`images[${i}].credit`, image.credit)])];
    case 'table':
      return [...plain('caption', block.caption), ...(block.header ?? []).map((cell, i) => md(`header[${i}]`, cell)), ...block.rows.flatMap((row, r) => row.map((cell, c) => md(`rows[${r}][${c}]`, cell)))];
    case 'code':
      return [{ path: `${at}.text`, value: block.text, kind: 'code' }];
    case 'embed':
      return [...plain('url', block.url), ...plain('title', block.title)];
    case 'divider':
      return [];
  }
}

/** A field as a page prints it. */
export const rendered = (field: Field): string => (field.kind === 'markdown' ? renderInline(field.value) : escapeHtml(field.value));

/**
 * What in some printed HTML is markup the site does not allow: a <script>, a
 * tag with an event handler or a javascript: URL, any tag but <em>, <strong>
 * and an <a> to an http(s), mailto or site URL. (Text that reads
 * "javascript:" or "onclick=" is text, printed escaped: not markup.)
 */
export function markupIn(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push('<script');
  for (const tag of html.match(/<[^>]*>?/g) ?? []) {
    if (/\son[a-z]+\s*=/i.test(tag)) found.push(`an on…= attribute: ${tag}`);
    if (/=\s*["']?\s*javascript:/i.test(tag)) found.push(`a javascript: URL in ${tag}`);
    const allowed = /^<\/?(?:em|strong)>$/.test(tag) || tag === '</a>' || /^<a href="(?:https?:\/\/|mailto:|\/(?!\/))[^"<>]*"(?: rel="noopener noreferrer")?>$/.test(tag);
    if (!allowed) found.push(tag);
  }
  return found;
}

/** The site's inline Markdown with every link target let through: what a converter's links would be if the renderer did not check them. */
const trusting = new MarkdownIt('zero', { html: false, linkify: false }).enable(['emphasis', 'link', 'escape']);
trusting.validateLink = () => true;

/** Link targets in inline Markdown that the site would refuse (the converter must never write one). */
export function unsafeLinks(markdown: string): string[] {
  return (trusting.renderInline(markdown).match(/href="[^"]*"/g) ?? []).filter((href) => !/^href="(?:https?:\/\/|mailto:|\/(?!\/))/.test(href));
}

/** Every field of every block printed, with any markup it carries, and any link it writes that the site would refuse: [] when the blocks are safe. */
export function unsafeFields(blocks: BlockRecord[]): string[] {
  return blocks.flatMap((block, i) =>
    fieldsOf(block, `body[${i}]`).flatMap((field) =>
      [...markupIn(rendered(field)), ...(field.kind === 'markdown' ? unsafeLinks(field.value) : [])].map((found) => `${field.path}: ${found} in ${JSON.stringify(field.value).slice(0, 120)}`),
    ),
  );
}

/** Image sources that are URLs are resolved later by the import writer: for validation, a file stands in for them. */
export function withLocalImages(block: BlockRecord): BlockRecord {
  const copy = JSON.parse(JSON.stringify(block)) as Record<string, unknown>;
  if (typeof copy.src === 'string') copy.src = 'images/x.jpg';
  if (Array.isArray(copy.images)) for (const image of copy.images as Record<string, unknown>[]) image.src = 'images/x.jpg';
  return copy as unknown as BlockRecord;
}

/** The problems blockSchema finds in the blocks (URL image sources replaced), by block. */
export function invalidBlocks(blocks: BlockRecord[]): string[] {
  return blocks.flatMap((block, i) => {
    const result = blockSchema.safeParse(withLocalImages(block));
    return result.success ? [] : [`body[${i}] (${block.type}): ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`];
  });
}
