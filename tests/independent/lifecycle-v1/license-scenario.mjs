// License families: legacy License GET (license-order-openapi.md §A.1, §A.2, §B), license code 2.0 POST (§A.3,
// §C.1), online license getLicenseAsync (§C.3); the license document format of docs/licenses.md.

import crypto from 'node:crypto';
import { hmacHex, sha256Hex } from '../koogallery.mjs';
import { check, note, section } from '../lifecycle/report.mjs';
import { claimProblems, unixSeconds, verifyLicense } from './documents.mjs';
import { expectCode, expireTime, newNonce } from './wire.mjs';

const OK = '000000';
const BAD_TOKEN = '000001';
const BAD_PARAM = '000002';
const NO_INSTANCE = '000003';
const PROCESSING = '000004';

export async function legacyLicenseScenario(m, licensePublicKeyPem) {
  const order = (tag) => `CS${m.run}L${tag}`;
  const uuid = () => crypto.randomUUID();
  const customerId = crypto.createHash('md5').update(m.run + 'license').digest('hex');
  const call = async (step, params, codes, rule, options) => {
    const reply = await m.get(params, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };

  // §B.1 reply: instanceId M String(64), license M String; the document verifies per docs/licenses.md.
  const checkIssued = (step, json, text, sent, reason) => {
    const problems = [];
    if (typeof json.instanceId !== 'string' || json.instanceId.length === 0 || json.instanceId.length > 64) problems.push(`instanceId ${JSON.stringify(json.instanceId)} is not a non-empty String(64)`);
    if (typeof json.license !== 'string' || json.license.length === 0) problems.push('license missing (§B.1 license M)');
    else if (licensePublicKeyPem) {
      const { problems: p, claims } = verifyLicense(json.license, licensePublicKeyPem);
      problems.push(...p);
      const expected = { instanceId: json.instanceId, orderId: sent.orderId, productId: sent.productId, sub: sent.customerId, reason };
      if (sent.skuCode) expected.skuCode = sent.skuCode;
      if (sent.expireTime) Object.assign(expected, { expireTime: sent.expireTime, exp: unixSeconds(sent.expireTime) });
      problems.push(...claimProblems(claims, expected));
      if (!sent.expireTime && claims?.exp !== undefined) problems.push(`claim exp ${claims.exp} present although the order has no expireTime`);
      if (sent.amount !== undefined && String(claims?.amount) !== sent.amount) problems.push(`claim amount ${JSON.stringify(claims?.amount)}, sent ${sent.amount}`);
    }
    check(step, 'getLicense reply: instanceId String(64) and a license that verifies offline with the claims of the order (§B.1, docs/licenses.md)',
      problems.length === 0, problems.length ? problems.join('; ') + ' — ' + text : `instanceId ${json.instanceId}, license ${json.license.length} chars`);
    return { instanceId: json.instanceId, license: json.license };
  };

  const getLicense = async (step, params, reason = 'purchase') => {
    const sent = { activity: 'getLicense', ...params };
    const { json, reply } = await call(step, sent, OK, 'getLicense delivers the license (§B.1)');
    return json ? checkIssued(step, json, reply.text, sent, reason) : {};
  };

  // ------------------------------------------------------------------------------------------
  section('legacy License getLicense (§B.1, §A.1, §A.2)');
  const orderA = order('A');
  const purchase = { customerId, customerName: 'e2e-license-buyer', orderId: orderA, skuCode: 'sku-lic-basic', productId: 'OFFI-E2E-0001',
    expireTime: expireTime(365), periodType: 'year', periodNumber: '1', amount: '5' };
  const a = await getLicense('getLicense A', { ...purchase, businessId: uuid() });
  for (const n of [2, 3]) {
    const retry = await getLicense(`getLicense A retry ${n}`, { ...purchase, businessId: uuid() });
    check(`getLicense A retry ${n}`, 'a resend of the order (new businessId) returns the same instanceId and the same License (§B.1 idempotency)',
      retry.instanceId === a.instanceId && retry.license === a.license && a.license !== undefined,
      `instanceId ${a.instanceId} / ${retry.instanceId}; license ${retry.license === a.license ? 'identical' : 'differs'}`);
  }
  const orderO = order('O');
  const oneTime = { customerId, orderId: orderO, productId: 'OFFI-E2E-0002' };
  const o = await getLicense('getLicense O (one-time)', { ...oneTime, businessId: uuid() });

  const orderP = order('P');
  const probes = [];
  for (const n of [1, 2]) probes.push(await getLicense(`probe getLicense #${n}`, { ...purchase, orderId: orderP, businessId: uuid(), testFlag: '1' }));
  const realP = await getLicense('getLicense P after probes', { ...purchase, orderId: orderP, businessId: uuid() });
  check('getLicense P after probes', 'debug calls (testFlag=1) created nothing: the real order gets its own instance and license (README, §F dial tests)',
    realP.instanceId !== undefined && probes.every((p) => p.instanceId !== realP.instanceId && p.license !== realP.license),
    `probes ${probes.map((p) => p.instanceId).join(', ')}, real ${realP.instanceId}`);

  // ------------------------------------------------------------------------------------------
  section('legacy License authToken and validation (§A.1, §B.1, §B.5)');
  await call('license bad token', { activity: 'getLicense', ...purchase, businessId: uuid() }, BAD_TOKEN, 'authToken with a wrong key (§A.1)', { key: 'not-the-v1-key' });
  await call('license no token', { activity: 'getLicense', ...purchase, businessId: uuid() }, BAD_TOKEN, 'no authToken (§A.1)', { omit: ['authToken'] });
  for (const field of ['customerId', 'businessId', 'orderId', 'productId']) {
    const params = { activity: 'getLicense', ...purchase, orderId: order('W'), businessId: uuid() };
    delete params[field];
    await call(`getLicense without ${field}`, params, BAD_PARAM, `${field} missing (§B.1 ${field} M)`);
  }
  await call('getLicense orderId 65 chars', { activity: 'getLicense', ...purchase, orderId: 'o'.repeat(65), businessId: uuid() }, BAD_PARAM, 'orderId longer than 64 (§B.1)');
  await call('getLicense customerId 101 chars', { activity: 'getLicense', ...purchase, customerId: 'c'.repeat(101), orderId: order('W'), businessId: uuid() }, BAD_PARAM, 'customerId longer than 100 (§B.1)');

  // ------------------------------------------------------------------------------------------
  section('legacy License refreshLicense / expireLicense / releaseLicense (§B.2-§B.4)');
  const renew = { activity: 'refreshLicense', instanceId: a.instanceId, orderId: order('R1'), productId: 'OFFI-E2E-0001', expireTime: expireTime(730), periodType: 'year', periodNumber: '1' };
  await call('refreshLicense A', renew, OK, 'renewal with a new expireTime (§B.2)');
  await call('refreshLicense A retry', renew, OK, 'the same renewal order again succeeds (§B.2 [INFERRED] idempotent)');
  await call('refreshLicense A 17 digits', { ...renew, orderId: order('R2'), expireTime: expireTime(800, true) }, OK, 'expireTime with 17 digits (decision 8)');
  for (const field of ['instanceId', 'orderId', 'expireTime']) {
    const params = { ...renew, orderId: order('R9') };
    delete params[field];
    await call(`refreshLicense without ${field}`, params, BAD_PARAM, `${field} missing (§B.2 ${field} M)`);
  }
  await call('refreshLicense bad expireTime', { ...renew, orderId: order('R9'), expireTime: '2030-13-01' }, BAD_PARAM, 'expireTime not yyyyMMddHHmmss (§B.2)');
  await call('refreshLicense unknown instance', { ...renew, orderId: order('R9'), instanceId: `${m.run}-nope` }, NO_INSTANCE, 'unknown instance (§B.5 000003)');
  {
    const again = await getLicense('getLicense A after renewal', { ...purchase, businessId: uuid() });
    check('getLicense A after renewal', 'a late resend of the purchase still returns the first License (§B.1 "the same License created the first time")',
      again.license === a.license && again.instanceId === a.instanceId, again.license === a.license ? 'identical' : 'differs');
  }
  const expire = { activity: 'expireLicense', instanceId: a.instanceId, orderId: orderA };
  await call('expireLicense A', expire, OK, 'expiry freezes the instance (§B.3)');
  await call('expireLicense A again', expire, OK, 'repeated expiry succeeds (§B.3 idempotent)');
  await call('expireLicense without instanceId', { activity: 'expireLicense', orderId: orderA }, BAD_PARAM, 'instanceId missing (§B.3)');
  {
    const r = await m.get({ ...expire, instanceId: `${m.run}-nope` });
    expectCode('expireLicense unknown', r, [OK, NO_INSTANCE], 'expiry of an unknown instance (§B.5 000003 "may")');
  }
  for (const n of [1, 2]) {
    for (const [name, params] of [
      ['refreshLicense', { ...renew, instanceId: probes[0]?.instanceId ?? 'probe', orderId: order('PR') }],
      ['expireLicense', { activity: 'expireLicense', instanceId: probes[0]?.instanceId ?? 'probe', orderId: orderP }],
      ['releaseLicense', { activity: 'releaseLicense', instanceId: probes[0]?.instanceId ?? 'probe', orderId: orderP }],
    ]) {
      await call(`probe ${name} #${n}`, { ...params, testFlag: '1' }, OK, 'dial tests (testFlag=1) with the debug instance keep succeeding (§F)');
    }
  }
  const release = { activity: 'releaseLicense', instanceId: a.instanceId, orderId: orderA };
  await call('releaseLicense A', release, OK, 'release (§B.4)');
  await call('releaseLicense A again', release, OK, 'repeated release succeeds (§B.4 [INFERRED])');
  await call('releaseLicense O', { activity: 'releaseLicense', instanceId: o.instanceId, orderId: orderO }, OK, 'release of the one-time license (§B.4)');
  await call('releaseLicense without instanceId', { activity: 'releaseLicense', orderId: orderA }, BAD_PARAM, 'instanceId missing (§B.4 M)');
  await call('releaseLicense without orderId', { activity: 'releaseLicense', instanceId: realP.instanceId }, BAD_PARAM, 'orderId missing (§B.4 M)');
}

// =============================================================================================
export async function licenseCodeScenario(m) {
  const code = `PL${m.run}0001`;
  const call = async (step, body, codes, rule, options) => {
    const reply = await m.post(body, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };
  const orderLine = (orderId) => `${orderId}-000001`;

  section('license code 2.0 refreshLicenseCode (§C.1.1, §A.3)');
  const renewal = { activity: 'refreshLicenseCode', scene: 'RENEWAL', orderId: `CS${m.run}C1`, orderLineId: orderLine(`CS${m.run}C1`), license: code,
    productId: 'OFFI-E2E-0003', expireTime: expireTime(365), testFlag: '0' };
  const first = await m.post(renewal);
  expectCode('refresh code', first, [OK, NO_INSTANCE], 'renewal of a code (§C.1.1; 000003 = code unknown)');
  const known = first.json?.resultCode === OK;
  note('refresh code', `the first renewal of a code the server never saw answered ${first.json?.resultCode} (§C.1: 000003 "授权码ID不存在" vs recording it)`);
  const okOr = known ? OK : [OK, NO_INSTANCE];
  await call('refresh code retry', renewal, okOr, 'the same renewal again (60 retries every 2 min, §C.1 [INFERRED] idempotent)');
  await call('refresh code 17 digits', { ...renewal, orderId: `CS${m.run}C2`, orderLineId: orderLine(`CS${m.run}C2`), expireTime: expireTime(400, true) }, okOr, 'expireTime with 17 digits (decision 8)');
  await call('refresh code unsubscribe', { ...renewal, scene: 'UNSUBSCRIBE_RENEWAL_PERIOD', orderId: `CS${m.run}C3`, orderLineId: orderLine(`CS${m.run}C3`), expireTime: expireTime(365) },
    okOr, 'UNSUBSCRIBE_RENEWAL_PERIOD (§C.1.1)');
  await call('refresh code bad scene', { ...renewal, scene: 'RENEW' }, BAD_PARAM, 'scene outside RENEWAL/UNSUBSCRIBE_RENEWAL_PERIOD (§C.1.1)');
  for (const field of ['scene', 'orderId', 'orderLineId', 'license', 'expireTime']) {
    const body = { ...renewal };
    delete body[field];
    await call(`refresh code without ${field}`, body, BAD_PARAM, `${field} missing (§C.1.1 ${field} M)`);
  }
  await call('refresh code license 65 chars', { ...renewal, license: 'L'.repeat(65) }, BAD_PARAM, 'license longer than 64 (§C.1.1)');
  await call('refresh code bad expireTime', { ...renewal, expireTime: '20301301000000' }, BAD_PARAM, 'expireTime month 13 (§C.1.1 yyyyMMddHHmmss)');

  section('license code 2.0 updateLicenseCodeStatus (§C.1.2)');
  const status = (value, extra = {}) => ({ activity: 'updateLicenseCodeStatus', license: code, status: value, ...extra });
  await call('freeze code', status('FREEZE'), okOr, 'FREEZE (§C.1.2)');
  await call('freeze code again', status('FREEZE'), okOr, 'repeated FREEZE (§C.1 retries)');
  await call('unfreeze code', status('UNFREEZE'), okOr, 'UNFREEZE (§C.1.2)');
  await call('unfreeze code again', status('UNFREEZE'), okOr, 'repeated UNFREEZE');
  await call('status code bad value', status('NORMAL'), BAD_PARAM, 'status outside FREEZE/UNFREEZE (§C.1.2)');
  await call('status code missing status', { activity: 'updateLicenseCodeStatus', license: code }, BAD_PARAM, 'status missing (§C.1.2 M)');
  await call('status code missing license', { activity: 'updateLicenseCodeStatus', status: 'FREEZE' }, BAD_PARAM, 'license missing (§C.1.2 M)');

  section('license code 2.0 signature (§A.3, README decisions 1, 2)');
  const probe = status('FREEZE');
  {
    const { reply } = await call('code signature valid', probe, okOr, 'valid signature with the License key');
    if (reply.json) await expectCode('code replay', await m.resend(reply), BAD_PARAM, 'exact resend: nonce replay (§A.3 "cache seen nonces")');
  }
  await call('code V1 key', probe, BAD_TOKEN, 'signed with the V1 Key (§A.3: one key per interface type)', { key: m.v1Key, bodySignKeys: [m.licenseKey, m.v1Key] });
  await call('code General key', probe, BAD_TOKEN, 'signed with the General key (§A.3)', { key: m.generalKey, bodySignKeys: [m.licenseKey, m.generalKey] });
  if (m.basicKey) await call('code basic key', probe, BAD_TOKEN, 'signed with the basic-interface key (§A.3)', { key: m.basicKey, bodySignKeys: [m.licenseKey, m.basicKey] });
  {
    const nonce = newNonce();
    const ts = String(Date.now());
    const text = JSON.stringify(Object.fromEntries(Object.entries(probe).sort(([x], [y]) => (x < y ? -1 : 1))));
    const unkeyed = hmacHex(m.licenseKey, m.licenseKey + nonce + ts + sha256Hex(text));
    await call('code unkeyed inner hash', probe, BAD_TOKEN, 'inner hash = plain SHA-256 (§A.3 "never accept both", decision 2)', { nonce, timestamp: ts, signature: unkeyed });
  }
  await call('code no signature', probe, BAD_TOKEN, 'signature parameter missing (§A.3)', { omit: ['signature'] });
  await call('code old timestamp', probe, BAD_PARAM, 'timestamp 120 s old (§A.3 "reject if |now − timestamp| > 60 s")', { timestamp: String(Date.now() - 120000) });
  {
    // One production URL serves several key families (§0, §A.3); a POST whose activity names no License family
    // cannot tell which key it was signed with, so 000001 is as defensible as the sample's 000002.
    const allKeys = [m.licenseKey, m.generalKey, m.basicKey, m.v1Key].filter(Boolean);
    const names = ['License', 'General', 'basic', 'V1'];
    for (const [step, body] of [['code unknown activity', { activity: 'activateLicenseCode', license: code }], ['code body not JSON', 'activity=refreshLicenseCode']]) {
      const r = await m.post(body, { bodySignKeys: allKeys });
      expectCode(step, r, [BAD_PARAM, BAD_TOKEN], 'signed with the License key but no License activity: rejected');
      note(step, `the §C.1 sample answers 000002 for an unknown activity; server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`
        + (r.bodySignKeyIndex !== undefined ? `, Body-Sign made with the ${names[r.bodySignKeyIndex]} key` : ''));
    }
  }

  section('license code 2.0 debug probes (testFlag "1", §C.1)');
  for (const n of [1, 2]) {
    await call(`probe refresh code #${n}`, { ...renewal, license: 'PL-DEBUG-0001', testFlag: '1' }, OK, 'debug renewal (应用接入调试) succeeds');
    await call(`probe status code #${n}`, status('FREEZE', { license: 'PL-DEBUG-0001', testFlag: '1' }), OK, 'debug status change succeeds');
    await call(`probe release code #${n}`, { activity: 'releaseLicenseCode', license: 'PL-DEBUG-0001', testFlag: '1' }, OK, 'debug release succeeds');
  }

  section('license code 2.0 releaseLicenseCode (§C.1.3)');
  const release = { activity: 'releaseLicenseCode', license: code, orderId: `CS${m.run}C9`, orderLineId: orderLine(`CS${m.run}C9`) };
  await call('release code', release, okOr, 'release after unsubscription, with its order (§C.1.3)');
  await call('release code again', release, okOr, 'repeated release (§C.1 retries, [INFERRED] idempotent)');
  await call('release code without order', { activity: 'releaseLicenseCode', license: code }, okOr, 'release after the retention period, without orderId (§C.1.3 orderId O)');
  await call('release code missing license', { activity: 'releaseLicenseCode' }, BAD_PARAM, 'license missing (§C.1.3 M)');
}

// =============================================================================================
export async function onlineLicenseScenario(m, licensePublicKeyPem) {
  section('online license getLicenseAsync (§C.3)');
  if (!m.basicKey) {
    note('getLicenseAsync', 'skipped: needs --basic-key to create the instance with newInstance');
    return;
  }
  const orderId = `CS${m.run}OL`;
  const businessId = crypto.randomUUID();
  const created = await m.post({ activity: 'newInstance', orderId, orderLineId: `${orderId}-000001`, businessId, testFlag: '0' }, { key: m.basicKey });
  const createdJson = expectCode('online newInstance', created, [OK, PROCESSING], 'the online-license instance is created with the V2 newInstance (§C.3)');
  const instanceId = createdJson?.instanceId;
  if (!instanceId) return;

  const fingerprint = '04:7C:16:5E:E3:5D|001B_444A_488B_5CEC.||BFEBFBFF00090672'; // §C.3 example
  const effective = new Date().toISOString().replace('T', ' ').slice(0, 19) + ' z'; // §C.3 "2023-10-27 10:30:15 z"
  const request = { activity: 'getLicenseAsync', instanceId, effectiveTime: effective, eventId: `EV${m.run}0001`, deviceFingerprint: fingerprint, testFlag: '0' };
  const ask = async (step, body, codes, rule, options) => {
    const reply = await m.post(body, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };
  const checkDocument = (step, json, body) => {
    if (typeof json?.license !== 'string') {
      note(step, `reply carries no license field (§C.3 delivers it by 字符串/文件流上传 under eventId): ${JSON.stringify(json)}`);
      return undefined;
    }
    const { problems, claims } = verifyLicense(json.license, licensePublicKeyPem);
    problems.push(...claimProblems(claims, { instanceId, eventId: body.eventId, deviceFingerprint: body.deviceFingerprint, effectiveTime: body.effectiveTime, reason: 'device' }));
    check(step, 'the license in the reply verifies offline with eventId/deviceFingerprint/effectiveTime claims (docs/licenses.md)', problems.length === 0,
      problems.length ? problems.join('; ') : `jti ${claims.jti}`);
    return json.license;
  };
  const { json: first } = await ask('getLicenseAsync', request, [OK, PROCESSING, '000902'], 'asynchronous license request (§C.3: 000000 sync / 000004 async)');
  if (first?.resultCode === '000902') {
    note('getLicenseAsync', 'server requires expireTime for this (periodic) instance (§C.3 000902); the remaining checks are skipped');
    return;
  }
  const license1 = checkDocument('getLicenseAsync', first, request);
  const { json: again } = await ask('getLicenseAsync retry', request, [OK, PROCESSING], 'the same request (eventId + deviceFingerprint) again');
  const license2 = checkDocument('getLicenseAsync retry', again, request);
  if (license1 !== undefined || license2 !== undefined) {
    check('getLicenseAsync retry', 'the same request returns the same License (§C.3 idempotency)', license1 === license2, 'licenses differ');
  }
  const other = { ...request, eventId: `EV${m.run}0002` };
  const { json: otherJson } = await ask('getLicenseAsync new event', other, [OK, PROCESSING], 'a new eventId is a new request');
  const license3 = checkDocument('getLicenseAsync new event', otherJson, other);
  if (license1 !== undefined && license3 !== undefined) check('getLicenseAsync new event', 'a new eventId gets a new license', license3 !== license1, '');
  for (const field of ['instanceId', 'effectiveTime', 'eventId']) {
    const body = { ...request };
    delete body[field];
    await ask(`getLicenseAsync without ${field}`, body, BAD_PARAM, `${field} missing (§C.3 ${field} M)`);
  }
  await ask('getLicenseAsync eventId 65 chars', { ...request, eventId: 'e'.repeat(65) }, BAD_PARAM, 'eventId longer than 64 (§C.3)');
  await ask('getLicenseAsync unknown instance', { ...request, instanceId: `${m.run}-nope`, eventId: `EV${m.run}0003` }, NO_INSTANCE, 'unknown instance (§C.3 000003)');
  await ask('getLicenseAsync V1 key', request, BAD_TOKEN, 'signed with the V1 Key (§A.3)', { key: m.v1Key, bodySignKeys: [m.licenseKey, m.v1Key] });
  {
    // The debugger first creates an instance with testFlag=1, then asks for a license for the instanceId it got.
    const debugOrder = `CS${m.run}OD`;
    const r = await m.post({ activity: 'newInstance', orderId: debugOrder, orderLineId: `${debugOrder}-000001`, businessId: crypto.randomUUID(), testFlag: '1' }, { key: m.basicKey });
    const debugInstance = expectCode('probe online newInstance', r, [OK, PROCESSING], 'debug create (testFlag=1) of the online-license instance')?.instanceId ?? 'debug-instance';
    for (const n of [1, 2]) {
      await ask(`probe getLicenseAsync #${n}`, { ...request, instanceId: debugInstance, eventId: 'EV-DEBUG', testFlag: '1' }, OK,
        'debug license request for the debug-created instance succeeds, again and again (README probes)');
    }
    const typed = await m.post({ ...request, instanceId: `${m.run}-typed`, eventId: 'EV-DEBUG', testFlag: '1' });
    expectCode('probe getLicenseAsync typed', typed, [OK, NO_INSTANCE], 'debug license request naming an instanceId typed on the debug page is answered cleanly');
    note('probe getLicenseAsync typed', `spec is silent on debug calls for unknown instances; server answered ${typed.json?.resultCode} "${typed.json?.resultMsg}"`);
  }
  {
    const r = await m.post({ ...request, eventId: `EV${m.run}0004` }, { key: m.basicKey, bodySignKeys: [m.basicKey, m.licenseKey] });
    expectCode('getLicenseAsync basic key', r, [OK, PROCESSING, BAD_TOKEN], 'signed with the basic-interface key is answered cleanly');
    note('getLicenseAsync basic key', `§C.3 only says "key from 密钥管理"; with the basic key the server answered ${r.json?.resultCode}`);
  }
}
