// The footprint figures as a table, each against the floor and the goals.
import { round, table } from '../stats.ts';
import type { Footprint, TurnsRun } from './footprint.ts';

const mb = (value: number) => `${Math.round(value)} MB`;
const s = (ms: number) => `${round(ms / 1000, 2)} s`;
const times = (value: number, floor: number) => `${round(value / floor, 2)}×`;

export function footprintTable(f: Footprint): string {
  const rows: (string | number)[][] = [
    [
      'idle, existing data folder (PGlite)',
      mb(f.pglite.idleMb),
      mb(f.floor.idleMb),
      times(f.pglite.idleMb, f.floor.idleMb),
      '≤ 1.4×',
    ],
    [
      'idle, new data folder (PGlite)',
      mb(f.pglite.idleNewMb),
      mb(f.floor.idleNewMb),
      times(f.pglite.idleNewMb, f.floor.idleNewMb),
      '',
    ],
    ['start, new data folder (PGlite)', s(f.pglite.newMs), s(f.floor.newMs), times(f.pglite.newMs, f.floor.newMs), ''],
    [
      'restart, existing data folder (PGlite)',
      s(f.pglite.restartMs),
      s(f.floor.restartMs),
      times(f.pglite.restartMs, f.floor.restartMs),
      '≤ 1.5×',
    ],
    [
      `model configured, idle → after ${f.turns.pglite.turns} turns (PGlite)`,
      `${mb(f.turns.pglite.idleMb)} → ${mb(f.turns.pglite.afterMb)}`,
      mb(f.floor.idleMb),
      times(f.turns.pglite.afterMb, f.floor.idleMb),
      '',
    ],
  ];
  const firstTurn = (t: TurnsRun) => `${Math.round(t.firstTurnMs)} → ${Math.round(t.turnMs)} ms`;
  rows.push(['first turn after start → p50 of the others (PGlite)', firstTurn(f.turns.pglite), '', '', '']);
  if (f.postgres) rows.push(['idle (Postgres)', mb(f.postgres.idleMb), '', '', '≤ 200 MB']);
  if (f.turns.postgres) {
    const t = f.turns.postgres;
    rows.push([`model configured, idle → after ${t.turns} turns (Postgres)`, `${mb(t.idleMb)} → ${mb(t.afterMb)}`, '', '', '']);
    rows.push(['first turn after start → p50 of the others (Postgres)', firstTurn(t), '', '', '']);
  }
  const processes = [
    `PGlite: ${f.pglite.processes.join(' → ')}`,
    ...(f.postgres ? [`Postgres: ${f.postgres.processes.join(' → ')}`] : []),
  ];
  return [
    table(['`npm start` process tree', 'value', 'floor', 'ratio', 'goal'], rows),
    `\nMedians of ${f.runs} run(s), resident memory read ${f.settleMs / 1000} s after ready. Processes:\n  ${processes.join('\n  ')}`,
  ].join('\n');
}
