/**
 * Hostile markup in, and no markup out: scripts, event handlers, script URLs
 * however spelt, mutation tricks, Markdown injection, absurd nesting and
 * attributes. Each produced block's text, printed as a page prints it, carries
 * no <script>, no on…= attribute, no javascript: URL and no tag but the inline
 * ones the site allows; every block validates.
 */
import fc from 'fast-check';
import { htmlToBlocks, nitfToBlocks, textToBlocks } from '../../src/import/html';
import { renderInline } from '../../src/text/inline';
import { texty } from '../helpers/arbitraries';
import { invalidBlocks, unsafeFields } from './safety';

const HOSTILE: [string, string][] = [
  ['a script', '<p>a</p><script>alert(1)</script><SCRIPT SRC=//x.example/x.js></SCRIPT><scr<script>ipt>alert(1)</script>'],
  ['event handlers', '<p onclick="alert(1)">p</p><img src=x onerror=alert(1)><svg onload=alert(1)><body onload=alert(1)><div onmouseover="alert(1)">d</div>'],
  ['javascript: links however spelt', '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="jav&#x09;ascript:alert(1)">c</a><a href="&#106;avascript:alert(1)">d</a><a href="java\nscript:alert(1)">e</a><a href="vbscript:x">f</a><a href="data:text/html;base64,PHNjcmlwdD4=">g</a>'],
  ['script URLs in images and frames', '<img src="javascript:alert(1)" alt="x"><iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe><object data="javascript:alert(1)"></object>'],
  ['entity tricks', '<p>&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; &amp;lt;b&amp;gt; &#0; &#x110000; &#xD800;</p>'],
  ['Markdown injection in text', '<p>[x](javascript:alert(1)) [y](&lt;javascript:alert(1)&gt;) ![i](javascript:alert(1)) &lt;http://x.example&gt; *[z](javascript:alert(1))* [a](/ "t" onmouseover=alert(1))</p>'],
  ['Markdown injection through link text and targets', '<p><a href="https://ok.example/">x](javascript:alert(1))</a> <a href="https://ok.example/)(javascript:alert(1)">y</a> <a href=\'https://ok.example/" onmouseover="alert(1)\'>z</a></p>'],
  ['mutation tricks', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math><noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><!--<img src=x onerror=alert(1)>--><![CDATA[<script>alert(1)</script>]]>'],
  ['styles with script', '<div style="background:url(javascript:alert(1))">s</div><style>@import "javascript:alert(1)";</style><link rel=stylesheet href="javascript:alert(1)">'],
  ['forms and frames', '<form action="javascript:alert(1)"><input onfocus=alert(1) autofocus><button formaction="javascript:alert(1)">b</button></form><frameset><frame src="javascript:alert(1)"></frameset>'],
  ['hostile text in every block kind', '<h2><img src=x onerror=alert(1)>&lt;script&gt;</h2><ul><li>&lt;b onclick=x&gt;</li></ul><blockquote>&lt;i&gt;<footer>&lt;script&gt;</footer></blockquote><figure><img src="a.jpg" alt="&quot;&gt;&lt;script&gt;"><figcaption>&lt;script&gt; <span class="credit">&lt;b&gt;</span></figcaption></figure><table><caption>&lt;script&gt;</caption><tr><td>&lt;img onerror=x&gt;</td></tr></table><pre>&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre>'],
];

describe('hostile HTML', () => {
  test.each(HOSTILE)('%s: no markup survives, every block validates', (_name, html) => {
    const { blocks } = htmlToBlocks(html);
    expect(unsafeFields(blocks)).toEqual([]);
    expect(invalidBlocks(blocks)).toEqual([]);
  });

  test('a script URL is never a link, in any spelling', () => {
    const { blocks, notes } = htmlToBlocks(HOSTILE[2]?.[1] as string);
    expect(blocks).toEqual([{ type: 'paragraph', text: 'abcdefg' }]);
    expect(notes).toEqual(['kept the text of a javascript: link, not the link (×5)', 'kept the text of a vbscript: link, not the link', 'kept the text of a data: link, not the link']);
  });

  test('Markdown written in the text stays text', () => {
    const { blocks } = htmlToBlocks(HOSTILE[5]?.[1] as string);
    const html = renderInline((blocks[0] as { text: string }).text);
    expect(html).not.toContain('<a');
    expect(html).toContain('[x](javascript:alert(1))');
    expect(html).toContain('&lt;http://x.example&gt;');
  });

  test('text that looks like a tag is text: markdown-it prints it escaped', () => {
    const { blocks } = htmlToBlocks('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(blocks).toEqual([{ type: 'paragraph', text: '<script>alert(1)</script>' }]);
    expect(renderInline((blocks[0] as { text: string }).text)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('markup nested 1000 elements deep is converted, flattened past 100 levels (noted)', () => {
    for (const [open, close] of [['<div>', '</div>'], ['<b>', '</b>'], ['<ul><li>', '</li></ul>'], ['<blockquote>', '</blockquote>'], ['<table><tr><td>', '</td></tr></table>'], ['<figure>', '</figure>'], ['<span><p>', '</p></span>']] as const) {
      const levels = Math.ceil(1000 / (open.match(/</g) ?? []).length);
      const { blocks, notes } = htmlToBlocks(`${open.repeat(levels)}deep words${close.repeat(levels)}`);
      expect(JSON.stringify(blocks)).toContain('deep words');
      expect(notes).toContain('flattened markup nested more than 100 levels deep to its text');
      expect(unsafeFields(blocks)).toEqual([]);
      expect(invalidBlocks(blocks)).toEqual([]);
    }
  });

  test('100,000 unclosed tags: reading stops at 2000 levels (noted), long before the parser would slow down', () => {
    const { blocks, notes } = htmlToBlocks(`<p>first</p>${'<div><span><em>'.repeat(100_000)}end`);
    expect(blocks).toEqual([{ type: 'paragraph', text: 'first' }]);
    expect(notes).toContain('stopped reading where the markup nests more than 2000 levels deep: the rest is left out');
  });

  test('huge attributes are dropped or cut', () => {
    const huge = 'a'.repeat(1_000_000);
    const { blocks, notes } = htmlToBlocks(`<img src="https://x.example/${huge}.jpg" alt="x"><img src="b.jpg" alt="${huge}"><p><a href="https://x.example/${huge}">link</a></p><iframe src="https://www.youtube.com/embed/${huge}"></iframe>`);
    expect(blocks).toEqual([
      { type: 'image', src: 'b.jpg', alt: `${'a'.repeat(499)}…` },
      { type: 'paragraph', text: 'link' },
    ]);
    expect(notes).toEqual(['dropped an image whose source is longer than 2048 characters', 'kept the text of a link longer than 2048 characters, not the link', 'dropped an <iframe> from www.youtube.com']);
  });

  test('hostile NITF and plain text too', () => {
    for (const converted of [
      nitfToBlocks('<body.content><p onclick="x">a<script>alert(1)</script></p><media><media-reference source="javascript:alert(1)"/></media><a href="javascript:alert(1)">l</a><bq><p>&lt;script&gt;</p><credit>&lt;b&gt;</credit></bq></body.content>'),
      textToBlocks('<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>'),
    ]) {
      expect(unsafeFields(converted.blocks)).toEqual([]);
      expect(invalidBlocks(converted.blocks)).toEqual([]);
    }
  });
});

/** Markup built from the tags, attributes and text hostile input uses, often not well formed. */
const TAGS = ['p', 'div', 'span', 'a', 'em', 'strong', 'b', 'i', 'img', 'br', 'hr', 'h1', 'h2', 'h6', 'ul', 'ol', 'li', 'blockquote', 'cite', 'footer', 'figure', 'figcaption', 'table', 'tr', 'td', 'th', 'thead', 'caption', 'pre', 'code', 'iframe', 'script', 'style', 'svg', 'math', 'object', 'form', 'input', 'noscript', 'template', 'textarea', 'title', 'picture', 'source', 'q', 'media', 'media-reference', 'bq', 'hl2', 'x-custom'];
const ATTRIBUTES = ['href', 'src', 'alt', 'title', 'class', 'onclick', 'onerror', 'style', 'srcset', 'data-src', 'colspan', 'rowspan', 'source', 'data-instgrm-permalink'];
const VALUES = fc.oneof(
  texty,
  fc.constantFrom('javascript:alert(1)', ' jav&#x61;script:alert(1)', 'data:text/html,<script>alert(1)</script>', 'https://www.youtube.com/embed/dQw4w9WgXcQ', 'https://twitter.com/a/status/1', 'twitter-tweet', 'instagram-media', 'gallery', 'credit', 'language-js', '99999999', '-1', 'x.jpg', '//x.example/y', '"><script>alert(1)</script>', "' onmouseover='alert(1)"),
);
const TEXT = fc.oneof(texty, fc.constantFrom('<script>alert(1)</script>', '&lt;script&gt;', '[x](javascript:alert(1))', '*', '**', '_', '\\', '`', '&', '&amp;', '&#106;', '— Name', 'https://youtu.be/dQw4w9WgXcQ', '<', '>', '<!--', ']]>', '<![CDATA['));

const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    TEXT,
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTES), VALUES), { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
      .map(([tag, attrs, children, closed]) => `<${tag}${attrs.map(([name, value]) => ` ${name}="${value}"`).join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`),
  ),
})).node;

describe('property: any markup', () => {
  test('htmlToBlocks never throws, and never yields markup or an invalid block', () => {
    fc.assert(
      fc.property(fc.oneof(markup, fc.string({ maxLength: 200 }), fc.string({ unit: fc.constantFrom('<', '>', '/', 'a', 'p', '=', '"', ' ', '&', ';', '#', '*', '[', ']', '(', ')', 'img', 'script', 'on') , maxLength: 60 })), (html) => {
        const { blocks, notes } = htmlToBlocks(html);
        expect(unsafeFields(blocks)).toEqual([]);
        expect(invalidBlocks(blocks)).toEqual([]);
        expect(notes.every((note) => typeof note === 'string')).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  test('nitfToBlocks likewise', () => {
    fc.assert(
      fc.property(markup, (xml) => {
        const { blocks } = nitfToBlocks(`<body.content>${xml}</body.content>`);
        expect(unsafeFields(blocks)).toEqual([]);
        expect(invalidBlocks(blocks)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
