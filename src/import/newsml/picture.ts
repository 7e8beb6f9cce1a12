/**
 * The main image of a text item. Supported: an itemMeta (or partMeta) `link`
 * from the text item to a picture, either
 *  - by `residref` (or `href`) to a picture news item in the same file (a
 *    newsMessage): that item's largest JPEG/PNG/WebP/AVIF/GIF
 *    `remoteContent` rendition, its caption (description, role caption
 *    first), credit (creditline, else its creators, else the copyright
 *    holder) and alt text (the caption's first sentence, else its headline);
 *  - or by `href` to a picture elsewhere, known as one by the link's
 *    `contenttype` (image/…) or its itemClass hint (ninat:picture), with its
 *    title and description hints as alt text and caption.
 * The first such link wins; the others are noted.
 */
import type { ImageDraft } from '../draft';
import { byLanguage, codeOf, conceptName, roleCodes } from './concepts';
import { cleanText, plainText } from './text';
import { attr, childNamed, childrenNamed, type XmlElement } from './xml';

const IMAGE_TYPES = /^image\/(?:jpeg|jpg|pjpeg|png|webp|avif|gif)$/i;
const IMAGE_FILE = /\.(?:jpe?g|png|webp|avif|gif)$/i;

/**
 * An image location as ImageDraft takes it: an http(s) URL as it is; a
 * relative or file: reference as its file name (looked up in --media).
 */
export function imageSrc(href: string | undefined): string | undefined {
  const value = href?.trim();
  if (!value) return undefined;
  if (/^https?:\/\/[^\s]+$/i.test(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^file:/i.test(value)) return undefined;
  const name = value.replace(/^file:\/*/i, '').split(/[\\/]/).pop()?.trim();
  return name && IMAGE_FILE.test(name) ? name : undefined;
}

function firstSentence(text: string): string {
  const match = /^(.{20,250}?[.!?])(?:\s|$)/.exec(text);
  return match?.[1] ?? (text.length > 250 ? `${text.slice(0, 249).trimEnd()}…` : text);
}

/** The picture a picture news item carries, or undefined when it has no usable rendition. */
export function pictureOfItem(item: XmlElement, nar: string, language: string | undefined, notes: string[]): ImageDraft | undefined {
  const renditions = childrenNamed(childNamed(item, nar, 'contentSet'), nar, 'remoteContent')
    .map((r) => ({ src: imageSrc(attr(r, 'href')), type: attr(r, 'contenttype'), width: Number(attr(r, 'width') ?? 0) || 0 }))
    .filter((r) => r.src && (r.type ? IMAGE_TYPES.test(r.type.split(';')[0] as string) : IMAGE_FILE.test(r.src)));
  const best = renditions.reduce<(typeof renditions)[number] | undefined>((a, b) => (!a || b.width > a.width ? b : a), undefined);
  if (!best?.src) return undefined;
  const contentMeta = childNamed(item, nar, 'contentMeta');
  const descriptions = byLanguage(childrenNamed(contentMeta, nar, 'description'), language);
  const caption = plainText(descriptions.find((d) => roleCodes(d).includes('caption')) ?? descriptions[0], 'picture caption', notes);
  const headline = plainText(byLanguage(childrenNamed(contentMeta, nar, 'headline'), language)[0], 'picture headline', notes);
  const creators = childrenNamed(contentMeta, nar, 'creator').map((c) => conceptName(c, nar, language)).filter((n): n is string => !!n);
  const holder = childNamed(childNamed(item, nar, 'rightsInfo'), nar, 'copyrightHolder');
  const credit =
    plainText(childNamed(contentMeta, nar, 'creditline'), 'picture credit', notes) ??
    (creators.length ? creators.join(', ') : holder && conceptName(holder, nar, language));
  const alt = caption ? firstSentence(caption) : headline;
  return { src: best.src, ...(alt && { alt }), ...(caption && { caption }), ...(credit && { credit }) };
}

function linkIsPicture(link: XmlElement, nar: string): boolean {
  const type = attr(link, 'contenttype');
  if (type && IMAGE_TYPES.test(type.split(';')[0] as string)) return true;
  return childrenNamed(link, nar, 'itemClass').some((c) => codeOf(c) === 'picture');
}

/** The main image of a text item from its links, with `pictures` the picture items of the same file by guid. */
export function mainImage(item: XmlElement, nar: string, pictures: ReadonlyMap<string, ImageDraft>, notes: string[]): ImageDraft | undefined {
  const links = [
    ...childrenNamed(childNamed(item, nar, 'itemMeta'), nar, 'link'),
    ...childrenNamed(item, nar, 'partMeta').flatMap((part) => childrenNamed(part, nar, 'link')),
  ];
  const found: ImageDraft[] = [];
  for (const link of links) {
    const target = attr(link, 'residref') ?? attr(link, 'href');
    const inFile = target ? pictures.get(target) : undefined;
    if (inFile) {
      found.push(inFile);
      continue;
    }
    if (!linkIsPicture(link, nar)) continue;
    const src = imageSrc(attr(link, 'href'));
    if (!src) {
      notes.push(`a linked picture has no usable href (${cleanText(attr(link, 'href') ?? attr(link, 'residref') ?? 'none').text.slice(0, 80)}): left out`);
      continue;
    }
    const caption = plainText(childNamed(link, nar, 'description'), 'picture caption', notes);
    const alt = plainText(childNamed(link, nar, 'title'), 'picture title', notes) ?? (caption && firstSentence(caption));
    const credit = plainText(childNamed(link, nar, 'creditline'), 'picture credit', notes);
    found.push({ src, ...(alt && { alt }), ...(caption && { caption }), ...(credit && { credit }) });
  }
  if (found.length > 1) notes.push(`${found.length - 1} more linked picture${found.length === 2 ? '' : 's'} not imported (only the main image is)`);
  return found[0];
}
