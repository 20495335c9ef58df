// Independent KooGallery client for the V1-era production interfaces: SaaS V1 (GET + authToken), joint Kit V1
// (POST /produceAPI/{name} + authToken header), legacy License (GET), license code 2.0 (POST, License key),
// online license getLicenseAsync, and orderNotify (POST, General key). Plays the marketplace against a running
// seller server and checks every rule the spec states. Written from /work/shared/spec/README.md,
// saas-v1-and-joint.md and license-order-openapi.md (and docs/licenses.md for the license document) only.
// Node.js 20, built-in modules only.
//
//   node lifecycle-v1.mjs --url http://127.0.0.1:5000/produce --v1-key K [--v1-previous-key K0] --license-key L
//        --general-key G --rsa-public-key rsa.pub.pem --license-public-key license.pub.pem [--basic-key B]
//        [--front-end-url-template 'https://app.example.com/{instanceId}']
//
// One line per check (PASS / FAIL / NOTE) and a summary; exit code 1 on any FAIL. NOTE never fails the run.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { note, reportSummary, section } from './lifecycle/report.mjs';
import { kitV1Scenario } from './lifecycle-v1/kit-v1-scenario.mjs';
import { legacyLicenseScenario, licenseCodeScenario, onlineLicenseScenario } from './lifecycle-v1/license-scenario.mjs';
import { orderNotifyScenario } from './lifecycle-v1/order-notify-scenario.mjs';
import { saasV1Scenario } from './lifecycle-v1/saas-v1-scenario.mjs';
import { V1Marketplace, bodySignForms } from './lifecycle-v1/wire.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'v1-key': { type: 'string' },
    'v1-previous-key': { type: 'string' },
    'license-key': { type: 'string' },
    'general-key': { type: 'string' },
    'basic-key': { type: 'string' },
    'rsa-public-key': { type: 'string' },
    'license-public-key': { type: 'string' },
    'front-end-url-template': { type: 'string' },
  },
});

for (const required of ['url', 'v1-key', 'license-key', 'general-key', 'rsa-public-key', 'license-public-key']) {
  if (!args[required]) {
    process.stderr.write(`lifecycle-v1.mjs: --${required} is required\n`);
    process.exit(2);
  }
}

const m = new V1Marketplace({
  url: args.url.replace(/\/+$/, ''),
  v1Key: args['v1-key'],
  v1PreviousKey: args['v1-previous-key'],
  licenseKey: args['license-key'],
  generalKey: args['general-key'],
  basicKey: args['basic-key'],
  // Short per-run prefix so that order, tenant and license ids never collide with an earlier run's data.
  run: 'E' + crypto.randomBytes(4).toString('hex').toUpperCase(),
});
const licensePublicKeyPem = fs.readFileSync(args['license-public-key'], 'utf8');

const started = performance.now();
try {
  const live = await saasV1Scenario(m, args['front-end-url-template']);
  await kitV1Scenario(m, live, fs.readFileSync(args['rsa-public-key'], 'utf8'));
  await legacyLicenseScenario(m, licensePublicKeyPem);
  await licenseCodeScenario(m);
  await onlineLicenseScenario(m, licensePublicKeyPem);
  await orderNotifyScenario(m);
  section('observations');
  for (const [family, form] of bodySignForms) note('Body-Sign', `${family} replies use the form ${form}`);
} catch (e) {
  console.log(`FAIL [client] scenario aborted — ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
}
m.close();
if (reportSummary(performance.now() - started) > 0) process.exitCode = 1;
