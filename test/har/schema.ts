import { isIPv4, isIPv6 } from 'node:net';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The HAR 1.2 schema of the `har-schema` package compiled with ajv: draft-06, its custom keywords
 * (`optional`, `min`) tolerated, and the formats it uses checked (its `serverIPAddress` is a
 * oneOf ipv4/ipv6, which only works when formats are enforced).
 */
export function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('ipv4', (s: string) => isIPv4(s));
  ajv.addFormat('ipv6', (s: string) => isIPv6(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  for (const schema of Object.values(require('har-schema') as Record<string, object>)) ajv.addSchema(schema);
  return ajv.getSchema('har.json#')!;
}
