/** Inline text allows links and emphasis only; nothing else becomes markup. */
import fc from 'fast-check';
import { plainInline, plainInlineParsed, renderInline } from '../../src/text/inline';
import { texty } from '../helpers/arbitraries';

describe('inline text', () => {
  test('emphasis, strong and links render', () => {
    expect(renderInline('a *b* **c** [d](/articles/x)')).toBe('a <em>b</em> <strong>c</strong> <a href="/articles/x">d</a>');
  });
  test('external links get rel="noopener noreferrer" and escaped URLs', () => {
    expect(renderInline('[d](https://x.org/?a=1&b="2")')).toBe('<a href="https://x.org/?a=1&amp;b=%222%22" rel="noopener noreferrer">d</a>');
  });
  test.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example', 'file:///etc/passwd'])('%s is never a link target', (target) => {
    const html = renderInline(`[click](${target})`);
    expect(html).not.toContain('<a');
    expect(html).not.toMatch(/<b>/);
  });
  test('raw HTML is printed as text', () => {
    expect(renderInline('<script>alert(1)</script><img src=x onerror=alert(1)>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
  });
  test('other Markdown (code, images, headings) stays literal', () => {
    expect(renderInline('`code` ![i](x.png) # h')).toBe('`code` ![i](x.png) # h');
  });
  test('plainInline drops the markup but keeps the words', () => {
    expect(plainInline('a *b* [c](https://x.org)')).toBe('a b c');
  });
  test('plainInline is the full Markdown parse, without parsing text that has no Markdown', () => {
    fc.assert(fc.property(texty, (text) => expect(plainInline(text)).toBe(plainInlineParsed(text))), { numRuns: 3000 });
    expect(plainInline('A *word* and a [link](https://example.org)')).toBe('A word and a link');
  });
});
