// Checks what analysts edit in Camunda Modeler, as the Modeler itself would:
//  - every BPMN file under processes/ against processes/.bpmnlintrc (bpmnlint), warnings included;
//  - every DMN file under processes/ against processes/.dmnlintrc (dmnlint);
//  - every element template in .camunda/element-templates/ against the published element-templates JSON schema;
//  - every element of a BPMN file that names a template (camunda:modelerTemplate) against that template: the template
//    exists, and the element holds the template's fixed values (the delegate it calls, its DMN table, ...) and its
//    required fields; and a service task that calls a bean some template is for names that template.
// Usage: node e2e/lint-models.mjs [project directory] (default: the working directory). Exit code 1 on any problem.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle');
const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json');
const BpmnLinter = require('bpmnlint/lib/linter');
const BpmnResolver = require('bpmnlint/lib/resolver/node-resolver');
const DmnLinter = require('dmnlint/lib/linter');
const DmnResolver = require('dmnlint/lib/resolver/node-resolver');
const DmnModdle = createRequire(require.resolve('dmnlint'))('dmn-moddle');
const { validateAll } = await import('@bpmn-io/element-templates-validator');

const root = resolve(process.argv[2] || process.cwd());
const processes = join(root, 'processes');
const templatesDir = join(root, '.camunda', 'element-templates');
const problems = [];

function report(file, id, message, rule) {
  problems.push(`${relative(root, file)}: ${id || '-'}: ${message}${rule ? ` (${rule})` : ''}`);
}

function files(dir, extension) {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path, extension) : name.endsWith(extension) ? [path] : [];
    })
    .sort();
}

function config(name) {
  const path = join(processes, name);
  if (!existsSync(path)) {
    report(path, null, 'missing: Camunda Modeler and this check read the lint rules from it');
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

function lintReports(file, results) {
  for (const [rule, reports] of Object.entries(results)) {
    for (const { id, message, category } of reports) {
      report(file, id, `${category === 'warn' ? 'warning' : category}: ${message}`, rule);
    }
  }
}

// Element templates: the schema, then unique ids
const templates = new Map();
for (const file of files(templatesDir, '.json')) {
  let list;
  try {
    list = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    report(file, null, `not JSON: ${e.message}`);
    continue;
  }
  const result = validateAll(Array.isArray(list) ? list : [list]);
  for (const { object, errors } of result.results) {
    for (const error of errors || []) {
      report(file, object && object.id, `element template: ${error.message} at ${error.dataPointer || error.instancePath || '/'}`);
    }
  }
  for (const template of Array.isArray(list) ? list : [list]) {
    const key = `${template.id}@${template.version || 0}`;
    if (templates.has(key)) {
      report(file, template.id, `element template ${key} is defined twice`);
    }
    templates.set(key, template);
  }
}
const templatesOfBean = new Map();
for (const template of templates.values()) {
  for (const property of template.properties || []) {
    if (property.type === 'Hidden' && property.binding.name === 'camunda:delegateExpression') {
      templatesOfBean.set(property.value, [...(templatesOfBean.get(property.value) || []), template.id]);
    }
  }
}

// What an element holds for a template property's binding (undefined: nothing)
function bound(element, binding) {
  const extensions = (element.extensionElements && element.extensionElements.values) || [];
  const of = (type) => extensions.filter((e) => e.$type === type);
  switch (binding.type) {
    case 'property':
      return element.get(binding.name);
    case 'camunda:property':
      return of('camunda:Properties')
        .flatMap((p) => p.values || [])
        .find((p) => p.name === binding.name)?.value;
    case 'camunda:inputParameter':
      return of('camunda:InputOutput')
        .flatMap((io) => io.inputParameters || [])
        .find((p) => p.name === binding.name)?.value;
    case 'camunda:outputParameter':
      return of('camunda:InputOutput')
        .flatMap((io) => io.outputParameters || [])
        .find((p) => p.value === binding.source)?.name;
    case 'camunda:field': {
      const field = of('camunda:Field').find((f) => f.name === binding.name);
      return field && (binding.expression ? field.expression : field.stringValue ?? field.string);
    }
    default:
      return undefined;
  }
}

function checkTemplated(file, element) {
  const id = element.get('camunda:modelerTemplate');
  const delegate = element.get('camunda:delegateExpression');
  if (!id) {
    const expected = delegate && templatesOfBean.get(delegate);
    if (expected) {
      report(file, element.id, `calls ${delegate} without its element template ${expected.join(' or ')} (Modeler: Template > Select)`);
    }
    return;
  }
  const version = element.get('camunda:modelerTemplateVersion') || 0;
  const template = templates.get(`${id}@${version}`);
  if (!template) {
    report(file, element.id, `names element template ${id} version ${version}, which .camunda/element-templates/ lacks`);
    return;
  }
  if (template.elementType && template.elementType.value !== element.$type) {
    report(file, element.id, `is a ${element.$type}; template ${id} is for ${template.elementType.value}`);
  }
  for (const property of template.properties) {
    const value = bound(element, property.binding);
    const shown = property.label || property.binding.name || property.binding.source;
    if (property.type === 'Hidden') {
      if (String(value) !== String(property.value)) {
        report(file, element.id, `template ${id} sets ${shown} to ${property.value}, the element has ${value}`);
      }
      continue;
    }
    const constraints = property.constraints || {};
    if (constraints.notEmpty && (value === undefined || value === '')) {
      report(file, element.id, `template ${id}: "${shown}" must not be empty`);
    }
    const pattern = constraints.pattern && (constraints.pattern.value || constraints.pattern);
    if (pattern && value !== undefined && !new RegExp(pattern).test(value)) {
      report(file, element.id, `template ${id}: "${shown}" ${constraints.pattern.message || `must match ${pattern}`}: ${value}`);
    }
    if (property.type === 'Dropdown' && value !== undefined && !property.choices.some((c) => c.value === value)) {
      report(file, element.id, `template ${id}: "${shown}" is ${value}, not one of its choices`);
    }
  }
}

function walk(element, visit) {
  visit(element);
  for (const child of element.flowElements || []) {
    walk(child, visit);
  }
}

// BPMN
const bpmnConfig = config('.bpmnlintrc');
const bpmnModdle = new BpmnModdle({ camunda: camundaModdle });
for (const file of files(processes, '.bpmn')) {
  let definitions;
  try {
    const parsed = await bpmnModdle.fromXML(readFileSync(file, 'utf8'));
    definitions = parsed.rootElement;
    for (const warning of parsed.warnings) {
      report(file, warning.element && warning.element.id, `import warning: ${warning.message.split('\n')[0]}`);
    }
  } catch (e) {
    report(file, null, `cannot be read: ${e.message.split('\n')[0]}`);
    continue;
  }
  if (bpmnConfig) {
    lintReports(file, await new BpmnLinter({ config: bpmnConfig, resolver: new BpmnResolver() }).lint(definitions));
  }
  for (const process of definitions.rootElements.filter((e) => e.$type === 'bpmn:Process')) {
    walk(process, (element) => element.$type !== 'bpmn:Process' && checkTemplated(file, element));
  }
}

// DMN
const dmnConfig = config('.dmnlintrc');
for (const file of files(processes, '.dmn')) {
  const parsed = await new Promise((done) =>
    new DmnModdle().fromXML(readFileSync(file, 'utf8'), (error, definitions, context) =>
      done({ error, definitions, warnings: (context && context.warnings) || [] })
    )
  );
  if (parsed.error) {
    report(file, null, `cannot be read: ${parsed.error.message.split('\n')[0]}`);
    continue;
  }
  for (const warning of parsed.warnings) {
    report(file, warning.element && warning.element.id, `import warning: ${warning.message.split('\n')[0]}`);
  }
  if (dmnConfig) {
    lintReports(file, await new DmnLinter({ config: dmnConfig, resolver: new DmnResolver() }).lint(parsed.definitions));
  }
}

const checked = `${files(processes, '.bpmn').length} BPMN, ${files(processes, '.dmn').length} DMN, ${templates.size} element templates`;
if (problems.length) {
  problems.forEach((p) => console.log(p));
  console.log(`models: ${problems.length} problems in ${checked}`);
  process.exit(1);
}
console.log(`models: no problems in ${checked}`);
