/**
 * Images an imported item names, made files under data/images/imported/:
 * a path already under the data folder is kept; a file name (or a URL's file
 * name) found in --media is copied; an http(s) URL is otherwise downloaded
 * when the network allows (short timeout, size cap, image types only, and
 * the bytes must read as an image). Anything else is undefined: the caller
 * drops the block and the report names the item and the URL. Never a broken
 * image on a page.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type sharp from 'sharp';
import { ownCopy } from '../text/own-copy';

/** sharp, loaded when the first image must be read: an import of text alone never needs it (it takes a tenth of a second to load). */
let sharpModule: typeof sharp | undefined;
const loadSharp = (): typeof sharp => (sharpModule ??= require('sharp') as typeof sharp);

/** Stands for the bytes of a found file in what the resolver remembers (only that there was a file counts). */
const EMPTY = Buffer.alloc(0);

export const DOWNLOAD_TIMEOUT_MS = 5000;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const IMAGE_TYPES: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif', gif: 'gif', heif: 'avif' };

export interface MediaOptions {
  dataDir: string;
  /** --media: where referenced files are looked up by file name. */
  mediaDir?: string;
  /** Downloads allowed (off in --dry-run? no: a dry run reports what would fail; off in tests that need no network). */
  download: boolean;
}

/** An image to be written: its path under the data folder and its bytes. */
export interface PlannedImage {
  path: string;
  bytes: Buffer;
}

export type MediaResult = { ok: true; path: string; file?: PlannedImage } | { ok: false; reason: string };

/** The last part of a URL's path or of a file path, decoded: how --media is searched. */
function fileNameOf(src: string): string {
  try {
    if (/^https?:\/\//i.test(src)) return decodeURIComponent(new URL(src).pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
  return path.basename(src);
}

/**
 * Where a WordPress upload's URL puts the file under a copy of wp-content/uploads
 * (".../wp-content/uploads/2024/03/ferry.jpg" → "2024/03/ferry.jpg"), so --media can be
 * that folder as it is; undefined for other URLs and for any path that climbs out.
 */
function uploadsPathOf(src: string): string | undefined {
  if (!/^https?:\/\//i.test(src)) return undefined;
  try {
    const at = new URL(src).pathname.indexOf('/uploads/');
    if (at < 0) return undefined;
    const parts = new URL(src).pathname.slice(at + '/uploads/'.length).split('/').map(decodeURIComponent);
    return parts.every((part) => part && part !== '.' && part !== '..' && !part.includes('\\') && !part.includes('/')) ? parts.join('/') : undefined;
  } catch {
    return undefined;
  }
}

async function imageKind(bytes: Buffer): Promise<string | undefined> {
  const read = loadSharp();
  try {
    const meta = await read(bytes).metadata();
    return meta.format && meta.width && meta.height ? IMAGE_TYPES[meta.format] : undefined;
  } catch {
    return undefined;
  }
}

async function download(url: string): Promise<Buffer | string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    return `cannot be downloaded (${(error as Error).name === 'TimeoutError' ? 'timed out' : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message)})`;
  }
  if (!response.ok) return `cannot be downloaded (HTTP ${response.status})`;
  const type = response.headers.get('content-type') ?? '';
  if (!/^image\//i.test(type)) return `is not an image (${type || 'no content type'})`;
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_IMAGE_BYTES) return `is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_IMAGE_BYTES) return `is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * Finds, copies or downloads one image; the same source is looked for once
 * per run. What it remembers holds no image bytes (an archive names a
 * hundred thousand pictures): a source whose file the run has planned
 * (markPlanned) answers with its path alone; one found for an item that was
 * then not written (it failed, or was unchanged) is found again when another
 * item needs it; a source that cannot be had is not tried again.
 */
export class MediaResolver {
  private readonly done = new Map<string, Promise<MediaResult>>();
  private readonly plannedPaths = new Set<string>();

  constructor(private readonly options: MediaOptions) {}

  async resolve(src: string): Promise<MediaResult> {
    const known = await this.done.get(src);
    if (known && (!known.ok || !known.file || this.plannedPaths.has(known.path))) return known.ok ? { ok: true, path: known.path } : known;
    const found = await this.find(src);
    // Remembered without its bytes, under a key of its own (src/text/own-copy.ts: the source is often a few words cut from a post's text).
    this.done.set(ownCopy(src), Promise.resolve(found.ok ? { ok: true, path: found.path, ...(found.file && { file: { path: found.file.path, bytes: EMPTY } }) } : found));
    return found;
  }

  /** The run has planned this image file: later uses of its source need only its path. */
  markPlanned(imagePath: string): void {
    this.plannedPaths.add(imagePath);
  }

  private async find(src: string): Promise<MediaResult> {
    if (/^images\/[^\0]+$/.test(src) && !src.split('/').includes('..')) {
      try {
        await fs.access(path.join(this.options.dataDir, src));
        return { ok: true, path: src };
      } catch {
        // not in the data folder: look for it by name below
      }
    }
    const name = fileNameOf(src);
    let bytes: Buffer | undefined;
    let why = 'is not in the data folder';
    if (this.options.mediaDir && name && !name.startsWith('.')) {
      for (const candidate of [uploadsPathOf(src), name]) {
        if (!candidate || bytes) continue;
        try {
          bytes = await fs.readFile(path.join(this.options.mediaDir, candidate));
        } catch {
          why = `is not in --media ${this.options.mediaDir}`;
        }
      }
    }
    if (!bytes && /^https?:\/\//i.test(src)) {
      if (!this.options.download) return { ok: false, reason: `${why}, and downloads are off` };
      const got = await download(src);
      if (typeof got === 'string') return { ok: false, reason: got };
      bytes = got;
    }
    if (!bytes) return { ok: false, reason: why };
    const kind = await imageKind(bytes);
    if (!kind) return { ok: false, reason: 'is not a readable image' };
    const stem = name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'image';
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const target = `images/imported/${stem}-${hash}.${kind}`;
    return { ok: true, path: target, file: { path: target, bytes } };
  }
}
