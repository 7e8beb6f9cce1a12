/** Seeded words and sentences for generated import inputs: the same input on every run. */
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
