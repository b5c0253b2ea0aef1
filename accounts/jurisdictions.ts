// Jurisdictions (Art. 39): every organisation belongs to the city (市本级) or to one county (县、市、区). A county's
// approval and finance bureaus review and budget-review the projects of their jurisdiction; the city's bureaus decide
// the city's, and the city GIA oversees the counties' read-only. A jurisdiction is named by 'CITY' or by the code of
// the county's own organisation (kind COUNTY), which belongs to itself.
import type { Tx } from '../core/db/database.js';
import type { OrgKind, Role } from '../core/db/generated/enums.js';
import { InvalidInputError } from '../core/errors.js';
import { z } from '../core/zod-openapi.js';

export const CITY = 'CITY';

/** The roles that decide for a jurisdiction: a county's approval and finance bureaus, or the city's. */
export const JURISDICTION_AUTHORITIES: readonly Role[] = ['GIA_REVIEWER', 'FINANCE_REVIEWER'];

export const CITY_LABEL = { 'zh-CN': '市本级', en: 'City level' } as const;

export const jurisdictionViewSchema = z
  .object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() })
  .openapi('Jurisdiction', { description: "the city ('CITY') or a county, named by its organisation's code" });
export type JurisdictionView = z.infer<typeof jurisdictionViewSchema>;

/** The query parameter the lists filter by (projects, queues, deadlines, notices, the board). */
export const jurisdictionQuery = z
  .string()
  .regex(/^[A-Z0-9_]{2,32}$/)
  .optional()
  .describe("a jurisdiction: 'CITY' for the city's own organisations, or a county organisation's code");

/** The city first, then every county (its organisation's name), by code. */
export async function listJurisdictions(db: Pick<Tx, 'organisation'>): Promise<JurisdictionView[]> {
  const counties = await db.organisation.findMany({ where: { kind: 'COUNTY' }, select: { code: true, name: true, nameEn: true }, orderBy: { code: 'asc' } });
  return [{ code: CITY, name: CITY_LABEL['zh-CN'], nameEn: CITY_LABEL.en }, ...counties];
}

/**
 * The jurisdiction an organisation of `kind` and `code` belongs to, checked: a county's own organisation always its
 * own; any other the city or an existing county (422 at `jurisdiction` otherwise).
 */
export async function resolveJurisdiction(tx: Pick<Tx, 'organisation'>, kind: OrgKind, code: string, wanted: string | undefined): Promise<string> {
  if (kind === 'COUNTY') {
    if (wanted !== undefined && wanted !== code) throw new InvalidInputError([{ path: 'jurisdiction', code: 'COUNTY_OWN_JURISDICTION', params: { value: wanted } }], 'VALIDATION_FAILED', 422);
    return code;
  }
  const value = wanted ?? CITY;
  if (value === CITY) return value;
  const county = await tx.organisation.findFirst({ where: { code: value, kind: 'COUNTY' }, select: { id: true } });
  if (!county) throw new InvalidInputError([{ path: 'jurisdiction', code: 'UNKNOWN_JURISDICTION', params: { value } }], 'VALIDATION_FAILED', 422);
  return value;
}
