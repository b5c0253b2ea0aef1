// npm run api:client: the OpenAPI document into dist/openapi.json, its TypeScript types into web/src/api/schema.d.ts.
import fs from 'node:fs';
import path from 'node:path';
import { clientSchema, DOCUMENT_PATH, openApiDocument, SCHEMA_PATH } from './api-client.js';

const document = openApiDocument();
fs.mkdirSync(path.dirname(DOCUMENT_PATH), { recursive: true });
fs.writeFileSync(DOCUMENT_PATH, `${JSON.stringify(document, null, 2)}\n`);
fs.writeFileSync(SCHEMA_PATH, await clientSchema(document));
console.log(`wrote ${path.relative(process.cwd(), DOCUMENT_PATH)} and ${path.relative(process.cwd(), SCHEMA_PATH)}`);
