/**
 * Every source format the import command reads, in the order they are tried
 * when --format is left out (the first whose sniff() says yes reads the file).
 * Adding a format is a module in this folder and a line here.
 */
import type { ImportFormat } from '../draft';
import { newsml } from './newsml';
import { ninjs } from './ninjs';
import { text } from './text';

/** Plain text last: it takes any file the structured formats do not claim. */
export const FORMATS: readonly ImportFormat[] = [ninjs, newsml, text];

export function formatNamed(name: string): ImportFormat | undefined {
  return FORMATS.find((format) => format.name === name);
}

/** The format of a file's text, when --format is left out. */
export function sniffFormat(text: string, file: string): ImportFormat | undefined {
  return FORMATS.find((format) => format.sniff(text, file));
}
