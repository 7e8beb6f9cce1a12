/** HTML to body blocks: every element kind the converter maps, inline Markdown, and what it drops. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToBlocks, textToBlocks } from '../../src/import/html';
import { plainInline, renderInline } from '../../src/text/inline';
import { invalidBlocks, unsafeFields } from './safety';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const blocks = (html: string) => htmlToBlocks(html).blocks;
const one = (html: string) => {
  const [block, ...rest] = blocks(html);
  expect(rest).toEqual([]);
  return block;
};

describe('a whole article with every element kind', () => {
  const { blocks: body, notes } = htmlToBlocks(fixture('article.html'));

  test('gives these blocks, in order', () => {
    expect(body.map((block) => block.type)).toEqual([
      'heading', 'paragraph', 'paragraph', 'heading', 'list', 'heading', 'quote', 'quote', 'quote', 'image', 'image', 'gallery',
      'paragraph', 'image', 'paragraph', 'table', 'code', 'divider', 'embed', 'embed', 'embed', 'embed', 'embed', 'paragraph',
    ]);
  });

  test('with the words, links and emphasis of the source', () => {
    expect(body[0]).toEqual({ type: 'heading', text: 'The first silent crossing' });
    expect(body[1]).toEqual({ type: 'paragraph', text: 'The ferry made its *first* silent crossing on **Monday**, [the council said](https://example.org/council). Tickets cost 2\\*3\u00a0crowns & <more>.' });
    expect(renderInline((body[1] as { text: string }).text)).toBe(
      'The ferry made its <em>first</em> silent crossing on <strong>Monday</strong>, <a href="https://example.org/council" rel="noopener noreferrer">the council said</a>. Tickets cost 2*3\u00a0crowns &amp; &lt;more&gt;.',
    );
    expect(body[2]).toEqual({ type: 'paragraph', text: 'Write to [the desk](mailto:desk@example.org) or read [the older story](/articles/older-story).' });
  });

  test('lists nest, quotes keep their attribution, figures their caption and credit', () => {
    expect(body[4]).toEqual({ type: 'list', items: ['Quieter decks', { text: 'The same timetable', items: ['Mornings', 'Evenings'], ordered: true }] });
    expect(body.slice(6, 9)).toEqual([
      { type: 'quote', text: 'You can hear the gulls again.', attribution: 'A regular passenger' },
      { type: 'quote', text: 'We should have done this years ago.', attribution: 'The harbour master' },
      { type: 'quote', text: 'It is quieter.', attribution: 'Jane Doe, a deckhand' },
    ]);
    expect(body[9]).toEqual({ type: 'image', src: 'https://media.example.org/ferry.jpg', alt: 'The ferry at the quay', caption: 'The ferry at the quay.', credit: 'Photo: A. Name / Northwind' });
    expect(body[10]).toEqual({ type: 'image', src: 'cranes.jpg', alt: 'Cranes over the quay', caption: 'Cranes over the quay.', credit: 'Photo: B. Name' });
    expect(body[11]).toEqual({
      type: 'gallery',
      images: [
        { src: 'deck.jpg', alt: 'The upper deck', caption: 'The upper deck' },
        { src: 'https://media.example.org/bridge.jpg', alt: 'The bridge', caption: 'The bridge' },
      ],
      caption: 'On board',
    });
    expect(body.slice(12, 15)).toEqual([
      { type: 'paragraph', text: 'Before the table' },
      { type: 'image', src: 'chart.png', alt: 'A chart of fares' },
      { type: 'paragraph', text: 'after the chart.' },
    ]);
  });

  test('tables, code, dividers and embeds', () => {
    expect(body[15]).toEqual({ type: 'table', caption: 'Fares', header: ['Ticket', 'Price', 'Note'], rows: [['*Adult*', '30', 'per trip'], ['Child, under 12', '', 'free'], ['Bike', '5', '']] });
    expect(body[16]).toEqual({ type: 'code', text: 'def fare(age):\n    return 0 if age < 12 else 30\n', language: 'python' });
    expect(body[17]).toEqual({ type: 'divider' });
    expect(body.slice(18, 23)).toEqual([
      { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', title: 'The crossing, filmed from the bridge' },
      { type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/76979871/8272103f6e', title: 'Night crossing' },
      { type: 'embed', provider: 'x', url: 'https://x.com/harbourfan/status/1234567890123456789', title: 'The new ferry is so quiet!' },
      { type: 'embed', provider: 'instagram', url: 'https://www.instagram.com/p/C1a2B3c4D5e/' },
      { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=9bZkp7q19f0' },
    ]);
  });

  test('what is not content is dropped, and the notes say so', () => {
    expect(notes).toEqual([
      'flattened a table cell spanning several columns or rows',
      'dropped a <script> from platform.twitter.com',
      'dropped an <iframe> from ads.example.net',
      'dropped a <form> from example.org',
    ]);
    expect(JSON.stringify(body)).not.toMatch(/tracker|color: red|Subscribe/);
  });

  test('every block validates and prints no markup', () => {
    expect(invalidBlocks(body)).toEqual([]);
    expect(unsafeFields(body)).toEqual([]);
  });
});

describe('inline text', () => {
  test('Markdown characters in the source are escaped, so they show as written', () => {
    const block = one('<p>A *literal* asterisk, an_underscore, [brackets], a \\ backslash and `ticks`</p>');
    expect(block).toEqual({ type: 'paragraph', text: 'A \\*literal\\* asterisk, an\\_underscore, \\[brackets\\], a \\\\ backslash and \\`ticks\\`' });
    expect(plainInline((block as { text: string }).text)).toBe('A *literal* asterisk, an_underscore, [brackets], a \\ backslash and `ticks`');
  });
  test('a headline with an asterisk keeps it', () => {
    const heading = one('<h2>5 * 5 = 25</h2>') as { text: string };
    expect(plainInline(heading.text)).toBe('5 * 5 = 25');
  });
  test('entities are decoded once', () => {
    expect(one('<p>&amp;lt;b&amp;gt; &eacute; &#x263A; &nbsp;x</p>')).toEqual({ type: 'paragraph', text: '&lt;b&gt; é ☺ \u00a0x' });
  });
  test('whitespace collapses; empty paragraphs are dropped', () => {
    expect(blocks('<p>  a \n\t b  </p><p> </p><p>&nbsp;</p><p><span></span></p>')).toEqual([{ type: 'paragraph', text: 'a b' }]);
  });
  test('emphasis keeps its spaces outside, so it still parses', () => {
    expect(one('<p>a<em> b </em>c <b>d</b><i></i></p>')).toEqual({ type: 'paragraph', text: 'a *b* c **d**' });
  });
  test('<br> is a space; two in a row start a new paragraph', () => {
    expect(blocks('<p>one<br>two<br><br>three</p>')).toEqual([
      { type: 'paragraph', text: 'one two' },
      { type: 'paragraph', text: 'three' },
    ]);
  });
  test('links: http(s), mailto and site paths are kept, others are text (noted)', () => {
    const { blocks: body, notes } = htmlToBlocks(
      '<p><a href="//cdn.example.org/x">a</a> <a href="ftp://x.org/f">b</a> <a href="page.html">c</a> <a href="#top">d</a> <a href="https://x.org/a(b) c">e</a> <a>f</a></p>',
    );
    expect(body).toEqual([{ type: 'paragraph', text: '[a](https://cdn.example.org/x) b c d [e](https://x.org/a%28b%29%20c) f' }]);
    expect(notes).toEqual(['kept the text of a ftp: link, not the link', 'kept the text of a relative link, not the link', 'kept the text of a link to a part of the original page, not the link']);
    expect(renderInline((body[0] as { text: string }).text)).toContain('<a href="https://x.org/a%28b%29%20c" rel="noopener noreferrer">e</a>');
  });
  test('a link inside a link is its text; <q> gets quotation marks; <sup> digits are superscript ones; other inline elements give their text', () => {
    expect(one('<p><a href="/a">x <a href="/b">y</a></a> <q>quoted</q> <abbr title="t">UN</abbr> <sup>2</sup><code>c_d</code></p>')).toEqual({
      type: 'paragraph',
      text: '[x y](/a) "quoted" UN ²c\\_d',
    });
  });
  test('text between blocks, in containers of any kind, becomes paragraphs', () => {
    expect(blocks('loose <b>text</b><div>in a div<section><p>deeper</p></section></div><custom-el>custom</custom-el>')).toEqual([
      { type: 'paragraph', text: 'loose **text**' },
      { type: 'paragraph', text: 'in a div' },
      { type: 'paragraph', text: 'deeper' },
      { type: 'paragraph', text: 'custom' },
    ]);
  });
});

describe('headings', () => {
  test('h1 to h6 are sub-headings, as plain words', () => {
    expect(blocks('<h1>One</h1><h2>Two <em>em</em></h2><h3>Three <a href="https://x.org">link</a></h3><h4>Four</h4><h5>Five</h5><h6>Six</h6><h2> </h2>')).toEqual(
      ['One', 'Two em', 'Three link', 'Four', 'Five', 'Six'].map((text) => ({ type: 'heading', text })),
    );
  });
});

describe('lists', () => {
  test('ordered and unordered, with loose text and a list right inside a list', () => {
    expect(one('<ol><li>a</li>loose<li></li></ol>')).toEqual({ type: 'list', items: ['a', 'loose'], ordered: true });
    expect(one('<ul><li>a</li><ul><li>b</li></ul></ul>')).toEqual({ type: 'list', items: [{ text: 'a', items: ['b'] }] });
  });
  test('an item made of paragraphs reads as one line; an item with no text lends its list to its parent', () => {
    expect(one('<ul><li><p>first</p><p>second</p></li><li><ul><li>hoisted</li></ul></li></ul>')).toEqual({ type: 'list', items: ['first second', 'hoisted'] });
  });
  test('four levels nest; deeper items join the fourth level (noted)', () => {
    const { blocks: body, notes } = htmlToBlocks('<ul><li>1<ul><li>2<ol><li>3<ul><li>4<ul><li>5<ul><li>6</li></ul></li></ul></li></ul></li></ol></li></ul></li></ul>');
    expect(body).toEqual([{ type: 'list', items: [{ text: '1', items: [{ text: '2', items: [{ text: '3', items: ['4', '5', '6'] }], ordered: true }] }] }]);
    expect(notes).toEqual(['flattened a list nested deeper than 4 levels (×2)']);
    expect(invalidBlocks(body)).toEqual([]);
  });
  test('a picture in an item comes after the list', () => {
    const { blocks: body, notes } = htmlToBlocks('<ul><li>a <img src="a.jpg" alt="A"></li></ul>');
    expect(body).toEqual([{ type: 'list', items: ['a'] }, { type: 'image', src: 'a.jpg', alt: 'A' }]);
    expect(notes).toEqual(['moved a picture or embed out of a list item to after the list']);
  });
});

describe('quotes', () => {
  test('attribution from <cite> closing the last paragraph, or a trailing dash line after <br>', () => {
    expect(one('<blockquote><p>Words, said <cite>Ada Lane</cite></p></blockquote>')).toEqual({ type: 'quote', text: 'Words, said', attribution: 'Ada Lane' });
    expect(one('<blockquote>Line one<br>line two<br>-- Ada Lane</blockquote>')).toEqual({ type: 'quote', text: 'Line one line two', attribution: 'Ada Lane' });
    expect(one('<blockquote><p>No one said it.</p></blockquote>')).toEqual({ type: 'quote', text: 'No one said it.' });
  });
  test('a <cite> inside the text is the title of a work, not the attribution', () => {
    expect(one('<blockquote><p>As <cite>Hamlet</cite> has it, words.</p></blockquote>')).toEqual({ type: 'quote', text: 'As *Hamlet* has it, words.' });
  });
  test('a quote in a figure takes the figcaption as its attribution', () => {
    expect(one('<figure><blockquote><p>Fair winds.</p></blockquote><figcaption>— The harbour master</figcaption></figure>')).toEqual({ type: 'quote', text: 'Fair winds.', attribution: 'The harbour master' });
  });
});

describe('pictures', () => {
  test('credit from the caption: a credit element, "Photo: X", "(AP Photo/X)" or "© X"', () => {
    const figure = (caption: string) => one(`<figure><img src="a.jpg" alt="A"><figcaption>${caption}</figcaption></figure>`);
    expect(figure('Quay <span class="photo-credit">Jane Roe</span>')).toEqual({ type: 'image', src: 'a.jpg', alt: 'A', caption: 'Quay', credit: 'Jane Roe' });
    expect(figure('The quay at dawn (AP Photo/Jane Roe)')).toEqual({ type: 'image', src: 'a.jpg', alt: 'A', caption: 'The quay at dawn', credit: 'AP Photo/Jane Roe' });
    expect(figure('The quay | Illustration: Studio X')).toEqual({ type: 'image', src: 'a.jpg', alt: 'A', caption: 'The quay', credit: 'Illustration: Studio X' });
    expect(figure('The quay © Northwind 2026')).toEqual({ type: 'image', src: 'a.jpg', alt: 'A', caption: 'The quay', credit: '© Northwind 2026' });
    expect(figure('The quay, photographed at dawn')).toEqual({ type: 'image', src: 'a.jpg', alt: 'A', caption: 'The quay, photographed at dawn' });
  });
  test('lazy loading: the real source behind a data: placeholder, or the widest of a srcset', () => {
    expect(one('<img src="data:image/gif;base64,R0lGOD" data-src="real.jpg" alt="R">')).toEqual({ type: 'image', src: 'real.jpg', alt: 'R' });
    expect(one('<img srcset="s.jpg 480w, l.jpg 1200w, m.jpg 800w" alt="L">')).toEqual({ type: 'image', src: 'l.jpg', alt: 'L' });
    expect(one('<picture><source srcset="p.webp 1x, p2.webp 2x"><img src="p.jpg" alt="P"></picture>')).toEqual({ type: 'image', src: 'p.jpg', alt: 'P' });
    expect(one('<picture><source srcset="a.webp 400w, b.webp 900w"></picture>')).toEqual({ type: 'image', src: 'b.webp', alt: 'Image' });
  });
  test('alt text: the image\'s own, else its caption, else "Image" (noted)', () => {
    const { blocks: body, notes } = htmlToBlocks('<figure><img src="a.jpg"><figcaption>The quay</figcaption></figure><img src="b.jpg">');
    expect(body).toEqual([
      { type: 'image', src: 'a.jpg', alt: 'The quay', caption: 'The quay' },
      { type: 'image', src: 'b.jpg', alt: 'Image' },
    ]);
    expect(notes).toEqual(['an image without alt text: its caption is its alt text', 'an image without alt text or caption: its alt text is "Image"']);
  });
  test('images that cannot be had are dropped and noted', () => {
    const { blocks: body, notes } = htmlToBlocks('<img src="javascript:alert(1)" alt="x"><img src="data:image/png;base64,AAAA" alt="y"><img alt="z"><img src="pixel.gif" width="1" height="1">');
    expect(body).toEqual([]);
    expect(notes).toEqual(['dropped an image with a javascript: source', 'dropped an image inlined as a data: URL', 'dropped an image without a source', 'dropped a 1×1 tracking image']);
  });
  test('galleries: figures with several images, containers named gallery, WordPress captions', () => {
    expect(one('<figure><img src="a.jpg" alt="A"><img src="b.jpg" alt="B"><figcaption>Two views. Photos: Jane Roe</figcaption></figure>')).toEqual({
      type: 'gallery',
      images: [
        { src: 'a.jpg', alt: 'A', credit: 'Photos: Jane Roe' },
        { src: 'b.jpg', alt: 'B', credit: 'Photos: Jane Roe' },
      ],
      caption: 'Two views.',
    });
    expect(one('<ul class="gallery"><li><img src="a.jpg" alt="A"><span class="caption">First</span></li><li><img src="b.jpg" alt="B"></li></ul>')).toEqual({
      type: 'gallery',
      images: [{ src: 'a.jpg', alt: 'A', caption: 'First' }, { src: 'b.jpg', alt: 'B' }],
    });
    expect(one('<div class="wp-caption"><img src="w.jpg" alt="W"><p class="wp-caption-text">Caption text</p></div>')).toEqual({ type: 'image', src: 'w.jpg', alt: 'W', caption: 'Caption text' });
  });
  test('a figure without a picture is its content', () => {
    expect(blocks('<figure><p>Just words</p><figcaption>and a caption</figcaption></figure>')).toEqual([
      { type: 'paragraph', text: 'Just words' },
      { type: 'paragraph', text: 'and a caption' },
    ]);
    expect(one('<figure><table><tr><td>a</td><td>b</td></tr></table><figcaption>Table 1</figcaption></figure>')).toEqual({ type: 'table', caption: 'Table 1', rows: [['a', 'b']] });
    expect(one('<figure><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe><figcaption>The video</figcaption></figure>')).toEqual({
      type: 'embed',
      provider: 'youtube',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      title: 'The video',
    });
  });
});

describe('tables', () => {
  test('a first row of <th> is the header; rowspan and colspan are flattened; ragged rows are padded', () => {
    const { blocks: body, notes } = htmlToBlocks('<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td rowspan="2">x</td><td colspan="2">y</td></tr><tr><td>z</td></tr><tr><td>1</td></tr></table>');
    expect(body).toEqual([{ type: 'table', header: ['a', 'b', 'c'], rows: [['x', 'y', ''], ['', 'z', ''], ['1', '', '']] }]);
    expect(notes).toEqual(['flattened a table cell spanning several columns or rows']);
  });
  test('a table of header rows only has rows; empty rows go; a one-cell table is layout', () => {
    expect(one('<table><thead><tr><th>only</th><th>head</th></tr></thead><tr><td></td><td> </td></tr></table>')).toEqual({ type: 'table', rows: [['only', 'head']] });
    expect(blocks('<table><tr><td><p>Laid out</p><p>with a table</p></td></tr></table>')).toEqual([
      { type: 'paragraph', text: 'Laid out' },
      { type: 'paragraph', text: 'with a table' },
    ]);
  });
  test('a table in a cell is that cell\'s text; a picture in a cell is dropped; an empty table is dropped', () => {
    const { blocks: body, notes } = htmlToBlocks('<table><tr><td><table><tr><td>inner</td><td>table</td></tr></table></td><td><img src="a.jpg" alt="A">b</td></tr></table><table><tr><td></td></tr><tr><td></td></tr></table>');
    expect(body).toEqual([{ type: 'table', rows: [['inner table', 'b']] }]);
    expect(notes).toEqual(['dropped a picture or embed inside a table cell', 'dropped an empty table']);
  });
  test('huge spans are capped and wide tables cut', () => {
    const { blocks: body, notes } = htmlToBlocks(`<table><tr><td colspan="100000000">wide</td><td>next</td></tr><tr><td rowspan="99999999">tall</td></tr></table>`);
    const table = body[0] as { rows: string[][] };
    expect(table.rows.every((row) => row.length === 50)).toBe(true);
    expect(table.rows.length).toBe(2);
    expect(notes).toContain('cut a table wider than 50 columns to 50');
  });
});

describe('code and dividers', () => {
  test('whitespace is kept exactly, the language comes from class="language-x" or "lang-x"', () => {
    expect(one('<pre class="lang-sh">  two  spaces\n\ttab<br>line &amp; more</pre>')).toEqual({ type: 'code', text: '  two  spaces\n\ttab\nline & more', language: 'sh' });
    expect(one('<pre><code><span class="k">let</span> x = "<b>";</code></pre>')).toEqual({ type: 'code', text: 'let x = "";' });
    expect(blocks('<pre>   </pre>')).toEqual([]);
  });
  test('repeated, opening and closing dividers go', () => {
    expect(blocks('<hr><p>a</p><hr><hr><p>b</p><hr>')).toEqual([{ type: 'paragraph', text: 'a' }, { type: 'divider' }, { type: 'paragraph', text: 'b' }]);
  });
});

describe('embeds', () => {
  test.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://m.youtube.com/shorts/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['http://youtu.be/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://vimeo.com/channels/staffpicks/76979871', 'vimeo', 'https://vimeo.com/76979871'],
    ['https://player.vimeo.com/video/76979871', 'vimeo', 'https://vimeo.com/76979871'],
    ['https://mobile.twitter.com/someone/status/20', 'x', 'https://x.com/someone/status/20'],
    ['https://x.com/someone/status/20/photo/1', 'x', 'https://x.com/someone/status/20'],
    ['https://platform.twitter.com/embed/Tweet.html?id=20', 'x', 'https://x.com/i/status/20'],
    ['https://instagram.com/reel/Cabc123_-x/embed', 'instagram', 'https://www.instagram.com/reel/Cabc123_-x/'],
    ['https://www.instagram.com/someone/p/Cabc123/', 'instagram', 'https://www.instagram.com/p/Cabc123/'],
  ])('%s is a %s embed', (url, provider, canonical) => {
    expect(one(`<p>${url}</p>`)).toEqual({ type: 'embed', provider, url: canonical });
    expect(one(`<iframe src="${url}"></iframe>`)).toEqual({ type: 'embed', provider, url: canonical });
  });
  test.each(['https://www.youtube.com/watch?v=short', 'https://vimeo.com/about', 'https://x.com/someone', 'https://example.org/watch?v=dQw4w9WgXcQ', 'javascript:alert(1)//youtu.be/dQw4w9WgXcQ'])('%s is not an embed', (url) => {
    expect(one(`<p>${url}</p>`)?.type).toBe('paragraph');
  });
  test('a link whose text is the URL, alone in a paragraph, is the embed; a URL in a sentence is text', () => {
    expect(one('<p><a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a></p>')?.type).toBe('embed');
    expect(one('<p>Watch https://youtu.be/dQw4w9WgXcQ now</p>')?.type).toBe('paragraph');
  });
  test('an embed blockquote without the post\'s link is a quote', () => {
    expect(one('<blockquote class="twitter-tweet"><p>No link here</p></blockquote>')).toEqual({ type: 'quote', text: 'No link here' });
  });
  test('other iframes, objects, embeds, videos, audio, scripts, styles, forms and frames are dropped, each noted', () => {
    const { blocks: body, notes } = htmlToBlocks(
      '<p>a<iframe src="https://maps.example.org/embed"></iframe><object data="https://x.example/f.swf"></object><embed src="f.swf"><video src="v.mp4"></video><audio src="a.mp3"></audio></p>' +
        '<script>1</script><script>2</script><style>p{}</style><noscript>n</noscript><template><p>t</p></template><svg><text>s</text></svg><select><option>o</option></select><textarea>t</textarea><frameset></frameset><canvas>c</canvas><math><mi>x</mi></math>',
    );
    expect(body).toEqual([{ type: 'paragraph', text: 'a' }]);
    expect(notes).toEqual([
      'dropped an <iframe> from maps.example.org',
      'dropped an <object> from x.example',
      'dropped an <embed>',
      'dropped a <video>',
      'dropped an <audio>',
      'dropped a <script> (×2)',
      'dropped a <style>',
      'dropped a <noscript>',
      'dropped a <template>',
      'dropped a <svg>',
      'dropped a <select>',
      'dropped a <textarea>',
      'dropped a <frameset>',
      'dropped a <canvas>',
      'dropped a <math>',
    ]);
  });
});

describe('plain text', () => {
  test('blank lines separate paragraphs; without any, each line is one; a URL alone is an embed', () => {
    expect(textToBlocks('First line\nstill first.\n\n  \nSecond *one*.\r\n\r\nhttps://youtu.be/dQw4w9WgXcQ').blocks).toEqual([
      { type: 'paragraph', text: 'First line still first.' },
      { type: 'paragraph', text: 'Second \\*one\\*.' },
      { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
    ]);
    expect(textToBlocks('one\ntwo\n').blocks).toEqual([
      { type: 'paragraph', text: 'one' },
      { type: 'paragraph', text: 'two' },
    ]);
  });
});

describe('scripts, struck-out text and definition lists', () => {
  test('superscripts and subscripts become Unicode ones when every character has one, else stay as written', () => {
    expect(one('<p>H<sub>2</sub>O rose 10<sup>3</sup> times, x<sup>n+1</sup>; see note<sup>[1]</sup> and CO<sub>x</sub></p>')).toEqual({ type: 'paragraph', text: 'H₂O rose 10³ times, xⁿ⁺¹; see note\\[1\\] and COx' });
  });

  test('struck-out text is dropped (it would read as current), inserted text kept, and the drop noted', () => {
    const { blocks: out, notes } = htmlToBlocks('<p>The fare is <del>5</del> <ins>4</ins> euros, <s>not</s> today.</p>');
    expect(out).toEqual([{ type: 'paragraph', text: 'The fare is 4 euros, today.' }]);
    expect(notes.join('\n')).toMatch(/dropped struck-out text \(<del>\)/);
  });

  test("a definition list's terms lead in strong, its definitions follow as paragraphs", () => {
    expect(blocks('<dl><dt>Quay</dt><dd>Where boats tie up.</dd></dl>')).toEqual([
      { type: 'paragraph', text: '**Quay**' },
      { type: 'paragraph', text: 'Where boats tie up.' },
    ]);
  });
});
