/**
 * WordPress dates: "2024-03-01 09:30:00" in two forms, the site's local
 * time (wp:post_date) and UTC (wp:post_date_gmt). The UTC one is used; a
 * draft has "0000-00-00 00:00:00" there (WordPress fixes it only when the
 * post is published), and then the local time is read as UTC, and said.
 */
import { childText, type WxrNode } from './reader';

const WP_DATE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/;

function utc(text: string): string | undefined {
  const m = WP_DATE.exec(text);
  if (!m || m[1] === '0000-00-00') return undefined;
  const iso = `${m[1]}T${m[2]}Z`;
  return Number.isNaN(new Date(iso).getTime()) ? undefined : iso;
}

/** The item's `field` ("wp:post_date", "wp:post_modified") as an ISO date in UTC, or undefined. */
export function itemDate(item: WxrNode, field: 'wp:post_date' | 'wp:post_modified', notes: string[]): string | undefined {
  const gmt = utc(childText(item, `${field}_gmt`));
  if (gmt) return gmt;
  const local = utc(childText(item, field));
  if (local && field === 'wp:post_date') notes.push(`no UTC date in the export: the site's local time ${local.slice(0, 19).replace('T', ' ')} is read as UTC`);
  return local;
}
