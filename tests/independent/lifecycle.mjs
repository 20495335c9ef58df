// Independent KooGallery client: plays the marketplace's side of the SaaS V2 and Kit V2 production
// interface against a running seller server and checks every rule the spec states for each call.
// Written from /work/shared/spec/saas-v2.md and README.md only (section references in each check).
// Node.js 20, built-in modules only.
//
//   node lifecycle.mjs --url http://127.0.0.1:5000/produce --basic-key K --kit-key K2 --rsa-public-key pub.pem
//        [--basic-previous-key K0] [--front-end-url-template 'https://app.example.com/{instanceId}']
//
// Prints one line per check (PASS / FAIL / NOTE) and a summary; exit code 1 on any FAIL, 0 otherwise.
// NOTE lines record behaviour the spec leaves open; they never fail the run.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { reportSummary } from './lifecycle/report.mjs';
import { basicScenario } from './lifecycle/basic-scenario.mjs';
import { kitScenario } from './lifecycle/kit-scenario.mjs';
import { Marketplace } from './lifecycle/marketplace.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'basic-key': { type: 'string' },
    'basic-previous-key': { type: 'string' },
    'kit-key': { type: 'string' },
    'rsa-public-key': { type: 'string' },
    'front-end-url-template': { type: 'string' },
  },
});

for (const required of ['url', 'basic-key', 'kit-key', 'rsa-public-key']) {
  if (!args[required]) {
    process.stderr.write(`lifecycle.mjs: --${required} is required\n`);
    process.exit(2);
  }
}

const marketplace = new Marketplace({
  url: args.url.replace(/\/+$/, ''),
  basicKey: args['basic-key'],
  basicPreviousKey: args['basic-previous-key'],
  kitKey: args['kit-key'],
  rsaPublicKeyPem: fs.readFileSync(args['rsa-public-key'], 'utf8'),
  frontEndUrlTemplate: args['front-end-url-template'],
  // Short, per-run prefix so that order and tenant IDs never collide with an earlier run's data.
  run: 'E' + crypto.randomBytes(4).toString('hex').toUpperCase(),
});

const started = performance.now();
try {
  const live = await basicScenario(marketplace);
  await kitScenario(marketplace, live);
} catch (e) {
  // A crash of the client itself is a failure too, never a silent pass.
  console.log(`FAIL [client] scenario aborted — ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
}
marketplace.close();
const failed = reportSummary(performance.now() - started);
if (failed > 0) process.exitCode = 1;
