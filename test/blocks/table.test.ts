/** The table block: cells of inline Markdown, every row as wide as the header, a box that scrolls on its own. */
import { feedOf, HOSTILE, htmlOf, problemsOf, textsOf } from './block-kit';

const TABLE = {
  type: 'table',
  caption: 'Ferry crossings by month',
  header: ['Month', 'Crossings', 'On *time*'],
  rows: [
    ['January', '1,204', '96%'],
    ['February', '', '[see note](/articles/other)'],
  ],
};

describe('validation names the field and says what is wrong', () => {
  test.each<[string, object, string[]]>([
    ['no rows', { type: 'table', rows: [] }, ['body[3].rows: must have at least one row']],
    ['rows missing', { type: 'table' }, ['body[3].rows: is required but missing']],
    ['an empty row', { type: 'table', rows: [['a'], []] }, ['body[3].rows[1]: must have at least one cell']],
    ['a row shorter than the header', { ...TABLE, rows: [['a', 'b', 'c'], ['a', 'b', 'c'], ['a', 'b']] }, ['body[3].rows[2]: has 2 cells, but the header has 3: every row needs the same number of cells']],
    ['a row longer than the first', { type: 'table', rows: [['a'], ['b', 'c']] }, ['body[3].rows[1]: has 2 cells, but the first row has 1: every row needs the same number of cells']],
    ['an empty header', { ...TABLE, header: [] }, ['body[3].header: must have at least one cell']],
    ['a blank header cell', { ...TABLE, header: ['Month', ' ', 'On time'] }, ['body[3].header[1]: must not be empty']],
    ['a cell that is not text', { type: 'table', rows: [['a', 2]] }, ['body[3].rows[0][1]: must be text (inline Markdown)']],
    ['an empty caption', { ...TABLE, caption: '' }, ['body[3].caption: must not be empty']],
    ['a stray field', { ...TABLE, footer: ['x'] }, ['body[3].footer: is not a known field (check its spelling)']],
  ])('%s', (_name, record, expected) => {
    expect(problemsOf(record)).toEqual(expected);
  });

  test('a table as written is accepted; body cells may be empty', () => {
    expect(problemsOf(TABLE)).toEqual([]);
    expect(problemsOf({ type: 'table', rows: [['only']] })).toEqual([]);
  });
});

test('the page: a named, focusable box that scrolls; caption; column headers; inline Markdown in cells', () => {
  const html = htmlOf(TABLE);
  expect(html).toMatch(/^<div class="scroll-box table" role="region" tabindex="0" aria-label="Ferry crossings by month">/);
  expect(html).toContain('<caption class="table__caption">Ferry crossings by month</caption>');
  expect(html).toContain('<thead><tr><th scope="col">Month</th><th scope="col">Crossings</th><th scope="col">On <em>time</em></th></tr></thead>');
  expect(html).toContain('<tr><td>February</td><td></td><td><a href="/articles/other">see note</a></td></tr>');
});

test('without a caption the box is called "Table" and there is no <caption> or <thead>', () => {
  const html = htmlOf({ type: 'table', rows: [['a', 'b']] });
  expect(html).toContain('aria-label="Table"');
  expect(html).not.toMatch(/<caption|<thead/);
});

test('the feed: a plain table, no classes, absolute links', () => {
  expect(feedOf(TABLE)).toBe(
    '<table><caption>Ferry crossings by month</caption><thead><tr><th scope="col">Month</th><th scope="col">Crossings</th><th scope="col">On <em>time</em></th></tr></thead>' +
      '<tbody><tr><td>January</td><td>1,204</td><td>96%</td></tr><tr><td>February</td><td></td><td><a href="https://news.example.test/articles/other">see note</a></td></tr></tbody></table>',
  );
});

test('search text: the caption, then one line per row, Markdown gone', () => {
  expect(textsOf(TABLE)).toEqual(['Ferry crossings by month', 'Month · Crossings · On time', 'January · 1,204 · 96%', 'February · see note']);
});

test('hostile text in the caption, header and cells is printed as text, on the page and in the feed', () => {
  const record = { type: 'table', caption: HOSTILE, header: [HOSTILE], rows: [[HOSTILE], ['[x](javascript:alert(1))']] };
  for (const html of [htmlOf(record), feedOf(record)]) {
    expect(html).not.toMatch(/<script|<img|javascript:alert\(1\)"|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  }
  expect(htmlOf(record)).toContain('aria-label="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quotes&#39; &lt;img src=x onerror=alert(1)&gt;"');
});
