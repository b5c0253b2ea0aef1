// Kubernetes quantities as desired state writes them: whole MiB and millicores, in their shortest exact form.

export const gibToMiB = (gib: number): number => Math.ceil(gib * 1024);

/** 2500 → "2500m", 3000 → "3". */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** 2048 → "2Gi", 2300 → "2300Mi". */
export function formatMiB(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`;
}
