/**
 * Bounds a JSON body by its route's own schema *before* it is parsed. Parsing a body builds every value it holds:
 * 600 kB of empty array items are 200,000 objects, 15–40 ms of the node's only thread plus their garbage collection,
 * all for a body the schema refuses at its first item anyway. A body holding an array longer than the longest array
 * the route's schema allows anywhere (its largest `maxItems`), or nested deeper than the schema goes, cannot be valid:
 * one pass over the text (strings skipped with indexOf) finds it, stops there, and the body is never parsed.
 * A schema with an unbounded array or a free-form value (`Type.Unknown()`) has no bound on that axis.
 */
import { ValidationError } from '../core/index.js';

export interface JsonBounds {
  /** The most items any array in a valid body holds. */
  maxItems: number;
  /** The deepest nesting of arrays and objects in a valid body (the body's own object is depth 1). */
  maxDepth: number;
}

const UNBOUNDED: JsonBounds = { maxItems: Infinity, maxDepth: Infinity };
const LEAF_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const CATCH_ALL = ['^(.*)$', '^.*$', '.*', '^(.*?)$'];

type Schema = Record<string, unknown>;

const isSchema = (s: unknown): s is Schema => typeof s === 'object' && s !== null && !Array.isArray(s);
const subschemas = (s: unknown): Schema[] =>
  isSchema(s) ? Object.values(s).filter(isSchema) : Array.isArray(s) ? s.filter(isSchema) : [];

/** The bounds a JSON schema (TypeBox) puts on any value it accepts. */
export function boundsOfSchema(schema: unknown): JsonBounds {
  if (!isSchema(schema)) return UNBOUNDED;
  const alternatives = [schema.anyOf, schema.oneOf, schema.allOf].flatMap(subschemas);
  if (alternatives.length > 0) {
    const each = alternatives.map(boundsOfSchema);
    return {
      maxItems: Math.max(...each.map((b) => b.maxItems)),
      maxDepth: Math.max(...each.map((b) => b.maxDepth)),
    };
  }
  if ('const' in schema || 'enum' in schema) return { maxItems: 0, maxDepth: 0 };
  const type = schema.type;
  if (typeof type === 'string' && LEAF_TYPES.has(type)) return { maxItems: 0, maxDepth: 0 };
  if (type === 'array') {
    const items = [schema.items, schema.prefixItems].flatMap((s) => (isSchema(s) ? [s] : subschemas(s)));
    // an array without `items` may hold anything
    const inner = items.length > 0 ? items.map(boundsOfSchema) : [UNBOUNDED];
    const own = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
    return {
      maxItems: Math.max(own, ...inner.map((b) => b.maxItems)),
      maxDepth: 1 + Math.max(...inner.map((b) => b.maxDepth)),
    };
  }
  if (type === 'object') {
    const children = [...subschemas(schema.properties), ...subschemas(schema.patternProperties)];
    // additional properties allowed and not described: free-form values. A record's catch-all pattern (TypeBox's
    // `^(.*)$`) is taken to cover every key, as it is meant to, though `.` leaves out a key holding a line break
    const patterns = isSchema(schema.patternProperties) ? Object.keys(schema.patternProperties) : [];
    const catchAll = patterns.some((p) => CATCH_ALL.includes(p));
    if (schema.additionalProperties !== false && !catchAll) {
      children.push(isSchema(schema.additionalProperties) ? schema.additionalProperties : {});
    }
    const inner = children.map(boundsOfSchema);
    return {
      maxItems: Math.max(0, ...inner.map((b) => b.maxItems)),
      maxDepth: 1 + Math.max(0, ...inner.map((b) => b.maxDepth)),
    };
  }
  return UNBOUNDED;
}

const cache = new WeakMap<object, JsonBounds>();

/** The bounds of a route's body schema, computed once per schema. */
export function routeBodyBounds(schema: unknown): JsonBounds {
  if (!isSchema(schema)) return UNBOUNDED;
  let bounds = cache.get(schema);
  if (!bounds) cache.set(schema, (bounds = boundsOfSchema(schema)));
  return bounds;
}

export interface BoundBreach {
  kind: 'items' | 'depth';
  /** Offset in the text of the `[` or `{` that breaks the bound. */
  offset: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OBJECT = -1;

/** End of the string whose opening quote is at `start` (the closing quote's offset), or -1 if unterminated. */
function stringEnd(text: string, start: number): number {
  let q = text.indexOf('"', start + 1);
  while (q !== -1) {
    let backslashes = 0;
    for (let b = q - 1; text.charCodeAt(b) === BACKSLASH; b--) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}

// what each ASCII character means to the scan: 0 nothing (most of a body), else one of these
const STRING = 1;
const ITEM = 2;
const OPEN = 3;
const CLOSE = 4;
const KIND = new Uint8Array(128);
KIND[QUOTE] = STRING;
KIND[COMMA] = ITEM;
KIND[OPEN_ARRAY] = OPEN;
KIND[OPEN_OBJECT] = OPEN;
KIND[CLOSE_ARRAY] = CLOSE;
KIND[CLOSE_OBJECT] = CLOSE;

/**
 * The first array in `text` with more than `bounds.maxItems` items, or container deeper than `bounds.maxDepth`;
 * null when there is none. Malformed text is not judged here (the parser refuses it).
 */
export function scanJson(text: string, bounds: JsonBounds): BoundBreach | null {
  if (bounds.maxItems === Infinity && bounds.maxDepth === Infinity) return null;
  const maxCommas = bounds.maxItems;
  // per open container: OBJECT, or the commas seen so far in an array (items - 1); and where it opened
  let commas = new Int32Array(Math.min(bounds.maxDepth, 64) + 1);
  let starts = new Int32Array(commas.length);
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? KIND[c]! : 0;
    if (kind === 0) continue;
    if (kind === STRING) {
      const end = stringEnd(text, i);
      if (end === -1) return null;
      i = end;
    } else if (kind === ITEM) {
      if (depth > 0 && commas[depth - 1]! !== OBJECT && ++commas[depth - 1]! >= maxCommas) {
        return { kind: 'items', offset: starts[depth - 1]! };
      }
    } else if (kind === OPEN) {
      if (depth >= bounds.maxDepth) return { kind: 'depth', offset: i };
      if (depth === commas.length) {
        // no depth bound: the stack grows with the body
        const grown = new Int32Array(depth * 2);
        grown.set(commas);
        commas = grown;
        const grownStarts = new Int32Array(depth * 2);
        grownStarts.set(starts);
        starts = grownStarts;
      }
      commas[depth] = c === OPEN_ARRAY ? 0 : OBJECT;
      starts[depth++] = i;
    } else if (depth > 0) {
      depth--;
    }
  }
  return null;
}

/** The JSON pointer of the value starting at `offset` (only called for a refused body: a second, slower pass). */
export function pointerAt(text: string, offset: number): string {
  const path: (string | number)[] = [];
  const arrays: boolean[] = [];
  let lastKey = '';
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end === -1) break;
      if (arrays.length > 0 && !arrays[arrays.length - 1]) {
        // a string in an object followed by ':' is a key
        let j = end + 1;
        while (j < text.length && /\s/.test(text[j]!)) j++;
        if (text[j] === ':') {
          try {
            lastKey = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            lastKey = text.slice(i + 1, end);
          }
          path[path.length - 1] = lastKey;
        }
      }
      i = end;
    } else if (c === COMMA && arrays[arrays.length - 1]) {
      path[path.length - 1] = (path[path.length - 1] as number) + 1;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      arrays.push(c === OPEN_ARRAY);
      path.push(c === OPEN_ARRAY ? 0 : '');
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      arrays.pop();
      path.pop();
    }
  }
  return '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** The 400 for a body that breaks its route's bounds, naming where and the bound. */
export function boundsError(text: string, breach: BoundBreach, bounds: JsonBounds): ValidationError {
  const shown = pointerAt(text, breach.offset);
  return breach.kind === 'items'
    ? new ValidationError(`the list at ${shown} has more than ${bounds.maxItems.toLocaleString('en')} items`, [
        {
          path: shown,
          message: `must NOT have more than ${bounds.maxItems} items (the longest list this route accepts)`,
        },
      ])
    : new ValidationError(`the body nests deeper than ${bounds.maxDepth} levels at ${shown}`, [
        { path: shown, message: `must NOT nest deeper than ${bounds.maxDepth} levels (this route's schema)` },
      ]);
}
