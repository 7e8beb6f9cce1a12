/** N ninjs 2.x items, one file each: an agency delivery (headline, bylines, subjects, a dozen HTML paragraphs, a list and a quote). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { words } from './words';

export function writeNinjsItems(folder: string, count: number): string[] {
  const w = words(7);
  return Array.from({ length: count }, (_, i) => {
    const paragraphs = Array.from({ length: 12 }, () => `<p>${w.sentence(30)}, <em>${w.word()}</em> and <a href="https://example.org/${w.word()}">${w.word()}</a>.</p>`).join('');
    const item = {
      uri: `urn:bench:item:${i}`,
      type: 'text',
      version: '1',
      headline: `${w.sentence(6)} ${i}`,
      description_text: `${w.sentence(18)}.`,
      body_html: `${paragraphs}<ul><li>${w.sentence(5)}</li><li>${w.sentence(5)}</li></ul><blockquote><p>${w.sentence(12)}</p><footer>— ${w.word()}</footer></blockquote>`,
      byline: `By Reporter ${i % 40} and Editor ${i % 7}`,
      subject: [{ name: w.word() }, { name: w.word() }],
      firstcreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      pubstatus: 'usable',
      language: 'en',
    };
    const file = path.join(folder, `item-${i}.json`);
    writeFileSync(file, JSON.stringify(item));
    return file;
  });
}
