// The CLI's line for a call that waits: who wants to run what, and who asked them when it came from a consult.
import { expect, it } from 'vitest';
import { describeCall } from '../../scripts/cli/commands/approvals.ts';
import type { Approval } from '../../shared/turn-record.ts';

const call: Approval = {
  id: 'call_1',
  agent: 'Producing',
  server: 'shop',
  tool: 'create_discount',
  arguments: { code: 'SPRING10', percent: 10 },
  status: 'pending',
  decidedAt: null,
};

it('names the expert whose call it is, and the colleague who consulted it', () => {
  expect(describeCall(call)).toBe('Producing wants to run create_discount on shop (code: "SPRING10", percent: 10)');
  expect(describeCall({ ...call, consultedBy: 'Creative' })).toBe(
    'Producing (asked by Creative) wants to run create_discount on shop (code: "SPRING10", percent: 10)',
  );
});
