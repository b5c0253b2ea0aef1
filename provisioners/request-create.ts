// A department draws on its project's entitlement with a cloud resource request (云资源申请, Art. 28): only plans of
// the published catalog, and no more than the approval left. Taken as the project machine's `request` action
// (projects/machine.ts), so the project's state, the requester's ability and the project's row lock are the runner's.
import type { Actor } from '../core/actor.js';
import type { Tx } from '../core/db/database.js';
import { RuleViolationError, type Violation } from '../core/errors.js';
import { t, type Locale } from '../core/i18n.js';
import { findPlan, type CatalogView } from '../catalog/view.js';
import { DRAWING_STATES, entitlementUsage, exceedsEntitlement } from './entitlement.js';
import type { Environment, NetworkZone } from './tenant-input.js';

export interface ResourceRequestInput {
  items: { planCode: string; quantity: number }[];
  environment: Environment;
  networkZone: NetworkZone;
  systemId?: string | null;
  contacts: { name: string; phone: string; email?: string }[];
  sshPublicKeys: string[];
}

/** What the project's requests hold of its entitlement (all but those returned, failed for good or given back). */
export async function drawnBy(tx: Tx, projectId: string, exceptRequestId?: string) {
  return tx.resourceRequestItem.findMany({
    where: { request: { projectId, status: { in: [...DRAWING_STATES] }, ...(exceptRequestId ? { id: { not: exceptRequestId } } : {}) } },
    select: { planCode: true, quantity: true },
  });
}

function checkRequest(view: CatalogView, usage: ReturnType<typeof entitlementUsage>, input: ResourceRequestInput, locale: Locale): Violation[] {
  const violations: Violation[] = [];
  input.items.forEach((item, i) => {
    const found = findPlan(view, item.planCode);
    if (!found || found.plan.status === 'RETIRED' || found.offering.status === 'RETIRED') {
      violations.push({ code: 'NOT_IN_CATALOG', field: `items.${i}.planCode`, article: '第二十八条', message: t('request.NOT_IN_CATALOG', locale, { plan: item.planCode }) });
    }
  });
  for (const p of exceedsEntitlement(usage, input.items)) {
    const i = input.items.findIndex((x) => x.planCode === p.planCode);
    violations.push({
      code: 'EXCEEDS_ENTITLEMENT',
      field: `items.${i}.quantity`,
      message: t('request.EXCEEDS_ENTITLEMENT', locale, { plan: p.planCode, requested: p.requested, left: p.left }),
    });
  }
  return violations;
}

/** Records the request against the project (locked by the runner); 422 listing every item at fault. */
export async function createResourceRequest(
  tx: Tx,
  actor: Actor,
  project: { id: string; code: string; orgId: string },
  view: CatalogView,
  input: ResourceRequestInput,
  locale: Locale,
) {
  const entitlement = await tx.entitlement.findMany({ where: { projectId: project.id } });
  const violations = checkRequest(view, entitlementUsage(entitlement, await drawnBy(tx, project.id)), input, locale);
  if (violations.length) throw new RuleViolationError(violations);
  const count = await tx.resourceRequest.count({ where: { projectId: project.id } });
  return tx.resourceRequest.create({
    data: {
      code: `${project.code}-R${String(count + 1).padStart(2, '0')}`,
      projectId: project.id,
      orgId: project.orgId,
      environment: input.environment,
      networkZone: input.networkZone,
      systemId: input.systemId ?? null,
      contacts: input.contacts,
      sshPublicKeys: input.sshPublicKeys,
      createdById: actor.principal!.id,
      items: { create: input.items },
    },
    select: { id: true, code: true },
  });
}
