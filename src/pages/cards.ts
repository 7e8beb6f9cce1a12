/**
 * Article cards: an article as lists show it, placed in one of the layouts
 * the pages use. The layout decides the card's style, its heading level and
 * how its image is sized and loaded, so templates only print.
 */
import type { Article, Site } from '../content/model';
import { imageModel, placeImage, type ImagePriority, type PlacedImage } from '../images/image-model';
import { urls } from '../routes/urls';
import { plainInline } from '../text/inline';
import { itemText } from '../text/locale';
import { formatDate, languageOf, type DateModel } from './dates';
import type { Direction } from './direction';

export interface ArticleCard {
  url: string;
  headline: string;
  /** Left out of compact cards. */
  standfirst?: string;
  section: { name: string; url: string };
  published: DateModel;
  /** The author names as a sentence lists them ("Ada Lane and Ben Okafor"). */
  bylines: string;
  /** The byline as printed ("By Ada Lane and Ben Okafor"), in the card's language when a locale ships for it. */
  byline: string;
  image?: PlacedImage;
  lang?: string;
  dir?: Direction;
  /** The style modifier: card--lead or card--compact. */
  variant?: 'lead' | 'compact';
  headingLevel: 2 | 3;
  /** How the article relates to the page it is listed on (a source's page: "Adapted from Hot News RU"). */
  relation?: { text: string; originalUrl?: string; originalLabel?: string };
}

/**
 * Where a card sits: "lead" the front page's top story; "grid" the front
 * page's latest; "list" the one-column lists (author, source, tag, section);
 * "compact" the headline-only strips (sections, related stories).
 */
export type CardLayout = 'lead' | 'grid' | 'list' | 'compact';

/** How wide a card's image is shown in each layout (from the CSS). */
const IMAGE_SIZES: Record<Exclude<CardLayout, 'compact'>, string> = {
  lead: '(min-width: 1200px) 680px, (min-width: 900px) 57vw, calc(100vw - 2rem)',
  grid: '(min-width: 1200px) 370px, (min-width: 960px) 31vw, (min-width: 600px) 47vw, calc(100vw - 2rem)',
  list: '(min-width: 823px) 18rem, (min-width: 600px) 35vw, calc(100vw - 2rem)',
};

/** The lead is fetched first; in a list the first card is above the fold; everything else waits until scrolled near. */
function priorityOf(layout: CardLayout, position: number): ImagePriority {
  if (layout === 'lead') return 'high';
  return layout === 'list' && position === 0 ? 'eager' : 'lazy';
}

export function articleCard(site: Site, article: Article, layout: CardLayout, position = 0, headingLevel: 2 | 3 = layout === 'lead' ? 2 : 3): ArticleCard {
  // Built by assignment, not by spreading conditional parts: a list page makes many cards, and
  // object spreads cost more than the rest of a card together.
  const text = itemText(site, article.language);
  const separators = text.separators(article.authors.length);
  const bylines = article.authors.map((a, i) => separators[i] + a.name).join('');
  const card: ArticleCard = {
    url: urls.article(article.slug),
    headline: article.headline,
    section: { name: article.section.name, url: urls.section(article.section.slug) },
    published: formatDate(site, article.publishedAt, text.intlLocale),
    bylines,
    byline: text.t('card.byline', { names: bylines }),
    headingLevel,
  };
  if (layout !== 'compact') {
    card.standfirst = plainInline(article.standfirst);
    if (article.image) card.image = placeImage(imageModel(article.image.asset, article.image.alt), 'card__image', IMAGE_SIZES[layout], priorityOf(layout, position));
  }
  if (article.language && article.language !== site.language) Object.assign(card, languageOf(site, article.language));
  if (layout === 'lead' || layout === 'compact') card.variant = layout;
  return card;
}

/** Cards for one page of a list, each placed by its position. */
export function articleCards(site: Site, articles: readonly Article[], layout: CardLayout, headingLevel?: 2 | 3): ArticleCard[] {
  return articles.map((article, i) => articleCard(site, article, layout, i, headingLevel));
}
