/**
 * The sentence writer: headlines, standfirsts, body sentences (with
 * occasional inline Markdown) and photo credits, drawn from one article's
 * PRNG and the plan's places, people and sources. Its own module because it
 * is what makes the text read like news; the article code only asks it for
 * pieces.
 */
import type { CorpusPlan } from './plan';
import { chance, int, pick, pickCumulative, type Rng } from './random';
import { capitalise, formatCount, withArticle } from './text';
import { ADJECTIVES, ATTRIBUTIONS, OBJECTS, SUBJECTS, TIME_PHRASES, TOPIC_NOUNS, VERBS } from './words';

export class Writer {
  constructor(
    private readonly rng: Rng,
    private readonly plan: CorpusPlan,
  ) {}

  place(): string {
    return pick(this.rng, this.plan.places);
  }

  person(): string {
    const p = pick(this.rng, this.plan.people);
    return `${p.first} ${p.last}`;
  }

  sourceName(): string {
    return this.plan.sources[pickCumulative(this.rng, this.plan.sourceTable)]?.name ?? 'the agency';
  }

  object(): string {
    const r = this.rng;
    const adjective = chance(r, 0.6) ? pick(r, ADJECTIVES) + ' ' : '';
    const noun = pick(r, OBJECTS);
    const det = chance(r, 0.6) ? 'the ' : 'a ';
    const head = det === 'a ' ? withArticle(adjective + noun) : det + adjective + noun;
    return chance(r, 0.5) ? `${head} for ${pick(r, TOPIC_NOUNS)}` : head;
  }

  subject(): [string, boolean] {
    const r = this.rng;
    const roll = r();
    if (roll < 0.12) return [`officials in ${this.place()}`, true];
    if (roll < 0.2) return [this.person(), false];
    return pick(r, SUBJECTS);
  }

  extra(): string {
    const r = this.rng;
    const roll = r();
    if (roll < 0.3) return ' ' + pick(r, TIME_PHRASES);
    if (roll < 0.45) return ` in ${this.place()}`;
    if (roll < 0.55) return ` despite objections from ${pick(r, SUBJECTS)[0]}`;
    if (roll < 0.62) return ` across the region`;
    return '';
  }

  /** One sentence, without any markup, ending in a full stop. */
  sentence(): string {
    const r = this.rng;
    const verb = pick(r, VERBS);
    const [subject, plural] = this.subject();
    let s: string;
    switch (int(r, 0, 9)) {
      case 0:
        s = `${capitalise(subject)} said ${pick(r, SUBJECTS)[0]} would ${verb[0]} ${this.object()}${this.extra()}`;
        break;
      case 1:
        s = `${formatCount(r)} ${pick(r, ['residents', 'people', 'workers', 'households', 'passengers', 'students', 'patients', 'visitors'])} ${pick(r, ['signed a petition against', 'were affected by', 'responded to', 'have asked about', 'could benefit from'])} ${this.object()}${this.extra()}`;
        break;
      case 2:
        s = `The decision comes as ${subject} ${plural ? verb[0] : verb[2]} ${this.object()}${this.extra()}`;
        break;
      case 3:
        s = `It was not immediately clear whether ${subject} would ${verb[0]} ${this.object()}`;
        break;
      case 4:
        s = `Critics say ${subject} ${plural ? 'have' : 'has'} ${verb[1]} ${this.object()} without enough scrutiny`;
        break;
      case 5:
        s = `According to ${this.sourceName()}, ${subject} ${verb[1]} ${this.object()}${this.extra()}`;
        break;
      case 6:
        s = `In ${this.place()}, ${subject} ${verb[1]} ${this.object()}${this.extra()}`;
        break;
      case 7:
        s = `${this.person()}, who ${pick(r, ['leads', 'chairs', 'advises', 'works for'])} ${pick(r, SUBJECTS)[0]}, said the ${pick(r, OBJECTS)} was ${pick(r, ['overdue', 'a good start', 'not enough', 'badly designed', 'the right call', 'a relief', 'too expensive'])}`;
        break;
      default:
        s = `${capitalise(subject)} ${verb[1]} ${this.object()}${this.extra()}${chance(r, 0.4) ? ', ' + pick(r, ATTRIBUTIONS) : ''}`;
    }
    return capitalise(s) + '.';
  }

  /** Adds occasional inline Markdown (emphasis, strong, links) to a sentence. */
  decorate(sentence: string, slugHint: string): string {
    const r = this.rng;
    const roll = r();
    if (roll > 0.16) return sentence;
    const words = sentence.slice(0, -1).split(' ');
    if (words.length < 6) return sentence;
    const length = int(r, 2, 4);
    const start = int(r, 1, words.length - length);
    const span = words.slice(start, start + length);
    if (span.some((w) => /[,.;:]/.test(w))) return sentence;
    let marked: string;
    if (roll < 0.07) marked = `*${span.join(' ')}*`;
    else if (roll < 0.09) marked = `**${span.join(' ')}**`;
    else marked = `[${span.join(' ')}](https://example.org/${pick(r, ['news', 'reports', 'data', 'press'])}/${slugHint}-${int(r, 1, 999)})`;
    return [...words.slice(0, start), marked, ...words.slice(start + length)].join(' ') + '.';
  }

  /** Sentences until at least `min` words (one sentence may overshoot). */
  text(min: number, slugHint: string, markup: boolean): string {
    const parts: string[] = [];
    let words = 0;
    while (words < min) {
      const s = this.sentence();
      words += s.split(' ').length;
      parts.push(markup ? this.decorate(s, slugHint) : s);
    }
    return parts.join(' ');
  }

  /** A headline of 6 to 14 words, sentence case, no full stop. */
  headline(): string {
    const r = this.rng;
    for (let attempt = 0; ; attempt += 1) {
      const verb = pick(r, VERBS);
      const [subject] = this.subject();
      const extra = chance(r, 0.6) ? this.extra() : '';
      const core = pick(r, [
        `${capitalise(subject)} ${verb[2]} ${this.object()}${extra}`,
        `${capitalise(subject)} ${verb[1]} ${this.object()}${extra}`,
        `${this.place()} ${verb[2]} ${this.object()}${extra}`,
        `Why ${subject} ${verb[1]} ${this.object()}`,
      ]);
      const n = core.split(' ').length;
      if ((n >= 6 && n <= 14) || attempt > 20) return capitalise(core);
    }
  }

  /** A standfirst of 15 to 35 words. */
  standfirst(): string {
    for (let attempt = 0; ; attempt += 1) {
      const first = this.sentence();
      let text = first;
      let n = first.split(' ').length;
      if (n < 15) {
        const second = this.sentence();
        text += ' ' + second;
        n += second.split(' ').length;
      }
      if ((n >= 15 && n <= 35) || attempt > 20) return text;
    }
  }

  photoCredit(): string {
    const r = this.rng;
    const p = pick(r, this.plan.people);
    return chance(r, 0.7) ? `Photo: ${p.first.charAt(0)}. ${p.last} / ${this.sourceName()}` : 'Illustration: Newsreel Corpus';
  }
}
