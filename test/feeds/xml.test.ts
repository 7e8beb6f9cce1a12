/** The one escaping function: markup characters escaped, characters XML 1.0 forbids dropped. */
import { element, emptyElement, escapeXml } from '../../src/feeds/xml';
import { expectWellFormed } from './xml-check';

test('escapes the five markup characters, in text and attributes', () => {
  expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  expect(escapeXml(']]>')).toBe(']]&gt;');
  expect(element('t', 'a & b', { x: '"q"', skipped: undefined })).toBe('<t x="&quot;q&quot;">a &amp; b</t>');
  expect(emptyElement('e', { n: 3 })).toBe('<e n="3"/>');
});

test('drops C0 controls (but keeps tab, newline, carriage return), U+FFFE/U+FFFF and lone surrogates', () => {
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
  expect(escapeXml(`a${controls}b`)).toBe('a\t\n\rb');
  expect(escapeXml('x\uFFFEy\uFFFFz')).toBe('xyz');
  expect(escapeXml('lone \uD800 high, lone \uDC00 low, reversed \uDC00\uD800 pair')).toBe('lone  high, lone  low, reversed  pair');
});

test('keeps real astral characters (surrogate pairs) and ordinary Unicode', () => {
  expect(escapeXml('emoji 😀 and „quotes“ – ü')).toBe('emoji 😀 and „quotes“ – ü');
});

test('whatever goes in, the element stays well-formed', () => {
  const hostile = `<script>alert(1)</script> ]]> & \u0001\u0000\u001f \uD83D <!-- --> <![CDATA[ x ]]>`;
  expectWellFormed(`<?xml version="1.0"?><root a="${escapeXml(hostile)}">${escapeXml(hostile)}</root>`);
});
