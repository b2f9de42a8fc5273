/**
 * Regenerates clients/typescript from the document a node serves: `npm run client:generate` after changing a route.
 * Runs the TypeScript sources directly (no build).
 */
import { writeFileSync } from 'node:fs';
import { servedOpenApi } from '../src/server/index.js';
import { documentText, OPENAPI_FILE, SCHEMA_FILE, schemaTypes } from './client-types.js';

const doc = await servedOpenApi();
writeFileSync(OPENAPI_FILE, documentText(doc));
writeFileSync(SCHEMA_FILE, await schemaTypes(doc));
console.log(`wrote ${OPENAPI_FILE} and ${SCHEMA_FILE}`);
// the node's store and runtimes are closed; nothing else is worth waiting for
process.exit(0);
