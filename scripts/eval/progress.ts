// A progress bar on stderr: redrawn in place on a terminal, a line per tenth when piped.
import type { CaseResult } from './score.ts';

type Output = { write(text: string): unknown; isTTY?: boolean };

export type Progress = { tick(result: CaseResult): void; done(): void };

const WIDTH = 30;

export function createProgress(total: number, output: Output = process.stderr): Progress {
  let finished = 0;
  let correct = 0;
  let errors = 0;
  let lastTenth = -1;
  const line = () => {
    const filled = total ? Math.round((finished / total) * WIDTH) : WIDTH;
    const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
    return `routing [${bar}] ${finished}/${total}  correct ${correct}${errors ? `  errors ${errors}` : ''}`;
  };
  return {
    tick(result) {
      finished += 1;
      if (result.correct) correct += 1;
      if (result.error !== null) errors += 1;
      if (output.isTTY) {
        output.write(`\r${line()}`);
        return;
      }
      const tenth = Math.floor((finished / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        output.write(`${line()}\n`);
      }
    },
    done() {
      if (output.isTTY) output.write('\n');
    },
  };
}
