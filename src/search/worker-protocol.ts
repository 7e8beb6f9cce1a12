/**
 * What the main thread and the search index worker say to each other
 * (worker-build.ts on the main thread, index-worker.ts in the worker): kept
 * apart from both, so the worker loads only what building needs.
 */
import type { SharedBodyFile } from '../content/body-store';
import type { Postings } from './build';
import type { IndexDocument } from './documents';

/** What the worker is started with. */
export interface WorkerStart {
  body: SharedBodyFile;
  documentCount: number;
}

/** Main thread → worker. */
export type ToWorker = { type: 'documents'; documents: IndexDocument[] } | { type: 'end' };

/** Postings as posted back: the typed arrays are transferred; the terms travel as one string (one copy, not a clone per term). */
export interface PostedPostings extends Omit<Postings, 'terms'> {
  /** The sorted terms joined by TERM_SEPARATOR (no term holds it: terms are cut at whitespace). */
  terms: string;
}

export const TERM_SEPARATOR = '\n';

/** Worker → main thread: ready for one more batch, or done (`postedAt`: performance.timeOrigin + performance.now(), shared by the threads' clocks). */
export type FromWorker = { type: 'more' } | { type: 'done'; postings: PostedPostings; buildMs: number; postedAt: number };

/** The typed arrays of posted postings, to be transferred rather than copied. */
export function transferables(postings: PostedPostings): ArrayBuffer[] {
  const { postStart, gapStart, docGaps, flags, normHeadline, normStandfirst, normAuthors, normRest } = postings;
  return [postStart, gapStart, docGaps, flags, normHeadline, normStandfirst, normAuthors, normRest].map((array) => array.buffer as ArrayBuffer);
}
