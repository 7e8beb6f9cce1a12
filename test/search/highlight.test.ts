/** The highlighter: escapes first, marks only matched words, never copies the query. */
import { escapeHtml } from '../../src/text/inline';
import { excerpt, firstMatch, highlight } from '../../src/search/highlight';

describe('highlight', () => {
  test('marks matched words, case- and accent-insensitively, keeping the text as written', () => {
    expect(highlight('Ferries leave Zürich at noon', ['ferries', 'zurich'])).toBe('<mark>Ferries</mark> leave <mark>Zürich</mark> at noon');
  });

  test('marks whole words only, not parts of words', () => {
    expect(highlight('spring and springer', ['spring'])).toBe('<mark>spring</mark> and springer');
  });

  test('escapes <script> in the text, matched or not', () => {
    const html = highlight('Before <script>alert(1)</script> & "after"', ['script', 'alert']);
    expect(html).not.toContain('<script');
    expect(html).toBe('Before &lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt; &amp; &quot;after&quot;');
  });

  test('hostile terms (from a query) cannot inject markup: only the text is output', () => {
    const html = highlight('Plain text about harbours', ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'harbours']);
    expect(html).toBe('Plain text about <mark>harbours</mark>');
  });

  test('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('no terms: the text escaped, nothing marked', () => {
    expect(highlight('a <b> c', [])).toBe('a &lt;b&gt; c');
  });

  test('firstMatch finds the offset of the first matched word', () => {
    expect(firstMatch('one two three', ['three', 'two'])).toBe(4);
    expect(firstMatch('one two three', ['four'])).toBe(-1);
  });
});

describe('excerpt', () => {
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `word${from + i}`).join(' ');
  const long = `${words(0, 60)} Khabarovsk ${words(60, 120)}`;

  test('short text is returned whole, highlighted', () => {
    expect(excerpt('A short <b> text about Khabarovsk.', ['khabarovsk'])).toBe('A short &lt;b&gt; text about <mark>Khabarovsk</mark>.');
  });

  test('a window of about 200 characters around the first match, cut at word boundaries, with ellipses', () => {
    const html = excerpt(long, ['khabarovsk']);
    expect(html).toContain('<mark>Khabarovsk</mark>');
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    const text = html.replace(/<\/?mark>/g, '').replace(/^… | …$/g, '');
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text.length).toBeGreaterThan(150);
    // Whole words only at both ends.
    expect(text).toMatch(/^word\d+ /);
    expect(text).toMatch(/ word\d+$/);
    for (const w of text.split(' ')) expect(long.split(' ')).toContain(w);
  });

  test('a match near the start gives a window from the start, without a leading ellipsis', () => {
    const html = excerpt(`Khabarovsk ${words(0, 100)}`, ['khabarovsk']);
    expect(html.startsWith('<mark>Khabarovsk</mark> word0')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
  });

  test('a match near the end gives a window reaching the end, without a trailing ellipsis', () => {
    const html = excerpt(`${words(0, 100)} Khabarovsk`, ['khabarovsk']);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith('<mark>Khabarovsk</mark>')).toBe(true);
  });

  test('no match: the start of the text', () => {
    expect(excerpt(long, ['absent']).startsWith('word0 word1')).toBe(true);
  });

  test('escapes hostile text inside the window and never splits a surrogate pair', () => {
    const text = `${'😀'.repeat(150)} <script>alert(1)</script> Khabarovsk ${'😀'.repeat(150)}`;
    const html = excerpt(text, ['khabarovsk']);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});
