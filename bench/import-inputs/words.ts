/** Seeded words and sentences for generated import inputs (the same input on every run), and the file they are written to. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from '../../src/corpus/generate';

const WORDS = 'harbour council ferry storm budget vote energy rail school hospital river market port bridge weather report minister strike court'.split(' ');

export interface Words {
  word(): string;
  sentence(n: number): string;
  /** An integer in [0, n). */
  int(n: number): number;
}

export function words(seed: number): Words {
  const rng = mulberry32(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const word = () => WORDS[int(WORDS.length)] as string;
  return { word, int, sentence: (n) => Array.from({ length: n }, word).join(' ') };
}

/** A file written in chunks of about a megabyte: an export of a gigabyte is never held. */
export interface ChunkedFile {
  out(text: string): void;
  /** Writes what is left, closes the file, and says how many bytes it holds. */
  close(): number;
}

export function chunkedFile(file: string): ChunkedFile {
  const fd = openSync(file, 'w');
  let pending = '';
  let bytes = 0;
  const flush = () => {
    bytes += writeSync(fd, pending);
    pending = '';
  };
  return {
    out(text) {
      pending += text;
      if (pending.length > 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
      return bytes;
    },
  };
}
