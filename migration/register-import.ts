// Reading an uploaded register file for the import and its preview: the same checks for both (file type, size in
// rows, header, every cell, names repeated in the file or already registered), so the preview shows exactly what
// the import would refuse. The preview writes nothing; the import (migration/register.ts) writes all rows or none.
import type { Actor } from '../core/actor.js';
import { assertCan } from '../core/access/abilities.js';
import type { Tx } from '../core/db/database.js';
import type { PrismaClient } from '../core/db/generated/client.js';
import { InvalidInputError } from '../core/errors.js';
import { DEFAULT_HARDENING, type ArchiveLimits } from '../core/config.js';
import { t, type Locale } from '../core/i18n.js';
import { columnByKey } from './columns.js';
import type { RegisterInput } from './register-input.js';
import { MAX_IMPORT_ROWS, MAX_REPORTED_PROBLEMS, detectFormat, parseRegisterRows, readSheetRows, type ImportProblem, type ParsedRegister, type SheetFormat } from './spreadsheet.js';
import type { ImportPreview } from './import-preview-schema.js';
import type { SheetInfo } from './xlsx-rows.js';
import { loadOrgMatcher } from '../accounts/org-aliases.js';
import { anyOrganisation, ownOrganisation, ownedName } from './row-organisation.js';

/** rows of the preview's table: the first ones read well, as they would be registered */
export const PREVIEW_SAMPLE_ROWS = 50;

export interface ReadRegisterFile {
  format: SheetFormat;
  sheet?: string;
  parsed: ParsedRegister;
}

/**
 * The checks before anything is written: the actor may register systems (its own organisation's, or every
 * organisation's in the sub-center's city-wide import: ./row-organisation.ts), the file is XLSX or CSV (415), of at
 * most MAX_IMPORT_ROWS systems (422 IMPORT_TOO_MANY_ROWS), an XLSX within the archive limits (422: ./spreadsheet.ts),
 * and every row is read.
 */
export async function readRegisterFile(prisma: PrismaClient, actor: Actor, file: Buffer, locale: Locale, archiveLimits: ArchiveLimits = DEFAULT_HARDENING.archive): Promise<ReadRegisterFile> {
  const cityWide = actor.ability.can('importCityWide', 'MigrationSystem');
  if (!cityWide) assertCan(actor.ability, 'create', 'MigrationSystem');
  const principal = actor.principal!;
  const format = detectFormat(file);
  if (format !== 'xlsx' && format !== 'csv') throw new InvalidInputError([{ path: 'file', code: 'import.file_type' }], 'IMPORT_FILE_TYPE', 415);
  const matcher = await loadOrgMatcher(prisma);
  const rowOrg = cityWide ? anyOrganisation(matcher) : ownOrganisation(await prisma.organisation.findUniqueOrThrow({ where: { id: principal.orgId } }), matcher);
  const info: SheetInfo = {};
  const parsed = await parseRegisterRows(readSheetRows(file, format, info, archiveLimits), { locale, rowOrg });
  if (parsed.problems.some((p) => p.code === 'import.too_many_rows')) {
    throw new InvalidInputError([{ path: 'file', code: 'import.too_many_rows', params: { max: MAX_IMPORT_ROWS } }], 'IMPORT_TOO_MANY_ROWS', 422, { max: MAX_IMPORT_ROWS });
  }
  return { format, ...(info.sheet ? { sheet: info.sheet } : {}), parsed };
}

/** Rows whose system name their organisation has already registered, as problems on the name's cell. */
export async function existingNameProblems(tx: Tx | PrismaClient, rows: { row: number; input: RegisterInput; orgId: string }[], locale: Locale): Promise<ImportProblem[]> {
  if (!rows.length) return [];
  const found = await tx.$queryRaw<{ orgId: string; name: string }[]>`
    SELECT "orgId"::text AS "orgId", name FROM migration_system
    WHERE ("orgId", name) IN (SELECT * FROM unnest(${rows.map((e) => e.orgId)}::uuid[], ${rows.map((e) => e.input.name)}::text[]))`;
  if (!found.length) return [];
  const taken = new Set(found.map((f) => ownedName(f.orgId, f.name)));
  const column = columnByKey('name').header[locale];
  const clashes = rows.filter((e) => taken.has(ownedName(e.orgId, e.input.name)));
  const problems: ImportProblem[] = clashes.slice(0, MAX_REPORTED_PROBLEMS).map((e) => ({
    code: 'import.duplicate_existing',
    line: e.row,
    field: 'name',
    column,
    message: t('import.at_cell', locale, { row: e.row, column }) + t('import.duplicate_existing', locale, { name: e.input.name }),
  }));
  if (clashes.length > MAX_REPORTED_PROBLEMS) {
    problems.push({ code: 'import.more_problems', line: clashes[MAX_REPORTED_PROBLEMS]!.row, message: t('import.more_problems', locale, { count: clashes.length - MAX_REPORTED_PROBLEMS }) });
  }
  return problems;
}

/** What the import would do with a file, writing nothing: format, header, mapping, rows and every problem. */
export async function previewRegisterFile(prisma: PrismaClient, actor: Actor, file: Buffer, locale: Locale, archiveLimits?: ArchiveLimits): Promise<ImportPreview> {
  const { format, sheet, parsed } = await readRegisterFile(prisma, actor, file, locale, archiveLimits);
  const clashes = await existingNameProblems(prisma, parsed.goodRows, locale);
  // the import reports names already registered once the file itself is clean; the preview says both at once
  const problems = [...parsed.problems, ...clashes.slice(0, Math.max(0, MAX_REPORTED_PROBLEMS - parsed.problems.length))];
  const clashRows = new Set(clashes.map((c) => c.line));
  return {
    format,
    ...(sheet ? { sheet } : {}),
    headerRows: parsed.headerRows,
    mapping: parsed.mapping,
    rowsRead: parsed.rowsRead,
    skippedEmptyRows: parsed.skippedEmptyRows,
    importable: problems.length === 0,
    rows: parsed.goodRows.filter((r) => !clashRows.has(r.row)).slice(0, PREVIEW_SAMPLE_ROWS).map((r) => ({ row: r.row, values: r.input })),
    problems,
  };
}
