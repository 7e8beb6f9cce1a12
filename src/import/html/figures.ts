/**
 * Pictures: `<img>` (also lazy-loading `data-src` and `srcset`), `<picture>`,
 * NITF `<media>`, `<figure>` with its `<figcaption>`, and galleries (a figure
 * or a container whose class names a gallery, slideshow or carousel, holding
 * two or more pictures).
 *
 * Credits: an element in the caption whose class names a credit, copyright,
 * byline, photographer or source (`<span class="credit">`), NITF's
 * `<media-producer>`, else a credit at the caption's end written the way
 * captions write one: "… Photo: A. Name / Agency", "(AP Photo/A. Name)",
 * "© Agency". The credit is kept as written, kind included ("Photo: …"), as
 * the data contract asks; the caption keeps the rest.
 */
import type { ImagePart, ImportedBlock } from './blocks';
import type { Ctx } from './context';
import { attr, capped, classes, collapse, descendants, firstDescendant, hasClass, isEl, plainText, type El } from './dom';
import { imageSource } from './urls';

const MAX_ALT = 500;

/** The picture an `<img>` shows, or undefined (noted) when it has no usable source or is a tracking pixel. */
export function imgPart(img: El, ctx: Ctx): ImagePart | undefined {
  const width = Number(attr(img, 'width'));
  const height = Number(attr(img, 'height'));
  if (width <= 1 && height <= 1 && attr(img, 'width') && attr(img, 'height')) {
    ctx.notes.add('dropped a 1×1 tracking image');
    return undefined;
  }
  const candidates = [attr(img, 'src'), attr(img, 'data-src'), attr(img, 'data-original'), attr(img, 'data-lazy-src'), largestInSrcset(attr(img, 'srcset') ?? attr(img, 'data-srcset'))];
  // Lazy loading puts a placeholder (often a data: URL) in src and the picture elsewhere: the first real one wins.
  const raw = candidates.find((candidate) => candidate && !/^\s*data:/i.test(candidate)) ?? candidates.find(Boolean);
  if (!raw) {
    ctx.notes.add('dropped an image without a source');
    return undefined;
  }
  const source = imageSource(raw);
  if ('reason' in source) {
    ctx.notes.add(`dropped ${source.reason}`);
    return undefined;
  }
  return { src: source.src, alt: capped(collapse(attr(img, 'alt') ?? attr(img, 'title') ?? '').trim(), MAX_ALT) };
}

/** The widest candidate of a srcset ("a.jpg 480w, b.jpg 1200w" → "b.jpg"). */
function largestInSrcset(srcset: string | undefined): string | undefined {
  if (!srcset) return undefined;
  let best: { url: string; size: number } | undefined;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const size = parseFloat(descriptor) || 1;
    if (!best || size > best.size) best = { url, size };
  }
  return best?.url;
}

/** `<picture>`: its `<img>`, else the widest `<source>`. */
export function picturePart(picture: El, ctx: Ctx): ImagePart | undefined {
  const img = firstDescendant(picture, (el) => el.name === 'img');
  if (img) return imgPart(img, ctx);
  const source = firstDescendant(picture, (el) => el.name === 'source' && !!(attr(el, 'srcset') ?? attr(el, 'src')));
  if (source) return imgPart({ name: 'img', attrs: { src: largestInSrcset(attr(source, 'srcset')) ?? attr(source, 'src') ?? '' }, children: [] }, ctx);
  ctx.notes.add('dropped a <picture> without an image');
  return undefined;
}

/**
 * NITF `<media media-type="image">`: the largest `<media-reference>` with an
 * image type (its `source`), `<media-caption>`, `<media-producer>` as the
 * credit (else the reference's `source-credit` or `copyright`). Other media
 * types are dropped and noted.
 */
export function nitfMediaPart(media: El, ctx: Ctx): ImagePart | undefined {
  const type = attr(media, 'media-type')?.toLowerCase();
  if (type && type !== 'image' && type !== 'graphic') {
    ctx.notes.add(`dropped a NITF <media> of type ${capped(type, 20)}`);
    return undefined;
  }
  const references = media.children.filter((child): child is El => isEl(child) && child.name === 'media-reference');
  const images = references.filter((ref) => {
    const mime = attr(ref, 'mime-type')?.toLowerCase();
    return (mime ? mime.startsWith('image/') : true) && !!(attr(ref, 'source') ?? attr(ref, 'data-location'));
  });
  const area = (ref: El) => (Number(attr(ref, 'width')) || 0) * (Number(attr(ref, 'height')) || 0);
  const best = images.reduce<El | undefined>((top, ref) => (!top || area(ref) > area(top) ? ref : top), undefined);
  if (!best) {
    ctx.notes.add('dropped a NITF <media> without an image reference');
    return undefined;
  }
  const source = imageSource(attr(best, 'source') ?? attr(best, 'data-location') ?? '');
  if ('reason' in source) {
    ctx.notes.add(`dropped ${source.reason}`);
    return undefined;
  }
  const captionEl = media.children.find((child): child is El => isEl(child) && child.name === 'media-caption');
  const producer = media.children.find((child): child is El => isEl(child) && child.name === 'media-producer');
  const caption = captionEl ? captionParts(captionEl) : {};
  const credit = (producer && plainText(producer)) || caption.credit || attr(best, 'source-credit') || attr(best, 'copyright');
  return withAlt(
    {
      src: source.src,
      alt: capped(collapse(attr(best, 'alternate-text') ?? references.map((ref) => attr(ref, 'alternate-text')).find(Boolean) ?? '').trim(), MAX_ALT),
      ...(caption.caption && { caption: caption.caption }),
      ...(credit && { credit: capped(collapse(credit).trim(), MAX_ALT) }),
    },
    ctx,
  );
}

/** A picture's alt text, required by the data contract: the source's, else its caption, else "Image" (noted). */
export function withAlt(part: ImagePart, ctx: Ctx): ImagePart {
  if (part.alt) return part;
  const known = ctx.altFor?.(part.src);
  if (known) {
    ctx.notes.add("an image without alt text: its alt text is the media library's");
    return { ...part, alt: capped(collapse(known).trim(), MAX_ALT) };
  }
  if (part.caption) {
    ctx.notes.add('an image without alt text: its caption is its alt text');
    return { ...part, alt: capped(part.caption, MAX_ALT) };
  }
  ctx.notes.add('an image without alt text or caption: its alt text is "Image"');
  return { ...part, alt: 'Image' };
}

const CREDIT_CLASS = /credit|copyright|byline|photographer|source|author/;
const isCreditEl = (el: El): boolean => el.name === 'media-producer' || hasClass(el, (name) => CREDIT_CLASS.test(name));

/** A caption element's caption and credit. */
export function captionParts(el: El): { caption?: string; credit?: string } {
  const creditEls = [...descendants(el)].filter(isCreditEl);
  const credit = creditEls.map((part) => plainText(part)).filter(Boolean).join(' / ');
  const text = plainText(el, (child) => creditEls.includes(child));
  if (credit) return { ...(text && { caption: text }), credit };
  return splitCredit(text);
}

const CREDIT_WORD = /(?:^|[\s(|—–-])((?:Photo(?:graph)?s?|Pictures?|Images?|Illustrations?|Graphics?|Foto|Fotos|Bild|Credit|Copyright)\s*(?:by\s*)?:\s*\S)/giu;
const MAX_CREDIT = 120;

/** "A ferry at the quay. Photo: A. Name / Agency" → caption "A ferry at the quay.", credit "Photo: A. Name / Agency". */
export function splitCredit(text: string): { caption?: string; credit?: string } {
  const clean = collapse(text).trim();
  if (!clean) return {};
  // "(AP Photo/A. Name)" or "(Photo: A. Name)" closing the caption.
  if (clean.endsWith(')')) {
    const open = clean.lastIndexOf('(');
    const inner = open >= 0 ? clean.slice(open + 1, -1).trim() : '';
    if (inner && inner.length <= MAX_CREDIT && !inner.includes('(') && (/\bPhotos?\//i.test(inner) || /^(?:Photo|Picture|Image|Illustration|Graphic|Foto|Credit)s?\s*:/i.test(inner) || inner.startsWith('©'))) {
      return parts(clean.slice(0, open), inner);
    }
  }
  let at = -1;
  for (const match of clean.matchAll(CREDIT_WORD)) at = (match.index ?? 0) + match[0].length - (match[1]?.length ?? 0);
  if (at < 0) at = clean.lastIndexOf('©');
  if (at < 0 || clean.length - at > MAX_CREDIT) return { caption: clean };
  return parts(clean.slice(0, at), clean.slice(at));
}

function parts(caption: string, credit: string): { caption?: string; credit?: string } {
  const rest = caption.replace(/[\s|/—–-]+$/u, '').trim();
  const kept = credit.trim();
  return { ...(rest && { caption: rest }), ...(kept && { credit: kept }) };
}

const isGalleryClass = (name: string): boolean => /gallery|slideshow|carousel/.test(name) && !/item|caption|icon/.test(name);
const isCaptionEl = (el: El): boolean => el.name === 'figcaption' || el.name === 'media-caption' || hasClass(el, (name) => /caption/.test(name) && !isGalleryClass(name));
/** A figure-like element: `<figure>`, or WordPress's `<div class="wp-caption">`. */
export const isFigure = (el: El): boolean => el.name === 'figure' || classes(el).includes('wp-caption') || hasClass(el, (name) => name === 'gallery-item');
export const isGallery = (el: El): boolean => hasClass(el, isGalleryClass);

const isPictureEl = (el: El): boolean => el.name === 'img' || el.name === 'picture' || el.name === 'media';

/** A gallery's item that is not a figure: an element holding one picture and a caption ("<li><img><span class="caption">…"). */
function isCaptionedItem(el: El): boolean {
  let pictures = 0;
  let caption = false;
  for (const child of descendants(el)) {
    if (isPictureEl(child)) pictures++;
    else if (isCaptionEl(child)) caption = true;
  }
  return pictures === 1 && caption;
}

function pictureOf(el: El, ctx: Ctx): ImagePart | undefined {
  if (el.name === 'img') return imgPart(el, ctx);
  if (el.name === 'picture') return picturePart(el, ctx);
  return nitfMediaPart(el, ctx);
}

/** The pictures of a figure or gallery: each nested figure or captioned item one picture (with its own caption), each loose image one. */
function pictureParts(container: El, ctx: Ctx): ImagePart[] {
  const found: ImagePart[] = [];
  const visit = (el: El) => {
    for (const child of el.children) {
      if (!isEl(child) || isCaptionEl(child)) continue;
      if (isFigure(child) || isCaptionedItem(child)) {
        const captionEl = captionOf(child);
        const caption = captionEl ? captionParts(captionEl) : {};
        pictureParts(child, ctx).forEach((part, i) => found.push(i === 0 ? fill(part, caption) : part));
      } else if (isPictureEl(child)) {
        const part = pictureOf(child, ctx);
        if (part) found.push(part);
      } else visit(child);
    }
  };
  visit(container);
  return found;
}

/** A figure's own caption element (not one of a figure inside it); a gallery's is a caption among its own children. */
function captionOf(el: El): El | undefined {
  if (!isFigure(el) && !isCaptionedItem(el)) return el.children.find((child): child is El => isEl(child) && isCaptionEl(child));
  return firstDescendant(el, isCaptionEl, (child) => isFigure(child) || child.name === 'table');
}

const fill = (part: ImagePart, caption: { caption?: string; credit?: string }): ImagePart => ({
  ...part,
  ...(!part.caption && caption.caption && { caption: caption.caption }),
  ...(!part.credit && caption.credit && { credit: caption.credit }),
});

/**
 * The blocks of a figure or gallery container: one picture → an image block,
 * two or more → a gallery (the outer caption is the gallery's, an outer
 * credit goes to each picture without one). A figure without pictures (a
 * quote, a table, code or an embed in a figure) is converted as its content,
 * its caption becoming the quote's attribution, the table's caption or the
 * embed's title, or else a paragraph after it.
 */
export function figureBlocks(el: El, ctx: Ctx, out: ImportedBlock[]): void {
  const captionEl = captionOf(el);
  const caption = captionEl ? captionParts(captionEl) : {};
  const pictures = pictureParts(el, ctx);
  if (pictures.length === 1) {
    out.push({ type: 'image', ...withAlt(fill(pictures[0] as ImagePart, caption), ctx) });
    return;
  }
  if (pictures.length > 1) {
    const images = pictures.map((part) => withAlt(fill(part, { ...(caption.credit && { credit: caption.credit }) }), ctx));
    out.push({ type: 'gallery', images, ...(caption.caption && { caption: caption.caption }) });
    return;
  }
  const inner: ImportedBlock[] = [];
  ctx.walk(
    el.children.filter((child) => child !== captionEl),
    inner,
  );
  const words = [caption.caption, caption.credit].filter(Boolean).join(' ');
  const only = inner.length === 1 ? inner[0] : undefined;
  if (words && only?.type === 'quote' && !only.attribution) only.attribution = words.replace(/^[—–-]+\s*/u, '');
  else if (words && only?.type === 'table' && !only.caption) only.caption = words;
  else if (words && only?.type === 'embed' && !only.title) only.title = words;
  else if (words && captionEl) ctx.walk(captionEl.children, inner);
  out.push(...inner);
}
