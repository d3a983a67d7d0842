// Resident memory of a process and everything it started, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

export type TreeProcess = { pid: number; rssMb: number; command: string };

function parentOf(pid: number): number | undefined {
  try {
    // The command name in field 2 may hold spaces and parentheses: the parent pid follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // exited meanwhile
  }
}

function describe(pid: number): TreeProcess | undefined {
  try {
    const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, rssMb: rss ? Number(rss[1]) / 1024 : 0, command };
  } catch {
    return undefined;
  }
}

export function processTree(root: number): TreeProcess[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: TreeProcess[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    const process = describe(pid);
    if (process) tree.push(process);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export const treeRssMb = (tree: TreeProcess[]) => tree.reduce((sum, p) => sum + p.rssMb, 0);
