/**
 * How the TypeScript client's types are made from the served OpenAPI document: one function, used by
 * `npm run client:generate` (which writes the files) and by the test that fails when the committed files are stale.
 */
import openapiTS, { astToString } from 'openapi-typescript';

export const OPENAPI_FILE = 'clients/typescript/openapi.json';
export const SCHEMA_FILE = 'clients/typescript/src/schema.d.ts';

const HEADER =
  '/**\n * Generated from clients/typescript/openapi.json by openapi-typescript (`npm run client:generate`).\n' +
  ' * Do not edit: a test compares this file with what the served document generates.\n */\n\n';

export const documentText = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';

export async function schemaTypes(doc: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0], { silent: true });
  return HEADER + astToString(ast);
}
