/**
 * Plain text (a ninjs body_text, a text/plain body) → paragraphs: blank lines
 * separate paragraphs; text with no blank line at all has a paragraph per
 * line. Text is escaped for inline Markdown; a paragraph that is only a known
 * embed's URL is that embed.
 */
import { asRecords, type Converted, type ImportedBlock } from './blocks';
import { collapse } from './dom';
import { embedOf } from './embeds';
import { escapeMarkdown } from './inline';

export function textToBlocks(text: string): Converted {
  const normal = text.replace(/\r\n?/g, '\n');
  const chunks = /\n[ \t]*\n/.test(normal) ? normal.split(/\n[ \t]*\n/) : normal.split('\n');
  const blocks: ImportedBlock[] = [];
  for (const chunk of chunks) {
    const plain = collapse(chunk).trim();
    if (!/\S/.test(plain)) continue;
    const embed = /^\S+$/.test(plain) ? embedOf(plain) : undefined;
    blocks.push(embed ? { type: 'embed', ...embed } : { type: 'paragraph', text: escapeMarkdown(plain) });
  }
  return { blocks: asRecords(blocks), notes: [] };
}
