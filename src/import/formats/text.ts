/**
 * Plain-text wire copy, the format the 247 News Reel desk receives (the seed
 * story in ../shared/seed is one): one paragraph per line, and a few line
 * kinds of its own, read in this order (docs/import.md):
 *   - the first line is the standfirst; a short name closing it ("… duty. Al
 *     Jazeera.") is the first cited source;
 *   - "h2. Words" (Textile) and short lines without a closing full stop are headings;
 *   - "Caption words. Photo: Name / Agency" is an image with its caption and
 *     credit (a text-only figure: the copy carries no image file);
 *   - "- VIDEO words" and "- Exclusive: words" are promos (unlinked: their
 *     targets are on the other outlet's site);
 *   - "Source: Outlet" is the outlet the story was adapted from;
 *   - a closing paragraph "Name is a …" after a blank line is the writer's bio;
 *   - everything else is a paragraph; outlets cited in it ("reports Meduza",
 *     "AFP reported", "according to state news agency Kazinform") are sources.
 * Plain text has no status or date: the story is a draft dated now unless
 * the command says otherwise.
 */
import path from 'node:path';
import type { BlockRecord } from '../../blocks/registry';
import type { ArticleDraft, ImportItem, PersonDraft, ReadOptions, SourceDraft, WholeFileFormat } from '../draft';
import { citedSources } from '../cited-sources';
import { escapeMarkdown } from '../markdown';

/** Lines longer than this are paragraphs even without a full stop. */
const HEADING_MAX_LENGTH = 100;
/** A line that ends a sentence: the last character before closing quotes or brackets. */
const SENTENCE_END = /[.!?…:;,]$/;
const CLOSERS = /[\s"'”’»)\]]+$/;
const PHOTO = /^(.*?)\s+(Photo|Photograph|Picture|Image|Video|Illustration|Graphic):\s+(.+)$/;
const PROMO = /^[-–•]\s+(?:([A-Z][A-Z0-9]+)\s+|([A-Z][\w ]{0,30}?):\s+)(.+)$/;
const SOURCE_LINE = /^Source:\s*(.+?)\.?$/;
const TEXTILE_HEADING = /^h[1-6]\.\s+(.+)$/;
/** "James Springer is a renowned author…": a name of two to four capitalised words, then "is". */
const BIO = /^((?:\p{Lu}[\p{L}'’.-]+\s){1,3}\p{Lu}[\p{L}'’.-]+)\s+(?:is|was|has been)\s+(?:a|an|the)\s/u;
/** "… unfit for duty. Al Jazeera.": up to four capitalised words after the last sentence. */
const TRAILING_ATTRIBUTION = /^(.*[.!?”"])\s+((?:\p{Lu}[\p{L}&'’-]*\s?){1,4})\.$/u;

function isHeading(line: string): boolean {
  const bare = line.replace(CLOSERS, '');
  return line.length <= HEADING_MAX_LENGTH && !SENTENCE_END.test(bare) && /\p{L}/u.test(line);
}

/** Plain words as inline Markdown: copy is not Markdown, so its asterisks and brackets stay what they are. */
const inline = escapeMarkdown;

/**
 * Whether a file's text reads as text at all: at most one character in ten of its first 64 KiB
 * a control character or a byte that is not UTF-8 (U+FFFD once decoded). A gzip'd export or a
 * picture given by mistake (a third or more) is refused, not imported as a story of its bytes;
 * copy with a stray NUL or a few odd bytes still reads.
 */
export function readsAsText(content: string): boolean {
  const head = content.slice(0, 65536);
  const odd = head.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return odd <= head.length / 10;
}

export const text: WholeFileFormat = {
  name: 'text',
  description: 'plain-text wire copy, one paragraph per line (the seed story\u2019s format)',
  sniff: (content, file) => readsAsText(content) && (/\.txt$/i.test(file) || !/^\s*[<{[]/.test(content)),
  read(content: string, options: ReadOptions): ImportItem[] {
    if (!readsAsText(content)) return [{ kind: 'fail', sourceId: `text:${path.basename(options.file)}`, reason: 'not text: the file holds binary data (compressed? a picture?)' }];
    const notes: string[] = [];
    const lines = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
    // The bio is the last paragraph, set off by a blank line, when it reads as one.
    let end = lines.length;
    while (end > 0 && !lines[end - 1]?.trim()) end--;
    let author: PersonDraft | undefined;
    const last = lines[end - 1]?.trim() ?? '';
    const bio = BIO.exec(last);
    if (bio && end >= 2 && !lines[end - 2]?.trim()) {
      author = { name: (bio[1] as string).trim(), bio: last };
      end -= 1;
    }
    const body: BlockRecord[] = [];
    const sources: SourceDraft[] = [];
    let standfirst: string | undefined;
    let origin: SourceDraft | undefined;
    const cite = (words: string) => {
      for (const name of citedSources(words)) if (!sources.some((s) => s.name.toLowerCase() === name.toLowerCase())) sources.push({ name });
    };
    for (const raw of lines.slice(0, end)) {
      const line = raw.trim().replace(/\s+/g, ' ');
      if (!line) continue;
      if (standfirst === undefined) {
        const attributed = TRAILING_ATTRIBUTION.exec(line);
        standfirst = attributed ? (attributed[1] as string) : line;
        if (attributed) sources.push({ name: (attributed[2] as string).trim() });
        cite(standfirst);
        continue;
      }
      const source = SOURCE_LINE.exec(line);
      if (source) {
        origin = { name: (source[1] as string).trim() };
        continue;
      }
      const textile = TEXTILE_HEADING.exec(line);
      if (textile) {
        body.push({ type: 'heading', text: inline(textile[1] as string) });
        continue;
      }
      const promo = PROMO.exec(line);
      if (promo) {
        body.push({ type: 'promo', label: (promo[1] ?? promo[2]) as string, text: (promo[3] as string).trim() });
        continue;
      }
      const photo = PHOTO.exec(line);
      if (photo) {
        body.push({ type: 'image', caption: (photo[1] as string).trim(), credit: `${photo[2]}: ${(photo[3] as string).trim()}` } as BlockRecord);
        continue;
      }
      if (isHeading(line)) {
        body.push({ type: 'heading', text: inline(line) });
        continue;
      }
      body.push({ type: 'paragraph', text: inline(line) });
      cite(line);
    }
    const sourceId = `text:${path.basename(options.file)}`;
    if (!standfirst || body.length === 0) return [{ kind: 'fail', sourceId, reason: 'no story here: the copy needs a standfirst line and at least one more line' }];
    let headline = options.headline?.trim();
    if (!headline) {
      headline = draftHeadline(standfirst);
      notes.push(`headline made from the standfirst ("${headline}"): give one with --headline`);
    }
    const draft: ArticleDraft = {
      sourceId,
      headline,
      standfirst,
      body,
      authors: author ? [author] : [],
      ...(origin && { origin }),
      sources: origin ? sources.filter((s) => s.name.toLowerCase() !== origin.name.toLowerCase()) : sources,
      tags: [],
    };
    return [{ kind: 'article', draft, notes }];
  },
};

/** A draft headline from the standfirst: its first sentence, cut at a word boundary near 90 characters. */
function draftHeadline(standfirst: string): string {
  const sentence = standfirst.split(/(?<=[.!?])\s/)[0] ?? standfirst;
  const bare = sentence.replace(/[.!?]$/, '');
  if (bare.length <= 90) return bare;
  return `${bare.slice(0, 90).replace(/\s+\S*$/, '')}…`;
}
