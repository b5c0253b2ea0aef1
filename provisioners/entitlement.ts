// How much of a project's entitlement is drawn (pure): the ceiling check behind every resource request.

/** Request states that hold part of the entitlement (returned and deprovisioned ones give it back). */
export const DRAWING_STATES = ['SUBMITTED', 'APPROVED', 'PROVISIONING', 'PROVISIONED', 'FAILED', 'DEPROVISIONING'] as const;

export interface Usage {
  planCode: string;
  entitled: number;
  used: number;
  left: number;
}

export function entitlementUsage(entitlement: { planCode: string; quantity: number }[], drawn: { planCode: string; quantity: number }[]): Usage[] {
  const used = new Map<string, number>();
  for (const d of drawn) used.set(d.planCode, (used.get(d.planCode) ?? 0) + d.quantity);
  return entitlement.map((e) => {
    const u = used.get(e.planCode) ?? 0;
    return { planCode: e.planCode, entitled: e.quantity, used: u, left: e.quantity - u };
  });
}

export interface EntitlementProblem {
  planCode: string;
  requested: number;
  left: number;
}

/** The items of a new request that do not fit in what is left (a plan outside the entitlement has 0 left). */
export function exceedsEntitlement(usage: Usage[], items: { planCode: string; quantity: number }[]): EntitlementProblem[] {
  const left = new Map(usage.map((u) => [u.planCode, u.left]));
  return items.filter((i) => i.quantity > (left.get(i.planCode) ?? 0)).map((i) => ({ planCode: i.planCode, requested: i.quantity, left: Math.max(0, left.get(i.planCode) ?? 0) }));
}
