/**
 * A risk program as files: a manifest (program.yaml) naming the decision flow, the post-loan triggers, the lists
 * and the model specs it trains, plus cut-offs set from held-out history. What a risk team versions in its
 * repository and `riskloop program apply` puts live. One TypeBox schema types and validates the manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { parse as parseYaml } from 'yaml';
import { ValidationError, compileValidator, createAjv } from '../core/index.js';
import { LIST_COLORS, LIST_KINDS, type ListDefinition } from '../rules/index.js';

const Closed = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const ModelName = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });
const FileName = Type.String({ pattern: '^[A-Za-z0-9_.-]+\\.(ya?ml|json)$' });

/**
 * Reject inference for an application scorecard: how the declined applications of the training months enter the
 * fit (fuzzy augmentation or parcelling; none by default). Scorecards only.
 */
export const RejectInferenceSpecSchema = Closed({
  method: Type.Union([Type.Literal('none'), Type.Literal('fuzzy'), Type.Literal('parcelling')]),
  /** fuzzy: the total weight one reject carries (default 1). */
  rejectWeight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10 })),
  /** parcelling: score bands on the accepted loans (default 10). */
  bands: Type.Optional(Type.Integer({ minimum: 2, maximum: 50 })),
  /** parcelling: reject bad rate = the band's accepted bad rate × uplift (default 2). */
  uplift: Type.Optional(Type.Number({ minimum: 1, maximum: 10 })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
});

export const ModelSpecSchema = Closed({
  name: ModelName,
  kind: Type.Union([Type.Literal('scorecard'), Type.Literal('gbdt')]),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  /**
   * Bad = ever `dpd`+ days past due within `mob` months on book; for a behaviour model (`observation` set), within
   * `mob` months after the observation date.
   */
  label: Closed({ dpd: Type.Integer({ minimum: 1, maximum: 180 }), mob: Type.Integer({ minimum: 1, maximum: 36 }) }),
  /**
   * A behaviour model (a B-card): trained on snapshots of each funded loan's post-loan monitoring facts at `mob`
   * months on book, among loans not bad by then; its features are monitoring facts, not decision facts.
   */
  observation: Type.Optional(Closed({ mob: Type.Integer({ minimum: 1, maximum: 24 }) })),
  /** Decision facts the model may use (numbers and booleans; see the field catalogue); monitoring facts for a B-card. */
  features: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 300 }),
  /** GBDT parameters (nTrees, maxDepth, learningRate, minChildWeight, …); a scorecard's `minIv` (default 0.02). */
  params: Type.Optional(Type.Record(Type.String(), Type.Number())),
  rejectInference: Type.Optional(RejectInferenceSpecSchema),
});

export const ProgramManifestSchema = Closed({
  schemaVersion: Type.Literal(1),
  name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
  version: Type.Integer({ minimum: 1 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  flow: FileName,
  triggers: Type.Optional(FileName),
  lists: Type.Optional(FileName),
  training: Closed({
    /** The latest months of the decided history held out: reported on and used for cut-offs, never trained on. */
    outOfTimeMonths: Type.Integer({ minimum: 1, maximum: 12 }),
    minRows: Type.Integer({ minimum: 50 }),
    minBads: Type.Integer({ minimum: 5 }),
  }),
  models: Type.Array(ModelSpecSchema, { maxItems: 10 }),
  /** `${name}` in the flow: the score under which `share` of the held-out applications fall for `model`. */
  cutoffs: Type.Optional(
    Type.Record(
      Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
      Closed({ model: ModelName, share: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }) }),
    ),
  ),
});

export const ListsDocumentSchema = Closed({
  lists: Type.Array(
    Closed({
      name: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
      kind: Type.Union(LIST_KINDS.map((k) => Type.Literal(k))),
      color: Type.Union(LIST_COLORS.map((c) => Type.Literal(c))),
      description: Type.Optional(Type.String({ maxLength: 500 })),
    }),
    { maxItems: 100 },
  ),
});

export type ProgramManifest = Static<typeof ProgramManifestSchema>;
export type ModelSpec = Static<typeof ModelSpecSchema>;

/** A program read from disk: the manifest and the texts it names (the flow keeps its `${cutoff}` placeholders). */
export interface RiskProgram {
  manifest: ProgramManifest;
  flowText: string;
  triggersText: string | null;
  lists: ListDefinition[];
}

const validateManifest = compileValidator(createAjv(), ProgramManifestSchema);
const validateLists = compileValidator(createAjv(), ListsDocumentSchema);

function yamlOf(text: string, source: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (e) {
    throw new ValidationError(`${source}: not valid YAML/JSON`, [
      { path: source, message: (e as Error).message.split('\n')[0] ?? 'syntax error' },
    ]);
  }
}

function readText(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new ValidationError(`the program names ${file}, which cannot be read`, [
      { path: file, message: 'missing or unreadable file' },
    ]);
  }
}

export function parseProgram(texts: {
  manifest: string;
  flow: string;
  triggers?: string | null;
  lists?: string | null;
}): RiskProgram {
  const manifest = validateManifest.assert(yamlOf(texts.manifest, 'program.yaml'), 'program.yaml');
  const lists = texts.lists
    ? validateLists.assert(yamlOf(texts.lists, manifest.lists ?? 'lists'), manifest.lists ?? 'lists').lists
    : [];
  return { manifest, flowText: texts.flow, triggersText: texts.triggers ?? null, lists };
}

/** Reads `program.yaml` in `dir` and the files it names. */
export function readProgram(dir: string): RiskProgram {
  const manifestText = readText(dir, 'program.yaml');
  const manifest = validateManifest.assert(yamlOf(manifestText, 'program.yaml'), 'program.yaml');
  return parseProgram({
    manifest: manifestText,
    flow: readText(dir, manifest.flow),
    triggers: manifest.triggers ? readText(dir, manifest.triggers) : null,
    lists: manifest.lists ? readText(dir, manifest.lists) : null,
  });
}

const PLACEHOLDER = /'?\$\{([a-z][a-z0-9_]*)\}'?/g;

/**
 * The flow text with its cut-offs and trained model versions filled in. A cut-off the program does not define is
 * an error naming it; `version: trained` on a model stage becomes the registered version.
 */
export function instantiateFlow(
  program: RiskProgram,
  cutoffs: Record<string, number>,
  versions: Record<string, number>,
): string {
  const missing = new Set<string>();
  let text = program.flowText.replace(PLACEHOLDER, (_, name: string) => {
    const v = cutoffs[name];
    if (v === undefined || !Number.isFinite(v)) {
      missing.add(name);
      return '0';
    }
    // rounded down: a score equal to the cut-off is not below it (a model with one score for all holds back none)
    return String(Math.floor(v * 100) / 100);
  });
  if (missing.size > 0)
    throw new ValidationError(`the flow uses cut-offs the program does not set: ${[...missing].join(', ')}`, [
      ...[...missing].map((m) => ({
        path: `${program.manifest.flow}/\${${m}}`,
        message: 'not in program.yaml cutoffs',
      })),
    ]);
  text = text.replace(/model:\s*\{\s*name:\s*([a-z0-9._-]+)\s*,\s*version:\s*trained\s*\}/g, (whole, name: string) => {
    const v = versions[name];
    return v === undefined ? whole : `model: { name: ${name}, version: '${v}' }`;
  });
  return text;
}
