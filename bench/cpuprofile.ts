/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time aggregated
 * by function name + script URL, top N. Usable alone:
 * `npx tsx bench/cpuprofile.ts FILE.cpuprofile [N]`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTimeRow {
  name: string;
  where: string;
  selfMs: number;
  percent: number;
}

function shortUrl(url: string, root: string): string {
  if (!url) return '';
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) return file.slice(nm + 1);
  return file.startsWith(root) ? path.relative(root, file) : file;
}

export function summariseProfile(file: string, top = 15, root = path.resolve(__dirname, '..')): { totalMs: number; rows: SelfTimeRow[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const node = byId.get(samples[i] as number);
    // timeDeltas[i] is the time before sample i; the time a sample stands for is the gap to the next one.
    const us = Math.max(0, (deltas[i + 1] ?? 0) as number);
    if (!node) continue;
    const name = node.callFrame.functionName || '(anonymous)';
    const where = shortUrl(node.callFrame.url, root);
    const key = `${name}\u0000${where}`;
    const entry = selfUs.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    selfUs.set(key, entry);
    totalUs += us;
  }
  const rows = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, percent: totalUs > 0 ? (100 * e.us) / totalUs : 0 }));
  return { totalMs: totalUs / 1000, rows };
}

export function profileMarkdown(summary: { totalMs: number; rows: SelfTimeRow[] }): string {
  const lines = [`Sampled ${(summary.totalMs / 1000).toFixed(1)} s of CPU time; top self time:`, '', '| self ms | % | function | script |', '|---:|---:|---|---|'];
  for (const row of summary.rows) lines.push(`| ${row.selfMs.toFixed(0)} | ${row.percent.toFixed(1)} | \`${row.name}\` | ${row.where || '(native/VM)'} |`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/cpuprofile.ts FILE.cpuprofile [N]');
    process.exit(2);
  }
  console.log(profileMarkdown(summariseProfile(file, Number(top ?? 15))));
}
