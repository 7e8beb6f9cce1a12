/**
 * The shared image set (photos, avatars, the logo), painted from the image
 * stream as soft gradients and encoded with sharp. Apart from the records
 * because it is the only part that needs sharp and the only slow pixel loop.
 */
import sharp, { type Sharp } from 'sharp';
import { int, mix, mulberry32, STREAM, type Rng } from './random';
import { AVATAR_COUNT, AVATAR_SIZE, avatarPath, LOGO_PATH, PHOTO_COUNT, PHOTO_SIZE, photoPath } from './records';

/** Draws a gradient with a few soft discs and a little grain, as raw RGB. */
function paint(width: number, height: number, rng: Rng): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  const a = [int(rng, 20, 230), int(rng, 20, 230), int(rng, 20, 230)];
  const b = [int(rng, 20, 230), int(rng, 20, 230), int(rng, 20, 230)];
  const angle = rng() * Math.PI * 2;
  const cx = Math.cos(angle);
  const cy = Math.sin(angle);
  const discs = Array.from({ length: int(rng, 2, 5) }, () => ({
    x: rng() * width,
    y: rng() * height,
    r: (0.08 + rng() * 0.25) * Math.min(width, height) * 1.5,
    c: [int(rng, 0, 255), int(rng, 0, 255), int(rng, 0, 255)],
  }));
  let noise = (rng() * 0xffffffff) >>> 0;
  const span = Math.abs(cx) * width + Math.abs(cy) * height;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const t = ((x - width / 2) * cx + (y - height / 2) * cy) / span + 0.5;
      let r = (a[0] as number) * (1 - t) + (b[0] as number) * t;
      let g = (a[1] as number) * (1 - t) + (b[1] as number) * t;
      let bl = (a[2] as number) * (1 - t) + (b[2] as number) * t;
      for (const d of discs) {
        const dx = x - d.x;
        const dy = y - d.y;
        const dist = Math.sqrt(dx * dx + dy * dy) / d.r;
        if (dist < 1) {
          const k = 0.55 * (1 - dist * dist);
          r += ((d.c[0] as number) - r) * k;
          g += ((d.c[1] as number) - g) * k;
          bl += ((d.c[2] as number) - bl) * k;
        }
      }
      noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
      const grain = ((noise >>> 24) - 128) / 32;
      const o = (y * width + x) * 3;
      pixels[o] = Math.max(0, Math.min(255, r + grain));
      pixels[o + 1] = Math.max(0, Math.min(255, g + grain));
      pixels[o + 2] = Math.max(0, Math.min(255, bl + grain));
    }
  }
  return pixels;
}

/**
 * Images are painted in JS at 1/PAINT_SCALE of their size and enlarged by
 * libvips: the JS pixel loop is the only slow part (under Jest's sandbox it
 * took over 30 s for the full-size set), and soft gradients lose nothing.
 */
const PAINT_SCALE = 8;

function render(width: number, height: number, rng: Rng): Sharp {
  const w = Math.max(1, Math.round(width / PAINT_SCALE));
  const h = Math.max(1, Math.round(height / PAINT_SCALE));
  return sharp(paint(w, h, rng), { raw: { width: w, height: h, channels: 3 } }).resize(width, height, { kernel: 'cubic', fit: 'fill' });
}

async function renderJpeg(width: number, height: number, rng: Rng): Promise<Buffer> {
  return render(width, height, rng).jpeg({ quality: 72 }).toBuffer();
}

/** The shared image set: PHOTO_COUNT photos, AVATAR_COUNT avatars and a logo, as [path, bytes]. */
export async function renderImages(seed: number): Promise<[string, Buffer][]> {
  const jobs: [string, () => Promise<Buffer>][] = [];
  for (let i = 0; i < PHOTO_COUNT; i += 1) jobs.push([photoPath(i), () => renderJpeg(PHOTO_SIZE.width, PHOTO_SIZE.height, mulberry32(mix(mix(seed, STREAM.image), i)))]);
  for (let i = 0; i < AVATAR_COUNT; i += 1) jobs.push([avatarPath(i), () => renderJpeg(AVATAR_SIZE, AVATAR_SIZE, mulberry32(mix(mix(seed, STREAM.image), 1000 + i)))]);
  jobs.push([
    LOGO_PATH,
    () => {
      const size = 256;
      return render(size, size, mulberry32(mix(mix(seed, STREAM.image), 2000))).png().toBuffer();
    },
  ]);
  // Rendered one after another: the order of the returned list (and so of the writes) is fixed.
  const out: [string, Buffer][] = [];
  for (const [file, job] of jobs) out.push([file, await job()]);
  return out;
}
