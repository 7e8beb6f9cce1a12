/**
 * Building the search index: one pass over the published articles of a
 * content version (documents.ts), a document at a time, so it can run in
 * slices between requests or in a worker thread (lifecycle.ts), into a
 * compact inverted index (see SearchIndex in engine.ts and
 * docs/decisions/0008-search-at-scale.md).
 *
 * A document's words fall into four groups, each with its own weight:
 * headline (3), standfirst (2), author names (2), and the rest (1): body
 * text, captions, corrections, source names, tags and section. Each posting is one byte:
 * how often the term occurs in "the rest" (saturated at 31, where BM25 has
 * long stopped counting) and one bit per other group it occurs in.
 *
 * Longer than our ~300-line rule on purpose: the byte layout of the index
 * (IndexData) and the one pass that writes it are read together; split, each
 * half would have to restate the other's encoding.
 */
import type { BlockRecord } from '../blocks/registry';
import { plainInline } from '../text/inline';
import { bodyRecordTexts, type BodyPlace, type IndexDocument } from './documents';
import { forEachTerm, NON_ASCII } from './terms';
import { ownCopy } from '../text/own-copy';

export const HEADLINE = 0x20;
export const STANDFIRST = 0x40;
export const AUTHORS = 0x80;
export const REST_TF = 0x1f;

/** BM25+ parameters (MiniSearch's defaults). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** What the builder makes: everything in typed arrays but the term list. */
export interface Postings {
  /** Every term, sorted; a term's number is its position. */
  terms: string[];
  /** Postings of term t are postings postStart[t] to postStart[t + 1] - 1. */
  postStart: Uint32Array;
  /** Byte offset in docGaps where term t's document numbers start. */
  gapStart: Uint32Array;
  /** Document numbers of each term's postings, ascending, as variable-length gaps (7 bits a byte). */
  docGaps: Uint8Array;
  /** One byte per posting: REST_TF | HEADLINE | STANDFIRST | AUTHORS. */
  flags: Uint8Array;
  /** Per document and group, BM25's length normalisation k·(1 − b + b·length/average length). */
  normHeadline: Float32Array;
  normStandfirst: Float32Array;
  normAuthors: Float32Array;
  normRest: Float32Array;
}

/** The built index's data: the postings, and which article each document number is (the main thread knows that without the builder). */
export interface IndexData extends Postings {
  /** Slug of each document, newest first (a document's number is its position). */
  slugs: string[];
  /** Publication time (epoch ms) of each document. */
  publishedAt: Float64Array;
}

const GROUP_FLAG = [HEADLINE, STANDFIRST, AUTHORS, 0] as const;

// FNV-1a over UTF-16 units: the builder hashes a word while it scans it, and finds its term without cutting the word out of the text.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashOf(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Many growing byte streams (one per term), written in chunks carved from
 * large slabs: a stream grows without copying, and when the builder is done
 * the slabs go back to the system whole (each is larger than glibc's largest
 * mmap threshold, so it is its own mapping). Doubling per-term arrays instead
 * left ~2× the index in freed-but-kept memory.
 */
class ByteStreams {
  private static readonly SLAB_BYTES = 36 << 20;
  private static readonly MAX_CHUNK = 1 << 16;
  private slabs: Uint8Array[] = [];
  private slabUsed = ByteStreams.SLAB_BYTES;
  // Per stream: its current chunk (slab, start, capacity, bytes used), its length, and its finished chunks as [slab, start, length] triples.
  private curSlab: number[] = [];
  private curStart: number[] = [];
  private curCapacity: number[] = [];
  private curUsed: number[] = [];
  private lengths: number[] = [];
  private finished: number[][] = [];

  /** A new, empty stream; returns its number. */
  add(): number {
    this.curSlab.push(0);
    this.curStart.push(0);
    this.curCapacity.push(0);
    this.curUsed.push(0);
    this.lengths.push(0);
    this.finished.push([]);
    return this.lengths.length - 1;
  }

  length(stream: number): number {
    return this.lengths[stream] as number;
  }

  push(stream: number, byte: number): void {
    let used = this.curUsed[stream] as number;
    if (used === this.curCapacity[stream]) {
      this.newChunk(stream);
      used = 0;
    }
    (this.slabs[this.curSlab[stream] as number] as Uint8Array)[(this.curStart[stream] as number) + used] = byte;
    this.curUsed[stream] = used + 1;
    this.lengths[stream] = (this.lengths[stream] as number) + 1;
  }

  private newChunk(stream: number): void {
    const previous = this.curCapacity[stream] as number;
    if (previous > 0) (this.finished[stream] as number[]).push(this.curSlab[stream] as number, this.curStart[stream] as number, previous);
    const capacity = Math.min(ByteStreams.MAX_CHUNK, Math.max(8, previous * 2));
    if (this.slabUsed + capacity > ByteStreams.SLAB_BYTES) {
      this.slabs.push(new Uint8Array(ByteStreams.SLAB_BYTES));
      this.slabUsed = 0;
    }
    this.curSlab[stream] = this.slabs.length - 1;
    this.curStart[stream] = this.slabUsed;
    this.curCapacity[stream] = capacity;
    this.curUsed[stream] = 0;
    this.slabUsed += capacity;
  }

  /** Copies the stream's bytes into `target` at `at`. */
  copyTo(stream: number, target: Uint8Array, at: number): void {
    const chunks = this.finished[stream] as number[];
    for (let i = 0; i < chunks.length; i += 3) {
      const start = chunks[i + 1] as number;
      const length = chunks[i + 2] as number;
      target.set((this.slabs[chunks[i] as number] as Uint8Array).subarray(start, start + length), at);
      at += length;
    }
    const used = this.curUsed[stream] as number;
    if (used > 0) {
      const start = this.curStart[stream] as number;
      target.set((this.slabs[this.curSlab[stream] as number] as Uint8Array).subarray(start, start + used), at);
    }
  }

  /** Lets go of every slab. */
  release(): void {
    this.slabs = [];
    this.finished = [];
  }
}

/**
 * Builds the postings of a content version's documents, added one at a time
 * in document order (documents.ts says which and in what order). It needs no
 * catalog, only a way to read a body, so it runs on the main thread or in a
 * worker (index-worker.ts) alike.
 */
export class IndexBuilder {
  /** Documents added so far (the next one's number). */
  private next = 0;
  /** Open-addressing hash table of terms: slot → term number + 1 (0: empty). */
  private table = new Int32Array(4096);
  private readonly termHashes: number[] = [];
  private readonly termStrings: string[] = [];
  // Per term (stream number = term number): document gaps and flag bytes; the last document seen.
  private readonly gaps = new ByteStreams();
  private readonly flagBytes = new ByteStreams();
  private lastDoc: number[] = [];
  // Per-document scratch, indexed by term.
  private mark = new Int32Array(1024);
  private docFlags = new Uint8Array(1024);
  private restTf = new Uint16Array(1024);
  private readonly touched: number[] = [];
  private readonly lengths: [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  private readonly restParts: string[] = [];
  private group = 0;
  private groupLength = 0;
  private doc = 0;

  constructor(
    /** How many documents will be added. */
    readonly documentCount: number,
    /** The records of a body, from the body store. */
    private readonly readBody: (body: BodyPlace) => readonly BlockRecord[],
  ) {
    const n = documentCount;
    this.lengths = [new Uint32Array(n), new Uint32Array(n), new Uint32Array(n), new Uint32Array(n)];
  }

  /** How many documents have been added. */
  get added(): number {
    return this.next;
  }

  /** Indexes the next document. */
  add(document: IndexDocument): void {
    if (this.next >= this.documentCount) throw new Error(`the index was made for ${this.documentCount} documents; one more was added`);
    this.addDocument(this.next++, document);
  }

  /** The number of the term text[start, end), hashed `h`, added if new. */
  private termOf(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    let mask = this.table.length - 1;
    let slot = h & mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.termHashes[id] === h) {
        const term = this.termStrings[id] as string;
        if (term.length === length) {
          let i = 0;
          while (i < length && term.charCodeAt(i) === text.charCodeAt(start + i)) i++;
          if (i === length) return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.newTerm(ownCopy(start === 0 && end === text.length ? text : text.slice(start, end)));
    this.termHashes.push(h);
    this.table[slot] = id + 1;
    if (this.termStrings.length * 2 > this.table.length) {
      // Keep the table at most half full.
      const table = new Int32Array(this.table.length * 2);
      mask = table.length - 1;
      this.termHashes.forEach((hash, i) => {
        let at = hash & mask;
        while (table[at] !== 0) at = (at + 1) & mask;
        table[at] = i + 1;
      });
      this.table = table;
    }
    return id;
  }

  /** One occurrence of term `id` in the current group of the current document. */
  private occurrence(id: number): void {
    this.groupLength++;
    if (this.mark[id] !== this.doc + 1) {
      this.mark[id] = this.doc + 1;
      this.docFlags[id] = 0;
      this.restTf[id] = 0;
      this.touched.push(id);
    }
    if (this.group === 3) this.restTf[id] = (this.restTf[id] as number) + 1;
    else this.docFlags[id] = (this.docFlags[id] as number) | GROUP_FLAG[this.group as 0 | 1 | 2];
  }

  /** For text that is not ASCII: the general tokenizer (forEachTerm). */
  private readonly onTerm = (term: string): void => {
    this.occurrence(this.termOf(term, 0, term.length, hashOf(term)));
  };

  /** The terms of a text: ASCII text is lower-cased and cut at anything but letters and digits, each word hashed as it is scanned; other text goes through forEachTerm. */
  private addText(text: string): void {
    if (NON_ASCII.test(text)) {
      forEachTerm(text, this.onTerm);
      return;
    }
    const lower = text.toLowerCase();
    let start = -1;
    let h = FNV_OFFSET;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
        if (start < 0) {
          start = i;
          h = FNV_OFFSET;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
      } else if (start >= 0) {
        this.occurrence(this.termOf(lower, start, i, h));
        start = -1;
      }
    }
    if (start >= 0) this.occurrence(this.termOf(lower, start, lower.length, h));
  }

  private newTerm(term: string): number {
    const id = this.termStrings.length;
    this.termStrings.push(term);
    this.gaps.add();
    this.flagBytes.add();
    this.lastDoc.push(-1);
    if (id >= this.mark.length) {
      const grow = <T extends Int32Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.mark = grow(this.mark, (n) => new Int32Array(n));
      this.docFlags = grow(this.docFlags, (n) => new Uint8Array(n));
      this.restTf = grow(this.restTf, (n) => new Uint16Array(n));
    }
    return id;
  }

  private addGroup(group: number, texts: readonly string[]): void {
    this.group = group;
    this.groupLength = 0;
    for (const text of texts) this.addText(text);
    (this.lengths[group] as Uint32Array)[this.doc] = this.groupLength;
  }

  /** Texts of the "rest" group: main image caption, body, corrections, source and origin names, tags, section. */
  private restTexts(document: IndexDocument): string[] {
    const out = this.restParts;
    out.length = 0;
    if (document.caption) out.push(plainInline(document.caption));
    bodyRecordTexts(this.readBody(document.body), out);
    // A correction is part of the story a reader may search for ("the figure was wrong").
    for (const correction of document.corrections) out.push(plainInline(correction));
    out.push(...document.names);
    return out;
  }

  private addDocument(doc: number, document: IndexDocument): void {
    this.doc = doc;
    this.touched.length = 0;
    this.addGroup(0, [document.headline]);
    this.addGroup(1, [plainInline(document.standfirst)]);
    this.addGroup(2, document.authors);
    this.addGroup(3, this.restTexts(document));
    for (const id of this.touched) {
      const flags = (this.docFlags[id] as number) | Math.min(REST_TF, this.restTf[id] as number);
      // The gap in 7-bit groups, low first, in the fewest bytes (engine.ts's varintLength counts on it).
      let gap = doc - (this.lastDoc[id] as number);
      while (gap >= 0x80) {
        this.gaps.push(id, (gap & 0x7f) | 0x80);
        gap >>>= 7;
      }
      this.gaps.push(id, gap);
      this.lastDoc[id] = doc;
      this.flagBytes.push(id, flags);
    }
  }

  /** The finished postings, once every document is added; the builder's buffers are released. */
  finish(): Postings {
    if (this.next !== this.documentCount) throw new Error(`the index was made for ${this.documentCount} documents; ${this.next} were added`);
    const ids = this.termStrings.map((_, i) => i).sort((a, b) => {
      const x = this.termStrings[a] as string;
      const y = this.termStrings[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const termCount = ids.length;
    const postStart = new Uint32Array(termCount + 1);
    const gapStart = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) {
      const id = ids[t] as number;
      postStart[t + 1] = (postStart[t] as number) + this.flagBytes.length(id);
      gapStart[t + 1] = (gapStart[t] as number) + this.gaps.length(id);
    }
    const flags = new Uint8Array(postStart[termCount] as number);
    const docGaps = new Uint8Array(gapStart[termCount] as number);
    for (let t = 0; t < termCount; t++) {
      const id = ids[t] as number;
      this.flagBytes.copyTo(id, flags, postStart[t] as number);
      this.gaps.copyTo(id, docGaps, gapStart[t] as number);
    }
    const n = this.documentCount;
    const norm = (lengths: Uint32Array): Float32Array => {
      let sum = 0;
      for (let d = 0; d < n; d++) sum += lengths[d] as number;
      const average = sum / Math.max(1, n) || 1;
      const out = new Float32Array(n);
      for (let d = 0; d < n; d++) out[d] = BM25.k * (1 - BM25.b + (BM25.b * (lengths[d] as number)) / average);
      return out;
    };
    const [headline, standfirst, authors, rest] = this.lengths;
    const postings: Postings = {
      terms: ids.map((id) => this.termStrings[id] as string),
      postStart,
      gapStart,
      docGaps,
      flags,
      normHeadline: norm(headline),
      normStandfirst: norm(standfirst),
      normAuthors: norm(authors),
      normRest: norm(rest),
    };
    this.gaps.release();
    this.flagBytes.release();
    this.lastDoc = [];
    return postings;
  }
}
