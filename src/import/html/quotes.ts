/**
 * `<blockquote>` (and NITF `<bq>`) → a quote block. The attribution is a
 * `<footer>` or `<cite>` of the quote's own (a `<cite>` closing its last
 * paragraph counts), NITF's `<credit>`, or a last line starting with a dash
 * ("— Name"). Several paragraphs join into one text; pictures in a quote come
 * out after it.
 *
 * The embed codes of X (Twitter) and Instagram are blockquotes too
 * (`class="twitter-tweet"`, `class="instagram-media"`): they become embed
 * blocks, the post's first paragraph its title.
 */
import { plainInline } from '../../text/inline';
import type { ImportedBlock, ListEntry } from './blocks';
import type { Ctx } from './context';
import { attr, capped, classes, descendants, isEl, plainText, type El, type Node } from './dom';
import { embedOf } from './embeds';
import { escapeMarkdown } from './inline';

const MAX_TITLE = 200;

function socialEmbed(el: El): ImportedBlock | undefined {
  const names = classes(el);
  const x = names.some((name) => name === 'twitter-tweet' || name === 'twitter-video');
  const instagram = names.includes('instagram-media');
  if (!x && !instagram) return undefined;
  const urls = [attr(el, 'data-instgrm-permalink'), ...[...descendants(el)].filter((child) => child.name === 'a').map((a) => attr(a, 'href'))];
  const embeds = urls.flatMap((url) => {
    const embed = url ? embedOf(url) : undefined;
    return embed && embed.provider === (x ? 'x' : 'instagram') ? [embed] : [];
  });
  // A tweet's embed code links the people it mentions first and the tweet itself last.
  const embed = x ? embeds[embeds.length - 1] : embeds[0];
  if (!embed) return undefined;
  const firstParagraph = el.children.find((child): child is El => isEl(child) && child.name === 'p');
  const title = x && firstParagraph ? capped(plainText(firstParagraph), MAX_TITLE) : '';
  return { type: 'embed', ...embed, ...(title && { title }) };
}

const DASHED = /^\s*(?:[—–―]|--?)\s*(\S.*)$/su;

/** The quote's attribution element(s) and the rest of its content. */
function attributionOf(el: El): { attribution?: string; content: Node[] } {
  const own = el.children.find((child): child is El => isEl(child) && (child.name === 'footer' || child.name === 'cite' || child.name === 'credit'));
  if (own) return { attribution: plainText(own), content: el.children.filter((child) => child !== own) };
  // <p>… <cite>Name</cite></p> as the quote's last paragraph.
  const paragraphs = el.children.filter((child): child is El => isEl(child) && child.name === 'p');
  const last = paragraphs[paragraphs.length - 1];
  const tail = last?.children.filter((child) => isEl(child) || /\S/.test(child));
  const cite = tail?.[tail.length - 1];
  if (last && cite && isEl(cite) && cite.name === 'cite' && tail && tail.length > 1) {
    const trimmed: El = { ...last, children: last.children.filter((child) => child !== cite) };
    return { attribution: plainText(cite), content: el.children.map((child) => (child === last ? trimmed : child)) };
  }
  return { content: el.children };
}

function textsOf(block: ImportedBlock): string[] {
  if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote') return [block.text];
  if (block.type === 'list') return block.items.flatMap(entryTexts);
  return [];
}

const entryTexts = (entry: ListEntry): string[] => (typeof entry === 'string' ? [entry] : [entry.text, ...entry.items.flatMap(entryTexts)]);

export function quoteBlocks(el: El, ctx: Ctx, out: ImportedBlock[]): void {
  const embed = socialEmbed(el);
  if (embed) {
    out.push(embed);
    return;
  }
  const found = attributionOf(el);
  const inner: ImportedBlock[] = [];
  ctx.walk(found.content, inner, { splitBreaks: true });
  let attribution = found.attribution?.replace(/^[—–―-]+\s*/u, '').trim();
  const textual = inner.filter((block) => textsOf(block).length > 0);
  const others = inner.filter((block) => textsOf(block).length === 0);
  const last = textual[textual.length - 1];
  if (!attribution && last?.type === 'paragraph' && textual.length > 1) {
    const dashed = DASHED.exec(plainInline(last.text));
    if (dashed?.[1]) {
      attribution = dashed[1].trim();
      textual.pop();
    }
  }
  const text = textual.flatMap(textsOf).join(' ').trim();
  if (text) out.push({ type: 'quote', text, ...(attribution && { attribution }) });
  else if (attribution) out.push({ type: 'paragraph', text: escapeMarkdown(attribution) });
  out.push(...others);
}
