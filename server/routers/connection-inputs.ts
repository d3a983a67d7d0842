// What connections.* accept. Only remote (Streamable HTTP) servers come through the API: whoever
// holds the API token must not be able to start a process, so `command` is refused by name.
import { z } from 'zod';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import { businessId } from './inputs.ts';

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { message: 'must be 1–32 letters, digits, "-" or "_" (it prefixes its tools)' });
const url = z
  .url({ message: 'must be an http(s) URL of a Streamable HTTP MCP server' })
  .max(2000)
  .refine((value) => /^https?:$/.test(new URL(value).protocol), { message: 'must be an http(s) URL' });
const headers = z
  .record(
    z.string().regex(/^[A-Za-z0-9-]{1,100}$/, { message: 'header names are letters, digits and "-"' }),
    z.string().max(8000),
  )
  .refine((value) => Object.keys(value).length <= 20, { message: 'at most 20 headers' });
const experts = z
  .array(z.enum(EXPERT_NAMES, { message: `must be experts: ${EXPERT_NAMES.join(', ')}` }))
  .max(EXPERT_NAMES.length);
export const connectionId = z.string().min(1).max(100);

const noCommand = {
  command: z
    .never({
      message: 'stdio servers (command) come only from the SWITCHBOARD_MCP_CONFIG file; the API adds remote servers (url)',
    })
    .optional(),
  args: z.never({ message: 'stdio servers come only from the SWITCHBOARD_MCP_CONFIG file' }).optional(),
  env: z.never({ message: 'stdio servers come only from the SWITCHBOARD_MCP_CONFIG file' }).optional(),
};

export const addConnectionInput = z.object({
  businessId: businessId.optional(),
  name,
  url,
  headers: headers.optional(),
  experts,
  ...noCommand,
});

export const updateConnectionInput = z.object({
  connectionId,
  url: url.optional(),
  headers: headers.optional(),
  experts: experts.optional(),
  /** Tool names (the server's own) whose "always allow" the owner takes back. */
  revoke: z.array(z.string().max(200)).max(100).optional(),
  ...noCommand,
});
