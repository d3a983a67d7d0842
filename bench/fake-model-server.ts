// Entry of the fake model's own process (see fake-model-process.ts): serves a fixed route and
// reply, prints its URL, and runs until its parent closes its stdin.
import { startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { fixedRoute } from '../tests/support/fixed-route.ts';
import type { FakeModelSpec } from './fake-model-process.ts';

const spec = JSON.parse(process.argv[2]!) as FakeModelSpec;
const fake = await startFakeOpenAI(fixedRoute(spec.expert, spec.reply), spec.options);
process.stdout.write(`${fake.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
