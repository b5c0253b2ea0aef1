// The entitlement of an established project: its approved resource lines summed per plan, the ceiling for
// provisioning (Art. 10, 15).
import type { Tx } from '../core/db/database.js';

export async function grantEntitlement(tx: Tx, projectId: string, catalogRevision: number) {
  const lines = await tx.resourceLine.findMany({ where: { projectId } });
  const perPlan = new Map<string, number>();
  for (const l of lines) perPlan.set(l.planCode, (perPlan.get(l.planCode) ?? 0) + l.quantity);
  await tx.entitlement.deleteMany({ where: { projectId } });
  await tx.entitlement.createMany({ data: [...perPlan].map(([planCode, quantity]) => ({ projectId, planCode, quantity, catalogRevision })) });
}
