/**
 * Probing the images records refer to: each file must exist inside data/images/
 * and be a readable image; its pixel size goes into the page as width/height so
 * nothing shifts while it loads.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { fingerprint } from '../images/variants';
import type { ImageAsset } from '../images/asset';

export type ImageProbe = { ok: true; asset: ImageAsset } | { ok: false; message: string };

export function imageUrl(imagePath: string): string {
  return '/' + imagePath.split('/').map(encodeURIComponent).join('/');
}

export async function probeImage(dataDir: string, imagePath: string, probes?: ImageProbes): Promise<ImageProbe> {
  const imagesRoot = path.resolve(dataDir, 'images');
  const full = path.resolve(dataDir, imagePath);
  if (!full.startsWith(imagesRoot + path.sep)) return { ok: false, message: `image "${imagePath}" is outside data/images/` };
  let stamp: string;
  try {
    const stat = await fs.stat(full);
    if (!stat.isFile()) return { ok: false, message: `image "${imagePath}" is not a file` };
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return { ok: false, message: `image file "${imagePath}" does not exist in the data folder` };
  }
  const known = probes?.lookup(full, stamp);
  if (known) return known;
  const probe = await readImage(full, imagePath);
  probes?.remember(full, stamp, probe);
  return probe;
}

async function readImage(full: string, imagePath: string): Promise<ImageProbe> {
  try {
    // Read once: the same bytes give the size and the fingerprint of the variant URLs.
    const bytes = await fs.readFile(full);
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) return { ok: false, message: `image "${imagePath}" has no readable size` };
    // EXIF orientations 5-8 are rotated by a quarter turn: the displayed size is swapped.
    const rotated = (meta.orientation ?? 1) >= 5;
    return {
      ok: true,
      asset: { path: imagePath, url: imageUrl(imagePath), width: rotated ? meta.height : meta.width, height: rotated ? meta.width : meta.height, hash: fingerprint(bytes) },
    };
  } catch (error) {
    return { ok: false, message: `image "${imagePath}" cannot be read as an image (${(error as Error).message})` };
  }
}

/**
 * Probes of one load, by file, each with the file's inode, size and
 * modification time when it was read. A reload starts a new set from the
 * previous one: an image whose file is unchanged is not read again (only
 * stat'ed), and images no longer referred to are forgotten with the old set.
 */
export class ImageProbes {
  private readonly probes = new Map<string, { stamp: string; probe: ImageProbe }>();
  /** The previous set's entries only (not the set), so sets never chain from reload to reload. */
  private readonly previous: ReadonlyMap<string, { stamp: string; probe: ImageProbe }> | undefined;

  constructor(previous?: ImageProbes) {
    this.previous = previous?.probes;
  }

  lookup(full: string, stamp: string): ImageProbe | undefined {
    const known = this.probes.get(full) ?? this.previous?.get(full);
    if (known?.stamp !== stamp) return undefined;
    this.probes.set(full, known);
    return known.probe;
  }

  remember(full: string, stamp: string, probe: ImageProbe): void {
    this.probes.set(full, { stamp, probe });
  }
}
