// All benchmarks, one after another: `npm run bench` (add `-- --quick` for a short run).
// Each bench writes its JSON to bench/results/ and returns its figures for the table here.
import { formatMemoryBench, runMemoryBench } from './memory.ts';

const quick = process.argv.includes('--quick');

console.log(formatMemoryBench(await runMemoryBench({ quick })));
