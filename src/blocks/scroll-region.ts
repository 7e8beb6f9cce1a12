/**
 * Blocks that may be wider than the column (tables, code) scroll inside a
 * box of their own, never the page. The box is a named, focusable region so
 * keyboard users can scroll it (axe: scrollable-region-focusable); names are
 * made unique per article by the uniqueRegionLabels enhancer.
 */
export interface ScrollRegion {
  /** The region's accessible name (aria-label). */
  regionLabel: string;
}
