/**
 * CPU time of the browser's processes and threads, from /proc (Linux only; elsewhere empty).
 *
 * Chromium is a child of this Node process (playwright-core spawns it), so its processes are this
 * process's descendants. Each thread is put in a group: the renderer's main thread (the page's
 * JavaScript and the PixiJS calls), the dedicated worker (the simulation), the GPU process (where
 * SwiftShader rasterises WebGL in software, on its own threads), and the rest. Two snapshots give
 * each group's CPU time over a window, in cores (CPU seconds per wall second).
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuGroup = 'rendererMain' | 'worker' | 'rendererOther' | 'gpu' | 'browserOther';
export const CPU_GROUPS: CpuGroup[] = ['rendererMain', 'worker', 'rendererOther', 'gpu', 'browserOther'];

export type CpuSnapshot = { atMs: number; ticks: Map<string, { group: CpuGroup; ticks: number }> };

/** USER_HZ: clock ticks per second in /proc/<pid>/stat (100 on Linux everywhere that matters). */
const TICKS_PER_S = 100;

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Fields after the command name `(…)`, which may itself hold spaces and parentheses. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    if (stat) parent.set(Number(name), Number(statFields(stat)[1]));
  }
  const out: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const p = frontier.pop()!;
    for (const [pid, ppid] of parent) {
      if (ppid === p) {
        out.push(pid);
        frontier.push(pid);
      }
    }
  }
  return out;
}

function groupOf(cmdline: string, threadName: string, isMainThread: boolean): CpuGroup {
  if (cmdline.includes('--type=renderer')) {
    if (isMainThread || threadName.startsWith('CrRendererMain')) return 'rendererMain';
    if (threadName.startsWith('DedicatedWorker')) return 'worker';
    return 'rendererOther';
  }
  if (cmdline.includes('--type=gpu-process')) return 'gpu';
  return 'browserOther';
}

/** CPU ticks (user + system) of every thread under this process, keyed by pid/tid. */
export function cpuSnapshot(root = process.pid): CpuSnapshot {
  const ticks = new Map<string, { group: CpuGroup; ticks: number }>();
  for (const pid of descendants(root)) {
    const cmdline = (readText(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
    if (!cmdline.includes('chrom')) continue;
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = readText(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const f = statFields(stat);
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // utime and stime are fields 14 and 15 of stat; f starts at field 3
      ticks.set(`${pid}/${tid}`, { group: groupOf(cmdline, name, tid === String(pid)), ticks: Number(f[11]) + Number(f[12]) });
    }
  }
  return { atMs: performance.now(), ticks };
}

export type CpuCores = Record<CpuGroup | 'total', number>;

/** Cores used by each group between two snapshots (threads that ended in between are not counted). */
export function cpuCores(a: CpuSnapshot, b: CpuSnapshot): CpuCores {
  const wallS = Math.max(1e-3, (b.atMs - a.atMs) / 1000);
  const out = { rendererMain: 0, worker: 0, rendererOther: 0, gpu: 0, browserOther: 0, total: 0 } as CpuCores;
  for (const [key, now] of b.ticks) {
    const before = a.ticks.get(key)?.ticks ?? 0;
    const cores = (now.ticks - before) / TICKS_PER_S / wallS;
    out[now.group] += cores;
    out.total += cores;
  }
  return out;
}
