// The owner's "always allow" for one tool of one server, per business.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { toolAllowances } from '../schema.ts';

export type Allowance = { server: string; tool: string };

export async function allowTool(db: Db, businessId: string, allowance: Allowance): Promise<void> {
  await db
    .insert(toolAllowances)
    .values({ businessId, ...allowance })
    .onConflictDoNothing();
}

export async function revokeTool(db: Db, businessId: string, allowance: Allowance): Promise<void> {
  await db
    .delete(toolAllowances)
    .where(
      and(
        eq(toolAllowances.businessId, businessId),
        eq(toolAllowances.server, allowance.server),
        eq(toolAllowances.tool, allowance.tool),
      ),
    );
}

export async function allowedTools(db: Db, businessId: string): Promise<Allowance[]> {
  return db
    .select({ server: toolAllowances.server, tool: toolAllowances.tool })
    .from(toolAllowances)
    .where(eq(toolAllowances.businessId, businessId));
}
