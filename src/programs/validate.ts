/**
 * Everything that can be checked before any training: model features exist in the decision catalogue as numbers
 * or booleans, cut-offs name models of the program, the flow compiles (every rule against the catalogue, every
 * model stage a model of the program), the triggers compile. All problems are reported at once.
 */
import { ValidationError, type FieldCatalog, type FieldIssue } from '../core/index.js';
import { compileTriggerSet, monitoringCatalog, parseTriggerSet } from '../monitoring/index.js';
import { FlowValidationError, compileFlow, describeIssue, parseFlowDocument } from '../rules/index.js';
import { instantiateFlow, type RiskProgram } from './document.js';

export function programProblems(program: RiskProgram, catalog: FieldCatalog): FieldIssue[] {
  const { manifest } = program;
  const problems: FieldIssue[] = [];
  const modelNames = new Set(manifest.models.map((m) => m.name));
  manifest.models.forEach((m, i) => {
    if (m.kind !== 'scorecard' && m.rejectInference && m.rejectInference.method !== 'none')
      problems.push({
        path: `/models/${i}/rejectInference`,
        message: `reject inference is for scorecards; ${m.name} is a ${m.kind}`,
      });
    // a behaviour model reads the monitoring facts a live re-score has, an application model the decision's
    const facts = m.observation ? monitoringCatalog : catalog;
    m.features.forEach((f, j) => {
      const def = facts.get(f);
      if (!def)
        problems.push({
          path: `/models/${i}/features/${j}`,
          message: `unknown ${m.observation ? 'monitoring ' : ''}fact '${f}'`,
        });
      else if (def.type !== 'number' && def.type !== 'boolean')
        problems.push({
          path: `/models/${i}/features/${j}`,
          message: `'${f}' is a ${def.type}, not a number or boolean`,
        });
    });
  });
  if (modelNames.size !== manifest.models.length) problems.push({ path: '/models', message: 'model names repeat' });
  const behaviour = new Set(manifest.models.filter((m) => m.observation).map((m) => m.name));
  for (const [name, c] of Object.entries(manifest.cutoffs ?? {})) {
    if (!modelNames.has(c.model))
      problems.push({ path: `/cutoffs/${name}/model`, message: `'${c.model}' is not a model of the program` });
    else if (behaviour.has(c.model))
      problems.push({
        path: `/cutoffs/${name}/model`,
        message: `'${c.model}' is a behaviour model: it scores borrowers after the loan, not applications`,
      });
  }

  // The flow with every cut-off at 0 and every trained model at version 1: checks shape, rules and model names.
  const zeros = Object.fromEntries(Object.keys(manifest.cutoffs ?? {}).map((k) => [k, 0]));
  const ones = Object.fromEntries(manifest.models.map((m) => [m.name, 1]));
  try {
    const doc = parseFlowDocument(instantiateFlow(program, zeros, ones), manifest.flow);
    doc.stages.forEach((s, i) => {
      if (s.type === 'model' && behaviour.has(s.model.name))
        problems.push({
          path: `${manifest.flow}/stages/${i}/model`,
          message: `model ${s.model.name} is a behaviour model: the post-loan monitor scores it, not a decision flow`,
        });
      else if (s.type === 'model' && (!modelNames.has(s.model.name) || s.model.version !== '1'))
        problems.push({
          path: `${manifest.flow}/stages/${i}/model`,
          message: `model ${s.model.name}@${s.model.version}: a flow in a program calls its own models, version 'trained'`,
        });
    });
    compileFlow(doc, { catalog, listNames: program.lists.map((l) => l.name) });
  } catch (e) {
    if (e instanceof FlowValidationError)
      problems.push(...e.problems.map((p) => ({ path: `${manifest.flow}${p.path}`, message: describeIssue(p) })));
    else if (e instanceof ValidationError) problems.push(...e.issues);
    else throw e;
  }

  if (program.triggersText !== null) {
    try {
      compileTriggerSet(parseTriggerSet({ text: program.triggersText }));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(...e.issues.map((i) => ({ path: `${manifest.triggers}${i.path}`, message: i.message })));
    }
  }
  return problems;
}

/** Throws a ValidationError listing every problem of the program. */
export function assertValidProgram(program: RiskProgram, catalog: FieldCatalog): void {
  const problems = programProblems(program, catalog);
  if (problems.length > 0)
    throw new ValidationError(`program ${program.manifest.name} has ${problems.length} problem(s)`, problems);
}
