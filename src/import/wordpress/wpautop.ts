/**
 * WordPress's wpautop(), ported: how a classic-editor post's text becomes
 * paragraphs when WordPress shows it. The classic editor stores no <p>:
 * a blank line is a paragraph break, a single newline a <br>, except inside
 * <pre> and around block-level elements (tables, lists, quotes, figures…),
 * which are left as they are. The steps and patterns follow
 * wp-includes/formatting.php (WordPress 6.x) one for one, minus the
 * <option>/<object>/<audio> tidying (those elements are dropped later
 * anyway); newlines inside tags are made spaces (WordPress hides and
 * restores them: to an HTML parser they are the same).
 *
 * Block-editor (Gutenberg) content is not passed through it: WordPress does
 * not either (do_blocks() removes the filter for content with blocks).
 */

const ALL_BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';

const BEFORE_BLOCK_OPEN = new RegExp(`(<${ALL_BLOCKS}[\\s/>])`, 'g');
const AFTER_BLOCK_CLOSE = new RegExp(`(</${ALL_BLOCKS}>)`, 'g');
const P_AROUND_BLOCK_TAG = new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'g');
const P_BEFORE_BLOCK_TAG = new RegExp(`<p>\\s*(</?${ALL_BLOCKS}[^>]*>)`, 'g');
const P_CLOSE_AFTER_BLOCK_TAG = new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*</p>`, 'g');
const BR_AFTER_BLOCK_TAG = new RegExp(`(</?${ALL_BLOCKS}[^>]*>)\\s*<br />`, 'g');

/** Tags and comments, whose newlines are not line breaks of the text. */
const TAGS_AND_COMMENTS = /<!--[\s\S]*?-->|<[^<>]*>/g;

export function wpautop(input: string): string {
  if (input.trim() === '') return '';
  let text = `${input}\n`;
  // <pre> is not touched: set aside and put back at the end.
  const pres: string[] = [];
  if (text.includes('<pre')) {
    const parts = text.split('</pre>');
    const last = parts.pop() ?? '';
    text = '';
    for (const part of parts) {
      const start = part.indexOf('<pre');
      if (start < 0) {
        text += part;
        continue;
      }
      text += `${part.slice(0, start)}<pre wp-pre-tag-${pres.length}></pre>`;
      pres.push(`${part.slice(start)}</pre>`);
    }
    text += last;
  }
  // (Not WordPress's: long runs of spaces collapsed, which HTML shows as one anyway, so the
  // whitespace patterns below stay linear on a hostile run of a million spaces.)
  text = text.replace(/[ \t]{16,}/g, ' ');
  text = text.replace(/<br\s*\/?>\s*<br\s*\/?>/g, '\n\n');
  text = text.replace(BEFORE_BLOCK_OPEN, '\n\n$1');
  text = text.replace(AFTER_BLOCK_CLOSE, '$1\n\n');
  text = text.replace(/(<hr\s*?\/?>)/g, '$1\n\n');
  text = text.replace(/\r\n?/g, '\n');
  text = text.replace(TAGS_AND_COMMENTS, (tag) => (tag.includes('\n') ? tag.replace(/\n/g, ' ') : tag));
  if (text.includes('<figcaption')) {
    text = text.replace(/\s*(<figcaption[^>]*>)/g, '$1');
    text = text.replace(/<\/figcaption>\s*/g, '</figcaption>');
  }
  text = text.replace(/\n\n+/g, '\n\n');
  let out = '';
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (paragraph === '') continue;
    out += `<p>${paragraph.replace(/^\n+|\n+$/g, '')}</p>\n`;
  }
  text = out;
  text = text.replace(/<p>\s*<\/p>/g, '');
  text = text.replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>');
  text = text.replace(P_AROUND_BLOCK_TAG, '$1');
  text = text.replace(/<p>(<li.+?)<\/p>/g, '$1');
  text = text.replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>');
  text = text.replaceAll('</blockquote></p>', '</p></blockquote>');
  text = text.replace(P_BEFORE_BLOCK_TAG, '$1');
  text = text.replace(P_CLOSE_AFTER_BLOCK_TAG, '$1');
  // Single newlines → <br />, except inside script, style, svg and math.
  text = text.replace(/<(script|style|svg|math)[\s\S]*?<\/\1>/g, (kept) => kept.replace(/\n/g, '<WPPreserveNewline />'));
  text = text.replace(/<br>|<br\/>/g, '<br />');
  text = text.replace(/(?<!<br \/>)\s*\n/g, '<br />\n');
  text = text.replaceAll('<WPPreserveNewline />', '\n');
  text = text.replace(BR_AFTER_BLOCK_TAG, '$1');
  text = text.replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/g, '$1');
  text = text.replace(/\n<\/p>$/, '</p>');
  if (pres.length) text = text.replace(/<pre wp-pre-tag-(\d+)><\/pre>/g, (_, n: string) => pres[Number(n)] ?? '');
  return text;
}
