// npm run docs:machines: rewrites the generated section of docs/architecture.md from the machines' tables.
import fs from 'node:fs';
import { ARCHITECTURE_DOC, withMachines } from './docs.js';

fs.writeFileSync(ARCHITECTURE_DOC, withMachines(fs.readFileSync(ARCHITECTURE_DOC, 'utf8')));
console.log(`wrote the state machines into ${ARCHITECTURE_DOC}`);
