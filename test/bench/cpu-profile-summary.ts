/**
 * Where a V8 CPU profile (node --cpu-prof, e.g. bench:ingest --cpu-prof) spends its time: self time by function
 * and by package or source folder. Run: node -r @swc-node/register test/bench/cpu-profile-summary.ts <file> [top=30]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<pkg>, libs/<lib>, apps/<app>, node:internal, or (gc)/(idle)/(program). */
function area(url: string, name: string): string {
  if (!url) return `(${name.replace(/[()]/g, '') || 'native'})`;
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const own = url.match(/\/((libs|apps)\/[^/]+)\//);
  if (own) return own[1];
  return url.startsWith('node:') ? 'node internals' : url;
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|libs|apps)\//, '$1/')}:${lineNumber + 1}`;
}

/** Time with the function anywhere on the stack (each sample counted once per function). */
function inclusiveTimes(profile: Profile, selfMicros: Map<number, number>): Map<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, t] of selfMicros) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = functionKey(byId.get(cur)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
  }
  return inclusive;
}

export function summarize(profile: Profile, top = 30): string[] {
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = selfMicros.get(node.id) ?? 0;
    const fn = functionKey(node);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
    const a = area(node.callFrame.url, node.callFrame.functionName);
    byArea.set(a, (byArea.get(a) ?? 0) + t);
  }
  const rows = (m: Map<string, number>, n: number): string[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, v]) =>
          `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1e6).toFixed(1).padStart(6)} s  ${k}`,
      );
  return [
    `total ${(total / 1e6).toFixed(1)} s sampled`,
    '-- by package / source folder (self time)',
    ...rows(byArea, 20),
    '-- by function (self time)',
    ...rows(byFunction, top),
    '-- by function, own code (inclusive time: the function and what it calls)',
    ...rows(new Map([...inclusiveTimes(profile, selfMicros)].filter(([k]) => /(libs|apps)\//.test(k))), top),
  ];
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [top]');
  console.log(summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 30)).join('\n'));
}
