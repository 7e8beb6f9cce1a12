/**
 * Makes responsive variants with sharp, on first request, into a cache folder
 * (IMAGE_CACHE_DIR, by default under the OS temp folder so a read-only app
 * folder is fine). Each variant is made once: concurrent requests for the
 * same one share a single job, files are written to a temporary name and
 * renamed so a reader never sees half a file, and at most a few encodes run
 * at once so a cold cache cannot starve page rendering of CPU.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageAsset } from './asset';
import { OG_SIZE, variantName, type Variant } from './variants';

/** Encodes one variant of an original. Exported for tests and for warming a cache ahead of time. */
export async function encodeVariant(originalPath: string, variant: Variant): Promise<Buffer> {
  // rotate() applies the EXIF orientation, matching the size the probe reported.
  const image = sharp(originalPath, { failOn: 'error' }).rotate();
  if (variant.kind === 'og') {
    return image
      .resize(OG_SIZE.width, OG_SIZE.height, { fit: 'cover', position: 'attention' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
  }
  const resized = image.resize({ width: variant.width, withoutEnlargement: true });
  switch (variant.format) {
    case 'avif':
      // tune 'ssim': the AVIF tuning sharp used before 0.35 (whose default, 'iq', makes files 15-45% larger at this quality).
      return resized.avif({ quality: 50, effort: 4, tune: 'ssim' }).toBuffer();
    case 'webp':
      return resized.webp({ quality: 72, effort: 4 }).toBuffer();
    case 'jpg':
      // JPEG has no transparency: flatten onto white rather than black.
      return resized.flatten({ background: '#ffffff' }).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
  }
}

/** A counting semaphore: at most `limit` encodes at a time. */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export interface VariantStoreOptions {
  dataDir: string;
  cacheDir: string;
  /** Encodes running at once (default 2: half of a small machine). */
  concurrency?: number;
  /** Told when the cache folder cannot be written: variants are then made per request and not kept. */
  onWriteError?: (error: Error) => void;
}

export class VariantStore {
  private readonly inFlight = new Map<string, Promise<{ file?: string; bytes?: Buffer }>>();
  private readonly limiter: Limiter;
  private dirReady: Promise<void> | undefined;
  /** How many encodes ran: lets tests check that concurrent requests share one. */
  encodes = 0;

  constructor(private readonly options: VariantStoreOptions) {
    this.limiter = new Limiter(options.concurrency ?? 2);
  }

  /**
   * The variant as a cached file path, or (if the cache folder is not
   * writable) as bytes. Rejects when the original cannot be read or decoded.
   */
  get(asset: ImageAsset, variant: Variant): Promise<{ file?: string; bytes?: Buffer }> {
    const name = variantName(asset.hash, variant);
    let job = this.inFlight.get(name);
    if (!job) {
      job = this.make(asset, variant, name).finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, job);
    }
    return job;
  }

  private async make(asset: ImageAsset, variant: Variant, name: string): Promise<{ file?: string; bytes?: Buffer }> {
    const file = path.join(this.options.cacheDir, name);
    try {
      await fs.access(file);
      return { file };
    } catch {
      // Not made yet.
    }
    const bytes = await this.limiter.run(() => {
      this.encodes++;
      return encodeVariant(path.join(this.options.dataDir, asset.path), variant);
    });
    try {
      this.dirReady ??= fs.mkdir(this.options.cacheDir, { recursive: true }).then(() => undefined);
      await this.dirReady;
      // Another process may share the folder: write aside, then rename into place atomically.
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await fs.writeFile(temp, bytes);
      await fs.rename(temp, file);
      return { file };
    } catch (error) {
      this.dirReady = undefined;
      this.options.onWriteError?.(error as Error);
      return { bytes };
    }
  }
}
