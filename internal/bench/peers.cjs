// storyline bench --peers: runs peer systems on the texts and pages that
// storyline measured itself on, one worker thread per core, and prints one
// JSON object. Written by storyline's bench into the peers folder, next to
// the npm packages it loads; run as: node peers.cjs INPUT.json
'use strict';
const fs = require('fs');
const path = require('path');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

function version(name) {
  const p = path.join(__dirname, 'node_modules', name, 'package.json');
  return JSON.parse(fs.readFileSync(p, 'utf8')).version;
}

// Each task: its setup (load modules, once per thread) and its work on one
// input; work returns how many things it found, to show it did the work.
const tasks = {
  wink: {
    setup() {
      const winkNLP = require('wink-nlp');
      const model = require('wink-eng-lite-web-model');
      const nlp = winkNLP(model);
      return { nlp, its: nlp.its };
    },
    run(s, input) {
      const doc = s.nlp.readDoc(input.text);
      const sentences = doc.sentences().length();
      const ents = doc.entities().out(s.its.type);
      let dates = 0;
      for (const t of ents) if (t === 'DATE' || t === 'TIME' || t === 'DURATION') dates++;
      return { sentences, entities: ents.length, dates };
    },
    inputs: 'texts',
  },
  chrono: {
    setup() { return { chrono: require('chrono-node') }; },
    run(s, input) {
      const ref = input.published ? new Date(input.published) : new Date();
      return { dates: s.chrono.parse(input.text, ref).length };
    },
    inputs: 'texts',
  },
  readability: {
    setup() {
      const { JSDOM, VirtualConsole } = require('jsdom');
      const { Readability } = require('@mozilla/readability');
      return { JSDOM, Readability, vc: new VirtualConsole() };
    },
    run(s, input) {
      const dom = new s.JSDOM(input.html, { url: input.url, virtualConsole: s.vc });
      const art = new s.Readability(dom.window.document).parse();
      const n = art && art.textContent ? art.textContent.length : 0;
      dom.window.close();
      return { chars: n, pages_with_text: n > 0 ? 1 : 0 };
    },
    inputs: 'pages',
  },
};

if (!isMainThread) {
  const { task, file, worker, workers } = workerData;
  const t = tasks[task];
  const inputs = JSON.parse(fs.readFileSync(file, 'utf8'))[t.inputs];
  const s = t.setup();
  // Warm up on the first inputs, outside the timing.
  for (let i = 0; i < Math.min(2, inputs.length); i++) t.run(s, inputs[i]);
  parentPort.postMessage({ ready: true });
  parentPort.once('message', () => {
    const found = {};
    let n = 0;
    for (let i = worker; i < inputs.length; i += workers) {
      const r = t.run(s, inputs[i]);
      for (const k of Object.keys(r)) found[k] = (found[k] || 0) + r[k];
      n++;
    }
    parentPort.postMessage({ done: true, n, found });
  });
} else {
  const file = process.argv[2];
  const workers = Math.max(1, parseInt(process.argv[3] || '1', 10));
  const only = (process.argv[4] || 'wink,chrono,readability').split(',');
  const out = {
    node: process.version,
    versions: {},
    results: {},
  };
  for (const name of ['wink-nlp', 'wink-eng-lite-web-model', 'chrono-node', '@mozilla/readability', 'jsdom']) {
    out.versions[name] = version(name);
  }
  (async () => {
    for (const task of only) {
      const ws = [];
      for (let w = 0; w < workers; w++) {
        ws.push(new Worker(__filename, { workerData: { task, file, worker: w, workers } }));
      }
      await Promise.all(ws.map((w) => new Promise((res, rej) => {
        w.once('message', res);
        w.once('error', rej);
      })));
      const start = process.hrtime.bigint();
      const cpu0 = process.cpuUsage(); // the whole process: every thread
      const done = await Promise.all(ws.map((w) => new Promise((res, rej) => {
        w.once('message', res);
        w.once('error', rej);
        w.postMessage('go');
      })));
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const found = {};
      let n = 0;
      for (const d of done) {
        n += d.n;
        for (const k of Object.keys(d.found)) found[k] = (found[k] || 0) + d.found[k];
      }
      await Promise.all(ws.map((w) => w.terminate()));
      out.results[task] = { n, seconds, per_s: n / seconds, cpu_ms: n ? cpuMs / n : 0, found };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  })().catch((e) => {
    process.stderr.write(String(e && e.stack || e) + '\n');
    process.exit(1);
  });
}
