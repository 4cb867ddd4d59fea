// Renders BPMN and DMN files as Camunda Modeler draws them (bpmn-js and dmn-js in Debian's Chromium) into PNG
// files, for docs/analysts.md and for looking at a change before committing it.
// Usage: node e2e/render-diagrams.mjs <output folder> <file.bpmn>[#<collapsed sub process id>] <file.dmn> ...
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const VIEWER = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const CSS = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css'].map((f) =>
  require.resolve(`bpmn-js/dist/assets/${f}`)
);
const DMN_VIEWER = require.resolve('dmn-js/dist/dmn-viewer.production.min.js');
const DMN_CSS = ['dmn-js-shared.css', 'dmn-js-decision-table.css', 'dmn-font/css/dmn.css'].map((f) =>
  require.resolve(`dmn-js/dist/assets/${f}`)
);
const [out, ...diagrams] = process.argv.slice(2);
if (!out || diagrams.length === 0) {
  console.error('usage: node e2e/render-diagrams.mjs <output folder> <file.bpmn>[#<plane id>] ...');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  headless: true
});
try {
  const page = await browser.newPage({ viewport: { width: 2400, height: 1400 }, deviceScaleFactor: 1 });
  await page.setContent('<div id="canvas" style="width:2400px;height:1400px;background:white"></div>');
  for (const css of CSS) {
    await page.addStyleTag({ path: css });
  }
  await page.addScriptTag({ path: VIEWER });
  for (const diagram of diagrams.filter((d) => d.endsWith('.dmn'))) {
    await renderDecision(page, diagram);
  }
  for (const diagram of diagrams.filter((d) => !d.endsWith('.dmn'))) {
    const [file, plane] = diagram.split('#');
    const xml = readFileSync(file, 'utf8');
    const size = await page.evaluate(
      async ({ xml, plane }) => {
        window.viewer?.destroy();
        window.viewer = new window.BpmnJS({ container: '#canvas' });
        const { warnings } = await window.viewer.importXML(xml);
        const canvas = window.viewer.get('canvas');
        if (plane) {
          canvas.setRootElement(canvas.findRoot(plane + '_plane') || canvas.findRoot(plane));
        }
        canvas.zoom('fit-viewport', 'auto');
        const box = canvas.viewbox();
        const scale = Math.min(1, box.scale);
        canvas.zoom(scale, 'auto');
        const inner = canvas.viewbox().inner;
        canvas.viewbox({ x: inner.x - 20, y: inner.y - 20, width: inner.width + 40, height: inner.height + 40 });
        const fitted = canvas.viewbox();
        return {
          warnings: warnings.map((w) => w.message),
          width: Math.ceil(fitted.outer.width),
          height: Math.ceil(fitted.outer.height)
        };
      },
      { xml, plane }
    );
    if (size.warnings.length) {
      console.log(`${diagram}: ${size.warnings.join('; ')}`);
    }
    const name = basename(file, '.bpmn') + (plane ? `-${plane}` : '') + '.png';
    await page.screenshot({
      path: join(out, name),
      clip: { x: 0, y: 0, width: Math.min(2400, size.width), height: Math.min(1400, size.height) }
    });
    console.log(`rendered ${join(out, name)}`);
  }
} finally {
  await browser.close();
}

// A DMN file's first decision table, as the Modeler's decision table editor shows it
async function renderDecision(page, file) {
  const dmn = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
  await dmn.setContent('<div id="canvas" style="display:inline-block;padding:10px;background:white"></div>');
  for (const css of DMN_CSS) {
    await dmn.addStyleTag({ path: css });
  }
  await dmn.addScriptTag({ path: DMN_VIEWER });
  await dmn.evaluate(async (xml) => {
    const viewer = new window.DmnJS({ container: '#canvas' });
    await viewer.importXML(xml);
    const table = viewer.getViews().find((v) => v.type === 'decisionTable');
    await viewer.open(table);
  }, readFileSync(file, 'utf8'));
  const name = basename(file, '.dmn') + '.png';
  await dmn.locator('#canvas').screenshot({ path: join(out, name) });
  await dmn.close();
  console.log(`rendered ${join(out, name)}`);
}
