/**
 * make-demo-images: draws every image that the sample content in data/ refers to.
 *
 * The demo articles, authors and site records need pictures, but we have no
 * rights to real photographs, so this script paints abstract ones instead:
 * gradients and simple geometric shapes described as SVG and rasterised by
 * sharp. No text is drawn (fonts may be missing on the machine running it).
 *
 * It writes, below data/images/:
 *   site/logo.png                   the site's square mark (512x512 PNG)
 *   placeholder/photo-unavailable.jpg  a neutral stand-in for photos we do not have (1600x900)
 *   authors/<slug>.jpg              abstract avatars (400x400)
 *   demo/<name>.jpg                 one picture per demo article plus a few inline ones (1600x900)
 *
 * Output is deterministic: shapes come from a small seeded PRNG keyed on each
 * file name, so re-running the script rewrites the same pictures.
 *
 * Run: npx tsx scripts/make-demo-images.ts
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { mulberry32 as seededRng, type Rng } from '../src/corpus/generate';

const DATA_DIR = path.resolve(__dirname, '..', 'data');
const WIDE = { width: 1600, height: 900 } as const;
const JPEG_QUALITY = 78;

/** FNV-1a: turns a file name into a 32-bit seed. */
function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function between(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Rounds for compact SVG. */
function r1(value: number): string {
  return value.toFixed(1);
}

/** Background gradient from `from` to `to`, then two accent colours for shapes. */
interface Palette {
  readonly from: string;
  readonly to: string;
  readonly accent: string;
  readonly highlight: string;
}

type Motif = 'waves' | 'bubbles' | 'shelves' | 'stars' | 'rails' | 'rings' | 'beams' | 'blades' | 'tiles' | 'cranes';

interface Size {
  readonly width: number;
  readonly height: number;
}

interface Picture {
  /** Path below data/images/. */
  readonly file: string;
  readonly motif: Motif;
  readonly palette: Palette;
}

const PALETTES = {
  harbour: { from: '#0f3b57', to: '#5fa8c9', accent: '#f2c14e', highlight: '#e8f4f8' },
  dusk: { from: '#2b1d4a', to: '#d9776b', accent: '#ffd39b', highlight: '#fff4e6' },
  paper: { from: '#f1e6d2', to: '#c98f5a', accent: '#7a3e1d', highlight: '#fffaf0' },
  night: { from: '#05071a', to: '#1d2f6b', accent: '#b9d7ff', highlight: '#ffffff' },
  rail: { from: '#1e2a38', to: '#5b6f86', accent: '#e94f37', highlight: '#f6f7eb' },
  moss: { from: '#1f4d3a', to: '#9bc58a', accent: '#f4f1bb', highlight: '#e6f2d8' },
  jazz: { from: '#3a0c3f', to: '#c2408a', accent: '#ffb347', highlight: '#ffe5f1' },
  ember: { from: '#5a1e0b', to: '#f08a4b', accent: '#ffe0a3', highlight: '#fff7ec' },
  lagoon: { from: '#073b3a', to: '#2fa4a0', accent: '#b4e7ce', highlight: '#edfff8' },
  storm: { from: '#22313f', to: '#8fa6b8', accent: '#f7d046', highlight: '#f0f4f8' },
  lighthouse: { from: '#0b1f33', to: '#44618a', accent: '#ffe9a8', highlight: '#fffbe8' },
  market: { from: '#3d2c1e', to: '#c7a46b', accent: '#2f6f5e', highlight: '#f9efdc' },
  festival: { from: '#0a0a23', to: '#3b2a76', accent: '#7ee8fa', highlight: '#eec0c6' },
} as const satisfies Record<string, Palette>;

const DEMO_PICTURES: readonly Picture[] = [
  { file: 'demo/port-alder-cranes-restored.jpg', motif: 'cranes', palette: PALETTES.harbour },
  { file: 'demo/port-alder-crane-detail.jpg', motif: 'cranes', palette: PALETTES.storm },
  { file: 'demo/community-library-reopens.jpg', motif: 'shelves', palette: PALETTES.paper },
  { file: 'demo/bakery-cooperative-expands.jpg', motif: 'bubbles', palette: PALETTES.ember },
  { file: 'demo/comet-seen-over-lindhaven.jpg', motif: 'stars', palette: PALETTES.night },
  { file: 'demo/night-train-returns.jpg', motif: 'rails', palette: PALETTES.dusk },
  { file: 'demo/night-train-sleeper-cabin.jpg', motif: 'tiles', palette: PALETTES.rail },
  { file: 'demo/recycling-scheme-pays-dividends.jpg', motif: 'rings', palette: PALETTES.moss },
  { file: 'demo/jazz-festival-returns.jpg', motif: 'bubbles', palette: PALETTES.jazz },
  { file: 'demo/heat-pump-subsidy-extended.jpg', motif: 'waves', palette: PALETTES.ember },
  { file: 'demo/seagrass-meadows-recover.jpg', motif: 'blades', palette: PALETTES.lagoon },
  { file: 'demo/harbour-ferry-goes-electric.jpg', motif: 'waves', palette: PALETTES.harbour },
  { file: 'demo/coastal-flood-warning-network.jpg', motif: 'rings', palette: PALETTES.storm },
  { file: 'demo/lighthouse-film-season.jpg', motif: 'beams', palette: PALETTES.lighthouse },
  { file: 'demo/market-hall-plans.jpg', motif: 'tiles', palette: PALETTES.market },
  { file: 'demo/new-year-drone-show.jpg', motif: 'bubbles', palette: PALETTES.festival },
];

const AVATARS: readonly Picture[] = [
  { file: 'authors/james-springer.jpg', motif: 'rings', palette: PALETTES.rail },
  { file: 'authors/maren-holt.jpg', motif: 'bubbles', palette: PALETTES.lagoon },
  { file: 'authors/idris-calloway.jpg', motif: 'rings', palette: PALETTES.paper },
];

function background(size: Size, palette: Palette, angle: number): string {
  return (
    `<defs><linearGradient id="bg" gradientTransform="rotate(${r1(angle)} 0.5 0.5)">` +
    `<stop offset="0" stop-color="${palette.from}"/><stop offset="1" stop-color="${palette.to}"/>` +
    `</linearGradient></defs><rect width="${size.width}" height="${size.height}" fill="url(#bg)"/>`
  );
}

/** Each motif returns SVG shapes drawn over the background. */
const MOTIFS: Record<Motif, (size: Size, palette: Palette, rng: Rng) => string> = {
  waves(size, palette, rng) {
    const shapes: string[] = [];
    const count = 6;
    for (let i = 0; i < count; i += 1) {
      const baseY = size.height * (0.35 + (i / count) * 0.7);
      const amplitude = between(rng, 18, 60);
      const wavelength = between(rng, 260, 520);
      const phase = between(rng, 0, wavelength);
      let d = `M0 ${r1(size.height)} L0 ${r1(baseY)}`;
      for (let x = 0; x <= size.width; x += 40) {
        d += ` L${x} ${r1(baseY + amplitude * Math.sin(((x + phase) / wavelength) * Math.PI * 2))}`;
      }
      d += ` L${size.width} ${size.height} Z`;
      const fill = i % 2 === 0 ? palette.highlight : palette.from;
      shapes.push(`<path d="${d}" fill="${fill}" fill-opacity="${r1(0.08 + i * 0.03)}"/>`);
    }
    const sunX = between(rng, 0.15, 0.85) * size.width;
    shapes.unshift(`<circle cx="${r1(sunX)}" cy="${r1(size.height * 0.28)}" r="${r1(size.height * 0.12)}" fill="${palette.accent}" fill-opacity="0.85"/>`);
    return shapes.join('');
  },
  bubbles(size, palette, rng) {
    const shapes: string[] = [];
    for (let i = 0; i < 26; i += 1) {
      const radius = between(rng, size.height * 0.03, size.height * 0.22);
      const fill = rng() < 0.5 ? palette.accent : palette.highlight;
      shapes.push(
        `<circle cx="${r1(between(rng, 0, size.width))}" cy="${r1(between(rng, 0, size.height))}" r="${r1(radius)}" fill="${fill}" fill-opacity="${r1(between(rng, 0.12, 0.45))}"/>`,
      );
    }
    return shapes.join('');
  },
  shelves(size, palette, rng) {
    const shapes: string[] = [];
    const rows = 4;
    const rowHeight = size.height / rows;
    for (let row = 0; row < rows; row += 1) {
      let x = size.width * 0.04;
      const shelfY = (row + 1) * rowHeight - rowHeight * 0.12;
      while (x < size.width * 0.96) {
        const w = between(rng, 22, 60);
        const h = between(rng, rowHeight * 0.5, rowHeight * 0.78);
        const fill = rng() < 0.33 ? palette.accent : rng() < 0.5 ? palette.highlight : palette.to;
        shapes.push(`<rect x="${r1(x)}" y="${r1(shelfY - h)}" width="${r1(w)}" height="${r1(h)}" rx="4" fill="${fill}" fill-opacity="${r1(between(rng, 0.55, 0.9))}"/>`);
        x += w + between(rng, 4, 14);
      }
      shapes.push(`<rect x="0" y="${r1(shelfY)}" width="${size.width}" height="${r1(rowHeight * 0.05)}" fill="${palette.accent}" fill-opacity="0.8"/>`);
    }
    return shapes.join('');
  },
  stars(size, palette, rng) {
    const shapes: string[] = [];
    for (let i = 0; i < 160; i += 1) {
      shapes.push(
        `<circle cx="${r1(between(rng, 0, size.width))}" cy="${r1(between(rng, 0, size.height))}" r="${r1(between(rng, 0.8, 3.2))}" fill="${palette.highlight}" fill-opacity="${r1(between(rng, 0.3, 1))}"/>`,
      );
    }
    const headX = between(rng, 0.55, 0.8) * size.width;
    const headY = between(rng, 0.2, 0.4) * size.height;
    const tailX = headX - size.width * 0.45;
    const tailY = headY - size.height * 0.25;
    shapes.push(
      `<defs><linearGradient id="tail" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${palette.accent}" stop-opacity="0"/><stop offset="1" stop-color="${palette.accent}" stop-opacity="0.9"/></linearGradient></defs>`,
      `<polygon points="${r1(tailX)},${r1(tailY - 40)} ${r1(headX)},${r1(headY - 10)} ${r1(headX)},${r1(headY + 10)} ${r1(tailX)},${r1(tailY + 40)}" fill="url(#tail)"/>`,
      `<circle cx="${r1(headX)}" cy="${r1(headY)}" r="16" fill="${palette.highlight}"/>`,
      `<path d="M0 ${size.height} L0 ${r1(size.height * 0.85)} Q ${r1(size.width * 0.3)} ${r1(size.height * 0.75)} ${r1(size.width * 0.6)} ${r1(size.height * 0.86)} T ${size.width} ${r1(size.height * 0.8)} L${size.width} ${size.height} Z" fill="#000000" fill-opacity="0.7"/>`,
    );
    return shapes.join('');
  },
  rails(size, palette, rng) {
    const shapes: string[] = [];
    for (let i = 0; i < 18; i += 1) {
      const y = between(rng, 0.1, 0.9) * size.height;
      const x = between(rng, -0.2, 0.8) * size.width;
      const length = between(rng, 0.2, 0.7) * size.width;
      const fill = rng() < 0.3 ? palette.accent : palette.highlight;
      shapes.push(`<rect x="${r1(x)}" y="${r1(y)}" width="${r1(length)}" height="${r1(between(rng, 3, 14))}" rx="6" fill="${fill}" fill-opacity="${r1(between(rng, 0.2, 0.7))}"/>`);
    }
    const bandY = size.height * 0.58;
    shapes.push(`<rect x="0" y="${r1(bandY)}" width="${size.width}" height="${r1(size.height * 0.16)}" fill="${palette.from}" fill-opacity="0.75"/>`);
    for (let x = size.width * 0.05; x < size.width; x += 150) {
      shapes.push(`<rect x="${r1(x)}" y="${r1(bandY + 26)}" width="96" height="52" rx="8" fill="${palette.accent}" fill-opacity="0.85"/>`);
    }
    return shapes.join('');
  },
  rings(size, palette, rng) {
    const shapes: string[] = [];
    const cx = between(rng, 0.3, 0.7) * size.width;
    const cy = between(rng, 0.3, 0.7) * size.height;
    const step = Math.min(size.width, size.height) * 0.07;
    for (let i = 1; i <= 12; i += 1) {
      const stroke = i % 3 === 0 ? palette.accent : palette.highlight;
      shapes.push(`<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(i * step)}" fill="none" stroke="${stroke}" stroke-width="${r1(between(rng, step * 0.12, step * 0.4))}" stroke-opacity="${r1(between(rng, 0.25, 0.7))}"/>`);
    }
    shapes.push(`<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(step * 0.6)}" fill="${palette.accent}"/>`);
    return shapes.join('');
  },
  beams(size, palette, rng) {
    const towerX = between(rng, 0.2, 0.35) * size.width;
    const lampY = size.height * 0.38;
    const beamEnd = size.width * 1.05;
    const spread = size.height * 0.22;
    return [
      `<polygon points="${r1(towerX)},${r1(lampY)} ${r1(beamEnd)},${r1(lampY - spread)} ${r1(beamEnd)},${r1(lampY + spread * 0.4)}" fill="${palette.accent}" fill-opacity="0.35"/>`,
      `<polygon points="${r1(towerX)},${r1(lampY)} ${r1(-size.width * 0.1)},${r1(lampY - spread * 0.6)} ${r1(-size.width * 0.1)},${r1(lampY + spread * 0.2)}" fill="${palette.accent}" fill-opacity="0.2"/>`,
      `<polygon points="${r1(towerX - 34)},${r1(size.height * 0.86)} ${r1(towerX - 18)},${r1(lampY + 20)} ${r1(towerX + 18)},${r1(lampY + 20)} ${r1(towerX + 34)},${r1(size.height * 0.86)}" fill="${palette.highlight}"/>`,
      `<circle cx="${r1(towerX)}" cy="${r1(lampY)}" r="22" fill="${palette.accent}"/>`,
      `<rect x="0" y="${r1(size.height * 0.84)}" width="${size.width}" height="${r1(size.height * 0.16)}" fill="${palette.from}" fill-opacity="0.85"/>`,
    ].join('');
  },
  blades(size, palette, rng) {
    const shapes: string[] = [];
    for (let i = 0; i < 70; i += 1) {
      const x = between(rng, 0, size.width);
      const h = between(rng, 0.25, 0.75) * size.height;
      const lean = between(rng, -90, 90);
      const fill = rng() < 0.35 ? palette.accent : palette.highlight;
      shapes.push(
        `<path d="M${r1(x - 10)} ${size.height} Q ${r1(x + lean * 0.3)} ${r1(size.height - h * 0.6)} ${r1(x + lean)} ${r1(size.height - h)} Q ${r1(x + lean * 0.2)} ${r1(size.height - h * 0.5)} ${r1(x + 10)} ${size.height} Z" fill="${fill}" fill-opacity="${r1(between(rng, 0.2, 0.6))}"/>`,
      );
    }
    return shapes.join('');
  },
  tiles(size, palette, rng) {
    const shapes: string[] = [];
    const cell = 100;
    for (let y = 0; y < size.height; y += cell) {
      for (let x = 0; x < size.width; x += cell) {
        const roll = rng();
        if (roll < 0.45) continue;
        const fill = roll < 0.7 ? palette.highlight : palette.accent;
        const inset = between(rng, 6, 22);
        shapes.push(`<rect x="${r1(x + inset)}" y="${r1(y + inset)}" width="${r1(cell - inset * 2)}" height="${r1(cell - inset * 2)}" rx="10" fill="${fill}" fill-opacity="${r1(between(rng, 0.15, 0.55))}"/>`);
      }
    }
    return shapes.join('');
  },
  cranes(size, palette, rng) {
    const shapes: string[] = [MOTIFS.waves(size, palette, rng)];
    const quay = size.height * 0.68;
    shapes.push(`<rect x="0" y="${r1(quay)}" width="${size.width}" height="${r1(size.height * 0.05)}" fill="${palette.from}" fill-opacity="0.9"/>`);
    for (let i = 0; i < 3; i += 1) {
      const x = size.width * (0.2 + i * 0.28) + between(rng, -40, 40);
      const top = size.height * between(rng, 0.18, 0.3);
      const jib = between(rng, 180, 300) * (i % 2 === 0 ? 1 : -1);
      shapes.push(
        `<g stroke="${palette.from}" stroke-width="14" stroke-linecap="round" fill="none" stroke-opacity="0.9">` +
          `<path d="M${r1(x - 50)} ${r1(quay)} L${r1(x)} ${r1(top)} L${r1(x + 50)} ${r1(quay)}"/>` +
          `<path d="M${r1(x - 60)} ${r1(top)} L${r1(x + jib)} ${r1(top - 30)}"/>` +
          `<path d="M${r1(x + jib * 0.85)} ${r1(top - 26)} L${r1(x + jib * 0.85)} ${r1(top + 120)}" stroke-width="5"/>` +
          `</g>`,
      );
    }
    return shapes.join('');
  },
};

function pictureSvg(picture: Picture, size: Size): string {
  const rng = seededRng(hashString(picture.file));
  const angle = between(rng, 20, 160);
  const body = MOTIFS[picture.motif](size, picture.palette, rng);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}">${background(size, picture.palette, angle)}${body}</svg>`;
}

/** Avatars: the article motif inside a circle on a soft square, so they read as "a person" without a face. */
function avatarSvg(picture: Picture): string {
  const size: Size = { width: 400, height: 400 };
  const rng = seededRng(hashString(picture.file));
  const angle = between(rng, 20, 160);
  const body = MOTIFS[picture.motif](size, picture.palette, rng);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">` +
    `<rect width="400" height="400" fill="${picture.palette.highlight}"/>` +
    `<clipPath id="disc"><circle cx="200" cy="200" r="180"/></clipPath>` +
    `<g clip-path="url(#disc)">${background(size, picture.palette, angle)}${body}</g>` +
    `</svg>`
  );
}

/** The site logo: white bars of varying length on a dark red square, like lines of a news page. */
function logoSvg(): string {
  const bars = [
    { y: 112, width: 288 },
    { y: 200, width: 232 },
    { y: 288, width: 288 },
    { y: 376, width: 168 },
  ];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">` +
    `<rect width="512" height="512" rx="56" fill="#8b1520"/>` +
    bars.map((bar) => `<rect x="112" y="${bar.y}" width="${bar.width}" height="40" rx="8" fill="#ffffff"/>`).join('') +
    `<rect x="80" y="112" width="12" height="304" rx="6" fill="#ffffff" fill-opacity="0.55"/>` +
    `</svg>`
  );
}

/** A plainly generic stand-in for a photograph we do not have: grey field, framed mountain-and-sun icon. */
function placeholderSvg(): string {
  const { width, height } = WIDE;
  const cx = width / 2;
  const cy = height / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#d6d6d6"/>` +
    `<rect x="${cx - 180}" y="${cy - 130}" width="360" height="260" rx="24" fill="none" stroke="#9a9a9a" stroke-width="16"/>` +
    `<circle cx="${cx + 80}" cy="${cy - 50}" r="32" fill="#9a9a9a"/>` +
    `<polygon points="${cx - 150},${cy + 110} ${cx - 50},${cy - 20} ${cx + 20},${cy + 60} ${cx + 70},${cy + 10} ${cx + 150},${cy + 110}" fill="#9a9a9a"/>` +
    `</svg>`
  );
}

async function write(file: string, image: Sharp): Promise<void> {
  const full = path.join(DATA_DIR, 'images', file);
  await fs.mkdir(path.dirname(full), { recursive: true });
  const info = await image.toFile(full);
  console.log(`${path.relative(process.cwd(), full)}  ${info.width}x${info.height}  ${Math.round(info.size / 1024)} KB`);
}

function jpeg(svg: string): Sharp {
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY, mozjpeg: true });
}

async function main(): Promise<void> {
  await write('site/logo.png', sharp(Buffer.from(logoSvg())).png({ compressionLevel: 9 }));
  await write('placeholder/photo-unavailable.jpg', jpeg(placeholderSvg()));
  for (const avatar of AVATARS) await write(avatar.file, jpeg(avatarSvg(avatar)));
  for (const picture of DEMO_PICTURES) await write(picture.file, jpeg(pictureSvg(picture, WIDE)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
