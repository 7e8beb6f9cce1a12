/**
 * The compact index's building blocks, checked against the simple definitions
 * they stand in for (tokenize + normalizeTerm, a brute-force edit
 * distance), and its paging against the full ranking.
 */
import fc from 'fast-check';
import { buildCatalog } from '../../src/content/catalog';
import { searchIndexFor } from '../../src/search/index';
import { forEachTerm, normalizeTerm, normalizeWord, SEPARATOR, tokenize } from '../../src/search/terms';
import { fuzzyTerms, prefixRange, termIndex } from '../../src/search/vocabulary';
import { baseRecords, loadFixture, NOW, removeDataDirs, type Json } from '../helpers/fixture';
import { texty } from '../helpers/arbitraries';

afterAll(removeDataDirs);

const terms = (text: string): string[] => {
  const out: string[] = [];
  forEachTerm(text, (t) => out.push(t));
  return out;
};


describe('terms', () => {
  test('in ASCII, separators are exactly the characters that are not letters or digits', () => {
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      expect([c, SEPARATOR.test(ch)]).toEqual([c, !/[A-Za-z0-9]/.test(ch)]);
    }
  });

  test('forEachTerm is tokenize + normalizeTerm (empty terms dropped), on any text', () => {
    fc.assert(
      fc.property(texty, (text) => {
        expect(terms(text)).toEqual(tokenize(text).map(normalizeTerm).filter(Boolean));
      }),
      { numRuns: 2000 },
    );
    expect(terms('Ferries leave ZÜRICH at 9:30, café-bar')).toEqual(['ferries', 'leave', 'zurich', 'at', '9', '30', 'cafe', 'bar']);
  });

  test('normalizeWord is normalizeTerm', () => {
    fc.assert(fc.property(texty, (word) => expect(normalizeWord(word)).toBe(normalizeTerm(word))), { numRuns: 2000 });
  });

});

describe('vocabulary', () => {
  const levenshtein = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length] as number;
  };
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é'), minLength: 1, maxLength: 8 });

  test('fuzzyTerms finds exactly the terms within the distance, with their distances', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 60 }), word, fc.integer({ min: 0, max: 2 }), (list, query, max) => {
        const vocabulary = [...list].sort();
        const found: [string, number][] = [];
        fuzzyTerms(vocabulary, query, max, (i, d) => found.push([vocabulary[i] as string, d]));
        const expected = vocabulary.map((t) => [t, levenshtein(t, query)] as [string, number]).filter(([, d]) => d <= max);
        expect(found).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  test('prefixRange and termIndex', () => {
    const vocabulary = ['harbour', 'harbours', 'hard', 'harm', 'zebra'];
    expect(prefixRange(vocabulary, 'harb')).toEqual([0, 2]);
    expect(prefixRange(vocabulary, 'har')).toEqual([0, 4]);
    expect(prefixRange(vocabulary, 'x')).toEqual([4, 4]);
    expect(termIndex(vocabulary, 'hard')).toBe(2);
    expect(termIndex(vocabulary, 'har')).toBe(-1);
  });
});

describe('building', () => {
  test('thousands of distinct words, long words and accented ones: every one is found, in whichever field', async () => {
    const r = baseRecords();
    const base = r.articles[0] as Json;
    const words = Array.from({ length: 6000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
    r.articles.push(
      { ...base, slug: 'many-words', headline: 'Many words', body: [{ type: 'paragraph', text: words.slice(0, 3000).join(' ') }, { type: 'list', items: words.slice(3000) }] },
      { ...base, slug: 'long-words', headline: 'Internationalisation of Counterrevolutionaries', standfirst: 'Café in ZÜRICH, *très* Ünïcödé.', body: [{ type: 'paragraph', text: 'Pneumonoultramicroscopicsilicovolcanoconiosis' }] },
    );
    const search = searchIndexFor(buildCatalog((await loadFixture(r)).content, 1, NOW));
    expect(search.index.termCount).toBeGreaterThan(6000);
    for (const word of words.filter((_, i) => i % 97 === 0 || i === 5999)) expect([word, search.search(`${word} many`).hits.map((h) => h.article.slug)]).toEqual([word, ['many-words']]);
    for (const q of ['internationalisation', 'COUNTERREVOLUTIONARIES', 'cafe', 'zurich', 'Zürich', 'tres', 'unicode', 'pneumonoultramicroscopicsilicovolcanoconiosis'])
      expect([q, search.search(q).hits.map((h) => h.article.slug)]).toEqual([q, ['long-words']]);
  });
});

describe('paging', () => {
  test('a page of hits is that slice of the full ranking, and the total counts them all', async () => {
    const r = baseRecords();
    const base = r.articles[0] as Json;
    for (let i = 1; i <= 37; i++) {
      r.articles.push({
        ...base,
        slug: `quay-${i}`,
        headline: i % 5 === 0 ? `Quay works ${i}` : `Note ${i}`,
        publishedAt: `2026-0${1 + (i % 5)}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
        body: [{ type: 'paragraph', text: `${'quay '.repeat(1 + (i % 4))}and more text ${i}.` }],
      });
    }
    const search = searchIndexFor(buildCatalog((await loadFixture(r)).content, 1, NOW));
    const all = search.search('quay');
    expect(all.total).toBe(37);
    expect(all.hits).toHaveLength(37);
    const ranks = all.hits.map((h) => h.score);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    for (const [offset, limit] of [[0, 10], [10, 10], [30, 10], [36, 5], [40, 10]] as const) {
      const page = search.search('quay', { offset, limit });
      expect(page.total).toBe(37);
      expect(page.hits.map((h) => h.article.slug)).toEqual(all.hits.slice(offset, offset + limit).map((h) => h.article.slug));
      expect(page.hits.map((h) => h.terms)).toEqual(all.hits.slice(offset, offset + limit).map((h) => h.terms));
    }
  });
});
