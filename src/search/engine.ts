/**
 * The search engine proper: the immutable index of one content version
 * (build.ts makes its IndexData) and the one query over it, BM25+ scoring of
 * the postings, AND-then-OR, a top-k heap and the matched terms of each hit.
 * It knows nothing of catalogs: which documents may be found, and how much
 * each one's freshness counts, arrive as one weight per document (view.ts).
 */
import * as build from './build';
import type { IndexData } from './build';
import { documentFrequency, wordSpecs, type WordSpec } from './expansion';
import { normalizeWord, tokenize } from './terms';

// Module-local copies for the scoring loop (an imported binding may be a getter call per read).
const { HEADLINE, STANDFIRST, AUTHORS, REST_TF } = build;
const BM25_K = build.BM25.k;
const BM25_D = build.BM25.d;

/** The variable-length number at bytes[at]: 7 bits a byte, low bits first, the high bit set on every byte but the last. */
function varintAt(bytes: Uint8Array, at: number): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++] as number;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

/** How many bytes varintAt read for `value` (the builder writes no more than it needs). */
function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : 4;
}

/** The immutable index of one content version. Search it through a CatalogSearch. */
export class SearchIndex {
  private readonly data: IndexData;
  // Scratch for one search at a time (searches are synchronous), one slot per document.
  private readonly stamp: Uint32Array;
  private readonly score: Float64Array;
  private readonly lastWord: Int32Array;
  private readonly words: Uint16Array;
  private readonly touched: Int32Array;
  private currentStamp = 0;

  constructor(data: IndexData) {
    this.data = data;
    const n = data.slugs.length;
    this.stamp = new Uint32Array(n);
    this.score = new Float64Array(n);
    this.lastWord = new Int32Array(n);
    this.words = new Uint16Array(n);
    this.touched = new Int32Array(n);
  }

  /** Documents indexed: every published article of the content, embargoed ones included. */
  get documentCount(): number {
    return this.data.slugs.length;
  }

  get termCount(): number {
    return this.data.terms.length;
  }

  get postingCount(): number {
    return this.data.flags.length;
  }

  /** Slugs of the indexed documents, newest first. */
  get slugs(): readonly string[] {
    return this.data.slugs;
  }

  /** Publication times (epoch ms) of the indexed documents. */
  get publishedAt(): Float64Array {
    return this.data.publishedAt;
  }

  /** Bytes held in typed arrays (postings, lengths, scratch); the term and slug strings come on top. */
  get byteSize(): number {
    const d = this.data;
    const arrays = [d.publishedAt, d.postStart, d.gapStart, d.docGaps, d.flags, d.normHeadline, d.normStandfirst, d.normAuthors, d.normRest, this.stamp, this.score, this.lastWord, this.words, this.touched];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** A stamp no slot of `stamp` holds yet: slots stamped with it are this pass's. */
  private nextStamp(): number {
    if (++this.currentStamp === 0xffffffff) {
      this.stamp.fill(0);
      this.currentStamp = 1;
    }
    return this.currentStamp;
  }

  /**
   * Scores every visible document (weight[d] > 0) that matches any word;
   * returns how many were touched. score[d] is the BM25+ sum, words[d] how
   * many distinct query words matched.
   */
  private scoreAll(specs: readonly WordSpec[], weight: Float64Array): number {
    const { postStart, gapStart, docGaps, flags, normHeadline, normStandfirst, normAuthors, normRest } = this.data;
    const { stamp, score, lastWord, words, touched } = this;
    const current = this.nextStamp();
    const n = this.documentCount;
    const k1 = BM25_K + 1;
    const delta = BM25_D;
    let count = 0;
    specs.forEach((spec, wi) => {
      for (const { term, weight: termWeight } of spec.expansions) {
        const df = documentFrequency(this.data, term);
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const w = termWeight * idf;
        let at = gapStart[term] as number;
        let doc = -1;
        const end = postStart[term + 1] as number;
        for (let p = postStart[term] as number; p < end; p++) {
          const gap = varintAt(docGaps, at);
          at += varintLength(gap);
          doc += gap;
          if ((weight[doc] as number) === 0) continue;
          const f = flags[p] as number;
          let s = 0;
          const tf = f & REST_TF;
          if (tf) s += delta + (tf * k1) / (tf + (normRest[doc] as number));
          if (f & HEADLINE) s += 3 * (delta + k1 / (1 + (normHeadline[doc] as number)));
          if (f & STANDFIRST) s += 2 * (delta + k1 / (1 + (normStandfirst[doc] as number)));
          if (f & AUTHORS) s += 2 * (delta + k1 / (1 + (normAuthors[doc] as number)));
          s *= w;
          if (stamp[doc] !== current) {
            stamp[doc] = current;
            score[doc] = s;
            lastWord[doc] = wi;
            words[doc] = 1;
            touched[count++] = doc;
          } else {
            score[doc] = (score[doc] as number) + s;
            if (lastWord[doc] !== wi) {
              lastWord[doc] = wi;
              words[doc] = (words[doc] as number) + 1;
            }
          }
        }
      }
    });
    return count;
  }

  /** The terms of each hit document that the query's words matched, in query order. */
  private matchedTerms(specs: readonly WordSpec[], hitDocs: readonly number[]): string[][] {
    const { postStart, gapStart, docGaps, terms } = this.data;
    const out = hitDocs.map(() => [] as string[]);
    if (hitDocs.length === 0) return out;
    // Mark the hits in the scratch arrays: stamp says "a hit", lastWord holds its slot.
    const { stamp, lastWord } = this;
    const hit = this.nextStamp();
    let last = -1;
    hitDocs.forEach((doc, slot) => {
      stamp[doc] = hit;
      lastWord[doc] = slot;
      if (doc > last) last = doc;
    });
    for (const spec of specs) {
      for (const { term } of spec.expansions) {
        let at = gapStart[term] as number;
        let doc = -1;
        const end = postStart[term + 1] as number;
        for (let p = postStart[term] as number; p < end && doc < last; p++) {
          const gap = varintAt(docGaps, at);
          at += varintLength(gap);
          doc += gap;
          if (stamp[doc] === hit) {
            const list = out[lastWord[doc] as number] as string[];
            const text = terms[term] as string;
            if (!list.includes(text)) list.push(text);
          }
        }
      }
    }
    return out;
  }

  /**
   * Searches the documents with weight[d] > 0 (weight is the view's
   * visibility and freshness). Every word must match (AND); if no document
   * has them all, any (OR). Returns hits [offset, offset + limit) of the
   * ranking, and how many matched in all.
   */
  search(query: string, weight: Float64Array, offset: number, limit: number): { docs: number[]; ranks: number[]; terms: string[][]; total: number; combinedWith: 'AND' | 'OR'; termCount: number } {
    const queryWords = tokenize(query);
    const termCount = queryWords.length;
    const specs = termCount === 0 ? [] : wordSpecs(this.data, queryWords.map(normalizeWord).filter(Boolean));
    if (specs.length === 0) return { docs: [], ranks: [], terms: [], total: 0, combinedWith: 'AND', termCount };
    const touchedCount = this.scoreAll(specs, weight);
    const { score, words, touched } = this;
    const need = specs.length;
    let combinedWith: 'AND' | 'OR' = 'AND';
    let total = 0;
    for (let i = 0; i < touchedCount; i++) if (words[touched[i] as number] === need) total++;
    if (total === 0 && termCount > 1 && touchedCount > 0) {
      combinedWith = 'OR';
      total = touchedCount;
    }
    const wanted = Math.max(0, Math.min(total, offset + limit));
    // The best `wanted` by rank (ties: the lower document number, i.e. newer, then slug), kept in a min-heap on "worse".
    const heapDocs = new Int32Array(wanted);
    const heapRanks = new Float64Array(wanted);
    let size = 0;
    const worse = (ra: number, da: number, rb: number, db: number) => ra < rb || (ra === rb && da > db);
    const siftDown = (from: number) => {
      let i = from;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && worse(heapRanks[l] as number, heapDocs[l] as number, heapRanks[m] as number, heapDocs[m] as number)) m = l;
        if (r < size && worse(heapRanks[r] as number, heapDocs[r] as number, heapRanks[m] as number, heapDocs[m] as number)) m = r;
        if (m === i) return;
        const rd = heapDocs[i] as number;
        const rr = heapRanks[i] as number;
        heapDocs[i] = heapDocs[m] as number;
        heapRanks[i] = heapRanks[m] as number;
        heapDocs[m] = rd;
        heapRanks[m] = rr;
        i = m;
      }
    };
    if (wanted > 0) {
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i] as number;
        const matched = words[doc] as number;
        if (combinedWith === 'AND' && matched !== need) continue;
        const rank = (score[doc] as number) * matched * (weight[doc] as number);
        if (size < wanted) {
          // Sift up.
          let j = size++;
          heapDocs[j] = doc;
          heapRanks[j] = rank;
          while (j > 0) {
            const parent = (j - 1) >> 1;
            if (!worse(heapRanks[j] as number, heapDocs[j] as number, heapRanks[parent] as number, heapDocs[parent] as number)) break;
            const pd = heapDocs[parent] as number;
            const pr = heapRanks[parent] as number;
            heapDocs[parent] = heapDocs[j] as number;
            heapRanks[parent] = heapRanks[j] as number;
            heapDocs[j] = pd;
            heapRanks[j] = pr;
            j = parent;
          }
        } else if (worse(heapRanks[0] as number, heapDocs[0] as number, rank, doc)) {
          heapDocs[0] = doc;
          heapRanks[0] = rank;
          siftDown(0);
        }
      }
    }
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => (heapRanks[b] as number) - (heapRanks[a] as number) || (heapDocs[a] as number) - (heapDocs[b] as number));
    const page = order.slice(Math.min(offset, size));
    const docs = page.map((i) => heapDocs[i] as number);
    const ranks = page.map((i) => heapRanks[i] as number);
    return { docs, ranks, terms: this.matchedTerms(specs, docs), total, combinedWith, termCount };
  }
}
