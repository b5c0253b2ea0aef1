// Live validation: the SAME validator the server runs at submission (projects/validation.ts), on every change,
// with the violations sorted to where they belong: a resource line, an information resource, a basics field,
// or the project as a whole. Also the catalog cost of the lines against the budget (catalogCost).
import { useMemo } from 'react';
import { catalogCost, validateProject } from '@projects/validation';
import type { ProjectForValidation } from '@projects/validation-input';
import type { RuleViolation } from '../../../api/errors';
import type { CatalogView } from '../../../api/catalog';
import type { Locale } from '../../../i18n';

export interface PlacedViolations {
  all: RuleViolation[];
  /** by index in the lines array */
  lines: Map<number, RuleViolation[]>;
  /** by index in the information resource list */
  resources: Map<number, RuleViolation[]>;
  /** about the information resource catalog as a whole */
  resourceCatalog: RuleViolation[];
  /** by basics field: totalBudget, description, components, emergencyConsentRef, privateNetworkApprovalRef */
  basics: Map<string, RuleViolation[]>;
  /** the lines as a whole (no line) */
  lineList: RuleViolation[];
}

function push<K>(m: Map<K, RuleViolation[]>, k: K, v: RuleViolation) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Places violations; `lineIndexOf` maps a violation's line number to a row index (for the server's answer). */
export function placeViolations(all: RuleViolation[], lineIndexOf?: (line: number) => number | undefined): PlacedViolations {
  const placed: PlacedViolations = { all, lines: new Map(), resources: new Map(), resourceCatalog: [], basics: new Map(), lineList: [] };
  for (const v of all) {
    const f = v.field ?? '';
    const line = /^lines\.(\d+)\./.exec(f);
    const res = /^informationResources\.(\d+)\./.exec(f);
    if (line || v.line !== undefined) {
      const idx = lineIndexOf && v.line !== undefined ? lineIndexOf(Number(v.line)) : line ? Number(line[1]) : undefined;
      if (idx !== undefined) push(placed.lines, idx, v);
      else placed.lineList.push(v);
    } else if (res) push(placed.resources, Number(res[1]), v);
    else if (f === 'informationResources') placed.resourceCatalog.push(v);
    else if (f === 'lines') placed.lineList.push(v);
    else push(placed.basics, f.startsWith('components') ? 'components' : f, v);
  }
  return placed;
}

export function useLiveValidation(input: ProjectForValidation | null, view: CatalogView | undefined, locale: Locale) {
  return useMemo(() => {
    if (!input || !view) return null;
    const violations = validateProject(input, view, locale);
    const cost = catalogCost(input.lines, view);
    return { violations: placeViolations(violations), cost };
  }, [input, view, locale]);
}
