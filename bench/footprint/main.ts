// The footprint section alone: `node bench/footprint/main.ts [--quick]` (`npm run bench` runs it
// with everything else). Prints the table; writes nothing.
import { benchPostgresUrl, startBenchPostgres } from '../bench-app.ts';
import { runFootprintBench } from './footprint.ts';
import { footprintTable } from './footprint-table.ts';

const postgres = await startBenchPostgres();
try {
  const footprint = await runFootprintBench({ quick: process.argv.includes('--quick'), postgresUrl: benchPostgresUrl() });
  console.log(footprintTable(footprint));
} finally {
  await postgres.stop();
}
