// Saving the wizard's steps to the server, each with the ETag last read (If-Match). Lines are synchronised:
// removed ones deleted, changed ones replaced, new ones added in order (so they get the numbers shown).
import * as projectsApi from '../../../api/projects';
import type { Project } from '../../../api/projects';
import { basicsToApi, resourcesToApi, type BasicsValues, type LineRow, type ResourceRow } from './draftState';

export interface Saved {
  project: Project;
  etag: string | null;
}

export async function saveBasics(current: Saved | null, basics: BasicsValues): Promise<Saved> {
  const body = basicsToApi(basics);
  const res = current ? await projectsApi.updateProject(current.project.id, current.etag, body) : await projectsApi.createProject(body);
  return { project: res.data, etag: res.etag };
}

export async function saveResources(current: Saved, rows: ResourceRow[]): Promise<Saved> {
  const res = await projectsApi.replaceInformationResources(current.project.id, current.etag, resourcesToApi(rows));
  return { project: res.data, etag: res.etag };
}

export async function syncLines(current: Saved, rows: LineRow[]): Promise<Saved> {
  let { project, etag } = current;
  const id = project.id;
  const kept = new Set(rows.filter((r) => r.lineNo !== undefined).map((r) => r.lineNo));
  const step = async (call: Promise<{ data: Project; etag: string | null }>) => {
    const res = await call;
    project = res.data;
    etag = res.etag;
  };
  for (const l of project.lines) if (!kept.has(l.lineNo)) await step(projectsApi.removeLine(id, etag, l.lineNo));
  for (const r of rows) {
    const body = { planCode: r.planCode ?? '', quantity: r.quantity ?? 0, purpose: r.purpose.trim() };
    if (r.lineNo === undefined) continue;
    const was = current.project.lines.find((l) => l.lineNo === r.lineNo);
    if (was && (was.planCode !== body.planCode || was.quantity !== body.quantity || was.purpose !== body.purpose)) {
      await step(projectsApi.updateLine(id, etag, r.lineNo, body));
    }
  }
  for (const r of rows) {
    if (r.lineNo !== undefined) continue;
    await step(projectsApi.addLine(id, etag, { planCode: r.planCode ?? '', quantity: r.quantity ?? 0, purpose: r.purpose.trim() }));
  }
  return { project, etag };
}

/** Lines the server would refuse outright (not rule violations): no plan, no whole quantity, no purpose. */
export function incompleteLines(rows: LineRow[]): number[] {
  return rows.flatMap((r, i) => (!r.planCode || !r.quantity || !Number.isInteger(r.quantity) || r.quantity <= 0 || !r.purpose.trim() ? [i] : []));
}
