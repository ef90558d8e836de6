// Drives headless Chromium over page.html: renders every captured display message of the cudaenv kernel with
// JupyterLab 4's rendermime under each theme, trusted and untrusted, measures what a person would see, saves
// screenshots and writes the measurements as JSON for the Java test to assert.
//   node render.mjs BUILD_DIR MESSAGES.json OUT_DIR
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [buildDir, messagesFile, outDir] = process.argv.slice(2);
const messages = JSON.parse(fs.readFileSync(messagesFile, 'utf8'));
// theme: the stylesheet (none for VS Code, which has no JupyterLab variables); trusted, untrusted or both
const runs = [
  { name: 'light', css: 'theme-light.css', trusted: true },
  { name: 'light-untrusted', css: 'theme-light.css', trusted: false },
  { name: 'dark', css: 'theme-dark.css', trusted: true },
  { name: 'dark-untrusted', css: 'theme-dark.css', trusted: false },
  { name: 'dark-high-contrast', css: 'theme-dark-high-contrast.css', trusted: true },
  { name: 'vscode-dark', css: null, trusted: true },
];

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cudaenv-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
  viewport: { width: 1280, height: 900 },
});
const results = { ranks: null, runs: [] };
try {
  for (const run of runs) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto('file://' + path.resolve(buildDir, 'page.html'));
    const measured = await page.evaluate(async ({ run, messages }) => {
      if (run.css) {
        document.getElementById('theme').href = run.css;
        await new Promise(r => { document.getElementById('theme').onload = r; });
      } else {
        document.body.classList.remove('jp-ThemedContainer');
        document.body.classList.add('vscode-dark');
      }
      const outputs = [];
      for (const m of messages) {
        const label = document.createElement('div');
        label.className = 'cell-source';
        label.textContent = m.source + (run.trusted ? '' : '   (untrusted)');
        const host = document.createElement('div');
        host.className = 'jp-OutputArea-output';
        document.getElementById('outputs').append(label, host);
        const { mimeType } = await window.renderOutput(host, m.content, run.trusted);
        outputs.push({ source: m.source, msgType: m.msgType, mimeType, host });
      }
      await new Promise(r => setTimeout(r, 200));
      return outputs.map(o => ({ ...o, host: undefined, ...window.measure(o.host) }));
    }, { run, messages });
    if (!results.ranks) {
      results.ranks = await page.evaluate(() => window.rendererRanks());
    }
    const shot = path.join(outDir, 'jupyterlab-' + run.name + '.png');
    await page.screenshot({ path: shot, fullPage: true });
    // the first outputs at full size, as a person sees them on opening the notebook
    await page.screenshot({ path: shot.replace('.png', '-top.png'), clip: { x: 0, y: 0, width: 1280, height: 1400 } });
    results.runs.push({ ...run, screenshot: shot, errors, outputs: measured });
    await page.close();
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
fs.writeFileSync(path.join(outDir, 'jupyterlab-render.json'), JSON.stringify(results, null, 1));
console.log('rendered ' + messages.length + ' outputs in ' + runs.length + ' runs');
