// Renders BPMN and DMN files as Camunda Modeler draws them (bpmn-js and dmn-js in Debian's Chromium) into PNG
// files, for docs/analysts.md and for looking at a change before committing it.
// Usage: node e2e/render-diagrams.mjs [--check] <output folder> <file.bpmn>[#<collapsed sub process id>] <file.dmn> ...
// --check: also report every label of a BPMN diagram that overlaps another label, a shape or a flow, as drawn (the
// text's own box, not the label's bounds in the file), and exit with 1 when there is one.
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
const check = process.argv.includes('--check');
const [out, ...diagrams] = process.argv.slice(2).filter((a) => a !== '--check');
let overlaps = 0;
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
  await page.addScriptTag({ content: `(${labelOverlapsSource})()` });
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
          overlaps: labelOverlaps(window.viewer),
          warnings: warnings.map((w) => w.message),
          width: Math.ceil(fitted.outer.width),
          height: Math.ceil(fitted.outer.height)
        };
      },
      { xml, plane }
    );
    for (const overlap of size.overlaps) {
      console.log(`${diagram}: ${overlap}`);
      overlaps++;
    }
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
if (check && overlaps) {
  console.log(`${overlaps} overlapping labels`);
  process.exit(1);
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

// Runs in the page: defines window.labelOverlaps(viewer)
function labelOverlapsSource() {
  window.labelOverlaps = (viewer) => {
    const registry = viewer.get('elementRegistry');
    const labels = [];
    const shapes = [];
    const flows = [];
    for (const e of registry.getAll()) {
      if (e.type === 'label') {
        const text = registry.getGraphics(e).querySelector('text');
        if (text && text.textContent.trim()) {
          const b = text.getBBox();
          labels.push({ e, x: e.x + b.x + 1, y: e.y + b.y + 1, w: b.width - 2, h: b.height - 2 });
        }
      } else if (e.waypoints) {
        flows.push(e);
      } else if (e.parent && e.type !== 'bpmn:Participant' && e.type !== 'bpmn:Lane') {
        shapes.push(e);
      }
    }
    const name = (e) => (e.labelTarget || e).id;
    const within = (e, s) => {
      for (let p = e.parent; p; p = p.parent) {
        if (p === s) return true;
      }
      return false;
    };
    const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const crosses = (r, p, q) => {
      // a horizontal or vertical segment (the flows are orthogonal) against a box
      const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
      const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
      return meets(r, { x: x1, y: y1, w: Math.max(x2 - x1, 0.5), h: Math.max(y2 - y1, 0.5) });
    };
    const found = [];
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1)) {
        if (meets(a, b)) found.push(`the label of ${name(a.e)} overlaps the label of ${name(b.e)}`);
      }
      for (const s of shapes) {
        if (s !== a.e.labelTarget && !within(a.e.labelTarget, s) && meets(a, { x: s.x, y: s.y, w: s.width, h: s.height })) {
          found.push(`the label of ${name(a.e)} overlaps ${s.id}`);
        }
      }
      for (const f of flows) {
        if (f === a.e.labelTarget) continue;
        if (f.waypoints.some((p, k) => k > 0 && crosses(a, f.waypoints[k - 1], p))) {
          found.push(`the label of ${name(a.e)} crosses ${f.id}`);
        }
      }
    });
    return found;
  };
}
