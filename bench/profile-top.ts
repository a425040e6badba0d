// `tsx bench/profile-top.ts FILE.cpuprofile [N] [--last=SECONDS] [--inclusive]`: the N functions with the most self (or inclusive) time in a V8 CPU profile (--cpu-prof), with their share.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const args = process.argv.slice(2);
const [file, n = '25'] = args.filter((a) => !a.startsWith('--'));
/** Only the samples of the profile's last SECONDS: a server's profile then leaves out its start-up and shows the load alone. */
const last = Number(args.find((a) => a.startsWith('--last='))?.split('=')[1] ?? Infinity);
/** Time in a function and everything it called (each function counted once per sample, so recursion does not inflate it). */
const inclusive = args.includes('--inclusive');
if (!file) throw new Error('usage: tsx bench/profile-top.ts FILE.cpuprofile [N] [--last=SECONDS] [--inclusive]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const keyOf = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|src)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
const ends: number[] = [];
profile.timeDeltas.reduce((t, dt, i) => (ends[i] = t + dt), 0);
const from = (ends.at(-1) ?? 0) - last * 1e6;
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  if ((ends[i] ?? 0) < from) return;
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const keys = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = inclusive ? parent.get(at) : undefined) {
    const node = byId.get(at);
    if (node) keys.add(keyOf(node));
  }
  for (const key of keys) self.set(key, (self.get(key) ?? 0) + dt);
});
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(
  `total sampled ${(total / 1000).toFixed(0)} ms${Number.isFinite(last) ? ` (the last ${last} s)` : ''}, ${inclusive ? 'inclusive' : 'self'} time`,
);
for (const [name, us] of top) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
