/**
 * The field catalogue: every value a rule, a model or a report may reference by name (application fields,
 * velocity and multi-lender features, device and graph features) is declared once in this shape, so the rules'
 * type-checker, the model workbench and the decision record all agree on names and types.
 */

export type FieldType = 'number' | 'string' | 'boolean' | 'date' | 'number[]' | 'string[]';

export interface FieldDefinition {
  /** Dotted name as written in rules, e.g. `application.amount` or `ml_orgs_1m`. */
  name: string;
  type: FieldType;
  description: string;
  /** Entity the value is keyed by (e.g. `phone`, `device`, `nationalId`), when it is an aggregate. */
  entity?: string;
  /** Sliding window, e.g. `7d`, when the value is windowed. */
  window?: string;
  /** Team or module that owns the definition. */
  owner?: string;
}

export interface FieldCatalog {
  get(name: string): FieldDefinition | undefined;
  list(): FieldDefinition[];
}

export function createFieldCatalog(definitions: Iterable<FieldDefinition>): FieldCatalog {
  const byName = new Map<string, FieldDefinition>();
  for (const d of definitions) {
    if (byName.has(d.name)) throw new Error(`field ${d.name} is declared twice`);
    byName.set(d.name, d);
  }
  return {
    get: (name) => byName.get(name),
    list: () => [...byName.values()],
  };
}

/** Union of catalogues; later ones may not redefine a name. */
export function mergeFieldCatalogs(...catalogs: FieldCatalog[]): FieldCatalog {
  return createFieldCatalog(catalogs.flatMap((c) => c.list()));
}
