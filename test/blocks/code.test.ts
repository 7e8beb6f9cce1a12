/** The code block: printed exactly as written (whitespace and newlines), escaped, in a box that scrolls on its own. */
import { feedOf, HOSTILE, htmlOf, problemsOf, resolved, textsOf } from './block-kit';

const SOURCE = 'def crossings(month):\n\treturn  [t for t in TIMETABLE\n            if t.month == month]\n\n';

test.each<[string, object, string[]]>([
  ['no text', { type: 'code' }, ['body[3].text: is required but missing']],
  ['blank text', { type: 'code', text: ' \n\t ' }, ['body[3].text: must not be empty']],
  ['text that is not a string', { type: 'code', text: ['x'] }, ['body[3].text: must be the code, as text']],
  ['a language with spaces', { type: 'code', text: 'x', language: 'visual basic' }, ['body[3].language: must be a short language name such as "python", "json" or "c++"']],
  ['an overlong language', { type: 'code', text: 'x', language: 'x'.repeat(25) }, ['body[3].language: must be a short language name such as "python", "json" or "c++"']],
])('%s is refused with its field named', (_name, record, expected) => {
  expect(problemsOf(record)).toEqual(expected);
});

test('whitespace and newlines are kept exactly, on the page, in the feed and in the record', () => {
  const record = { type: 'code', text: SOURCE, language: 'python' };
  expect(resolved(record)).toEqual(record);
  expect(htmlOf(record)).toBe(`<div class="scroll-box code" role="region" tabindex="0" aria-label="Code (python)"><pre class="code__pre"><code class="language-python">${SOURCE.replace(/>/g, '&gt;')}</code></pre></div>\n`);
  expect(feedOf(record)).toBe(`<pre><code>${SOURCE.replace(/>/g, '&gt;')}</code></pre>`);
});

test('a text starting with a newline keeps it (the newline the HTML parser drops after <pre> is not ours)', () => {
  expect(htmlOf({ type: 'code', text: '\nfirst' })).toContain('<pre class="code__pre"><code>\nfirst</code></pre>');
});

test('without a language: no class, and the box is called "Code"', () => {
  const html = htmlOf({ type: 'code', text: 'x = 1' });
  expect(html).toContain('aria-label="Code"');
  expect(html).toContain('<code>x = 1</code>');
});

test('search text is the words on one line', () => {
  expect(textsOf({ type: 'code', text: SOURCE })).toEqual(['def crossings(month): return [t for t in TIMETABLE if t.month == month]']);
});

test('hostile text is printed as text, on the page and in the feed; a hostile language cannot be written', () => {
  for (const html of [htmlOf({ type: 'code', text: HOSTILE }), feedOf({ type: 'code', text: HOSTILE })]) {
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(');
  }
  expect(problemsOf({ type: 'code', text: 'x', language: '"><script>' })).toHaveLength(1);
});
