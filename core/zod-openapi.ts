// zod with `.openapi()`: the schemas the OpenAPI document names (views and inputs) import `z` from here, so the
// extension is in place before any of them is built, whichever module happens to load first.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };

/**
 * A named schema, or null. Not `.nullable()`: that copies the name onto the nullable schema, and the document's
 * component would then be nullable wherever it is used (tools/api-client.test.ts checks that none is).
 */
export const nullableRef = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

/** A page of a list: how many there are in all, which page this is, its size, and its items. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });
