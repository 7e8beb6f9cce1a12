/** fast-check inputs shared by property tests. */
import fc from 'fast-check';

/** Text drawn from letters, digits, accents, Markdown and separator characters, emoji and other scripts. */
export const texty = fc.string({
  unit: fc.constantFrom(...'aAzZ09 _*[]()\\\n\r\t-.,!?:;\'"&<>é', 'É', 'Zürich', 'ß', 'İ', 'ǅ', 'ﬁ', '\u0301', '\u00a0', '\u2009', '😀', 'Σ', 'ς', 'Я', 'ی', '\u0000', '\u200b'),
  maxLength: 40,
});
