// The answer of POST /api/migration/systems/import/preview: what the import would read from a file and what it
// would refuse, nothing written.
import { violationSchema } from '../core/error-schema.js';
import { z } from '../core/zod-openapi.js';
import { registerSchema } from './register-input.js';

export const columnMappingSchema = z
  .object({
    cell: z.string().describe('the sheet column letter, e.g. C'),
    header: z.string().describe('the header as the sheet has it'),
    field: z.string().nullable().describe('the register field it fills; null: not read'),
    label: z.string().nullable().describe("the field's name in the template"),
    unit: z.enum(['元', '万元']).optional().describe('amounts: the unit the cells are read in (stored in 元)'),
    unitSource: z.enum(['header', 'unitRow', 'default']).optional().describe('what said the unit: the header, a unit line (单位：万元), or the template default'),
  })
  .openapi('MigrationImportColumn');

export const importPreviewSchema = z
  .object({
    format: z.enum(['xlsx', 'csv']),
    sheet: z.string().optional().describe('XLSX: the worksheet read (the first visible one named like the template’s, else the first visible one)'),
    headerRows: z.array(z.number().int()).describe('the header’s row numbers: one, or two (a group row above the names)'),
    mapping: z.array(columnMappingSchema),
    rowsRead: z.number().int().describe('rows holding a system'),
    skippedEmptyRows: z.number().int(),
    importable: z.boolean().describe('true: the import would register every row'),
    rows: z.array(z.object({ row: z.number().int(), values: registerSchema })).describe('the first rows read well, as they would be registered (at most 50)'),
    problems: z.array(violationSchema).describe('every problem, as the import reports it (row, column, cell, reason)'),
  })
  .openapi('MigrationImportPreview');
export type ImportPreview = z.infer<typeof importPreviewSchema>;
