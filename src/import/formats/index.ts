/**
 * Every source format the import command reads, in the order they are tried
 * when --format is left out (the first that says yes reads the file).
 * Adding a format is a module in this folder and a line here.
 */
import { isStreamed, type ImportFormat } from '../draft';
import { ghost } from './ghost';
import { newsml } from './newsml';
import { ninjs } from './ninjs';
import { text } from './text';
import { wordpress } from './wordpress';

/** Archives (streamed) first, judged by their head; plain text last: it takes any file the structured formats do not claim. */
export const FORMATS: readonly ImportFormat[] = [wordpress, ghost, ninjs, newsml, text];

export function formatNamed(name: string): ImportFormat | undefined {
  return FORMATS.find((format) => format.name === name);
}

/**
 * The format of a file, when --format is left out: `head` is its first
 * 64 KiB, `whole()` its text (read only if a whole-file format is asked).
 */
export function sniffFormat(head: string, whole: () => string, file: string): ImportFormat | undefined {
  return FORMATS.find((format) => (isStreamed(format) ? format.sniffHead(head, file) : format.sniff(whole(), file)));
}
