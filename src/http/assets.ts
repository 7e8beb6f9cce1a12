/**
 * Static assets (static/): read once at start, fingerprinted by content hash
 * (site.css → site.3f2a1b9c.css) so they can be cached for a year, and
 * compressed once with gzip and brotli. Served from memory.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AssetUrls } from '../pages/context';

export interface Asset {
  /** The name requests use: the fingerprinted one. */
  name: string;
  contentType: string;
  etag: string;
  identity: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.css', '.svg', '.txt']);

export class AssetManifest {
  /** Fingerprinted name → asset. */
  readonly byName = new Map<string, Asset>();
  /** Original name → fingerprinted URL. */
  private readonly urls = new Map<string, string>();

  constructor(dir: string) {
    for (const file of readdirSync(dir)) {
      const ext = path.extname(file);
      const contentType = TYPES[ext];
      if (!contentType) continue;
      const identity = readFileSync(path.join(dir, file));
      const hash = createHash('sha256').update(identity).digest('hex').slice(0, 10);
      const name = `${path.basename(file, ext)}.${hash}${ext}`;
      const compress = COMPRESSIBLE.has(ext);
      this.byName.set(name, {
        name,
        contentType,
        etag: `"${hash}"`,
        identity,
        ...(compress && {
          gzip: zlib.gzipSync(identity, { level: 9 }),
          brotli: zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        }),
      });
      this.urls.set(file, `/static/${name}`);
    }
  }

  url(file: string): string {
    const url = this.urls.get(file);
    if (!url) throw new Error(`static/${file} is missing`);
    return url;
  }

  pageUrls(): AssetUrls {
    return { stylesheet: this.url('site.css'), favicon: this.url('favicon.svg') };
  }
}
