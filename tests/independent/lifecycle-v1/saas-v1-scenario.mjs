// SaaS V1 basic interfaces: GET ?activity=... with authToken (saas-v1-and-joint.md §2.1, §2.3, §2.4, §3, §4;
// README decisions 3, 5, 6, 7, 8, 11).

import crypto from 'node:crypto';
import { aesEncrypt, authToken } from '../koogallery.mjs';
import { check, note, section } from '../lifecycle/report.mjs';
import { checkAppInfo, encryptionBits } from './documents.mjs';
import { expectCode, expireTime, v1TimeStamp } from './wire.mjs';

const OK = '000000';
const BAD_TOKEN = '000001';
const BAD_PARAM = '000002';
const NO_INSTANCE = '000003';
const PROCESSING = '000004';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 16 random [A-Za-z0-9] characters, the sample's IV (§2.4). */
export const randomIv = () => Array.from(crypto.randomBytes(16), (b) => ALNUM[b % ALNUM.length]).join('');
const flip = (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);

export async function saasV1Scenario(m, frontEndUrlTemplate) {
  const order = (tag) => `CS${m.run}V${tag}`;
  const uuid = () => crypto.randomUUID();
  const customerId = crypto.createHash('md5').update(m.run).digest('hex');

  const call = async (step, params, codes, rule, options) => {
    const reply = await m.get(params, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };

  // The reply fields of a created instance (§3.1): instanceId M String(64), encryptType O, appInfo with
  // frontEndUrl (the debugger requires instanceId and frontEndUrl, saas-v2.md §5), encrypted credentials.
  const checkCreated = (step, json, text) => {
    const problems = [];
    if (typeof json.instanceId !== 'string' || json.instanceId.length === 0 || json.instanceId.length > 64) {
      problems.push(`instanceId ${JSON.stringify(json.instanceId)} is not a non-empty String(64)`);
    }
    const [bits, bitsProblem] = encryptionBits(json);
    if (bitsProblem) problems.push(bitsProblem);
    let creds = {};
    if (json.resultCode === OK) {
      if (json.appInfo === undefined || json.appInfo === null) problems.push('appInfo missing on a successful create (§3.1; the debugger requires frontEndUrl)');
      else {
        creds = checkAppInfo(json.appInfo, 'appInfo', m.v1Keys(), bits, text);
        problems.push(...creds.problems);
        if (frontEndUrlTemplate && json.appInfo.frontEndUrl !== frontEndUrlTemplate.replace('{instanceId}', json.instanceId)) {
          problems.push(`frontEndUrl ${json.appInfo.frontEndUrl} is not the configured template for ${json.instanceId}`);
        }
      }
    }
    check(step, 'newInstance reply: instanceId String(64), encryptType 1|2, appInfo.frontEndUrl, userName/password AES-decryptable with the V1 Key (§2.4, §3.1)',
      problems.length === 0, problems.length ? problems.join('; ') + ' — ' + text
        : `instanceId ${json.instanceId}, encryptType ${json.encryptType ?? '(absent → 1)'}, userName ${creds.userName ?? '(none)'}`);
    return { instanceId: json.instanceId, userName: creds.userName, password: creds.password };
  };

  const queryInfo = async (step, instanceId, rule) => {
    const { json, reply } = await call(step, { activity: 'queryInstance', instanceId }, OK, rule);
    const found = new Map();
    if (!json) return found;
    const problems = [];
    const [bits, bitsProblem] = encryptionBits(json);
    if (bitsProblem) problems.push(bitsProblem);
    if (json.info !== undefined && !Array.isArray(json.info)) problems.push('info is not an array');
    for (const [i, entry] of (Array.isArray(json.info) ? json.info : []).entries()) {
      if (typeof entry?.instanceId !== 'string' || entry.instanceId.length > 64) problems.push(`info[${i}].instanceId missing or longer than 64`);
      let creds = {};
      if (entry?.appInfo) {
        creds = checkAppInfo(entry.appInfo, `info[${i}].appInfo`, m.v1Keys(), bits, reply.text);
        problems.push(...creds.problems);
      }
      if (entry?.usageInfo !== undefined && !Array.isArray(entry.usageInfo)) problems.push(`info[${i}].usageInfo is not an array`);
      found.set(entry?.instanceId, { ...entry, creds });
    }
    check(step, 'queryInstance reply: info[] entries with instanceId ≤64, appInfo credentials AES-decryptable per encryptType (§3.7)',
      problems.length === 0, problems.length ? problems.join('; ') + ' — ' + reply.text : `${found.size} entries`);
    return found;
  };

  const create = async (step, params) => {
    const { json, reply } = await call(step, { activity: 'newInstance', ...params }, [OK, PROCESSING], 'newInstance answers success or processing (§3.1)');
    if (!json) return {};
    const created = checkCreated(step, json, reply.text);
    if (json.resultCode === PROCESSING && params.testFlag !== '1') {
      for (let i = 0; i < 40; i++) {
        const r = await m.get({ activity: 'queryInstance', instanceId: created.instanceId });
        const entry = r.json?.info?.find?.((e) => e?.instanceId === created.instanceId);
        if (r.json?.resultCode === OK && entry) {
          check(step, 'after 000004, queryInstance lists the instance', true, `${i + 1} polls`);
          return created;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      check(step, 'after 000004, queryInstance lists the instance within 10 s', false, created.instanceId);
    }
    return created;
  };

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 newInstance with every documented field (§3.1, §2.4)');
  const extendParams = [{ name: 'identificationCode', value: 'E2E-0001' }, { name: 'companyName', value: '华为测试 & Co' }];
  const saasExtendParams = Buffer.from(JSON.stringify(extendParams), 'utf8').toString('base64');
  const orderA = order('A');
  const businessA = uuid();
  const full = {
    customerId, customerName: 'e2e-buyer', userId: 'iam-user-0001', userName: 'e2e-iam-user',
    mobilePhone: aesEncrypt(m.v1Key, 256, randomIv(), '13800000000'),
    email: aesEncrypt(m.v1Key, 256, randomIv(), 'buyer+e2e@example.com'),
    orderId: orderA, skuCode: 'sku-e2e-basic', productId: '00301-666666-0--0', trialFlag: '0', expireTime: expireTime(30),
    chargingMode: '1', saasExtendParams, amount: '30', diskSize: '100', bandWidth: '10', periodType: 'month', periodNumber: '1',
    orderAmount: '99.500', provisionType: '1',
  };
  const a = await create('create A', { ...full, businessId: businessA });
  const instanceA = a.instanceId;
  if (instanceA === businessA) check('create A', 'instanceId = the first businessId (§3.1 recommendation)', true, instanceA);
  else note('create A', `instanceId ${instanceA} is not the first businessId ${businessA} (§3.1 only recommends it)`);
  for (const n of [2, 3]) {
    const retry = await create(`create A retry ${n}`, { ...full, businessId: uuid() });
    check(`create A retry ${n}`, 'a resend of the order with a new businessId returns the same instanceId (§3.1 idempotency)',
      retry.instanceId === instanceA, `first ${instanceA}, now ${retry.instanceId}`);
    if (a.userName !== undefined || retry.userName !== undefined) {
      check(`create A retry ${n}`, 'the resend returns the previously created instance info: same decrypted userName and password (§3.1)',
        retry.userName === a.userName && retry.password === a.password,
        `first userName ${a.userName}, now ${retry.userName}; passwords ${retry.password === a.password ? 'equal' : 'differ'}`);
    }
  }
  {
    // V1 has no nonce: a duplicate delivery of the very same GET (same timeStamp and authToken) is an ordinary retry.
    const params = [['activity', 'newInstance'], ...Object.entries({ ...full, businessId: uuid() }), ['timeStamp', v1TimeStamp()]];
    const firstReply = await m.get(params);
    const again = await m.resend(firstReply);
    const json = expectCode('create A duplicate delivery', again, [OK, PROCESSING], 'the identical GET delivered twice (no V1 replay rule, §2.1 [UNCONFIRMED] window)');
    if (json) check('create A duplicate delivery', 'the duplicate returns the same instanceId (§3.1 idempotency)', json.instanceId === instanceA, `first ${instanceA}, now ${json.instanceId}`);
    if (/\\u00[0-7][0-9A-F]/i.test(again.text)) note('create A duplicate delivery', `the reply escapes ASCII characters as \\u00XX (valid JSON, same values): ${again.text.slice(0, 300)}`);
  }
  {
    const accepted = await create('create A acceptance', { ...full, businessId: uuid(), acceptanceTime: v1TimeStamp() });
    check('create A acceptance', 'the call sent when the buyer accepts (acceptanceTime) succeeds with the same instanceId (§3.1 acceptanceTime)',
      accepted.instanceId === instanceA, `first ${instanceA}, now ${accepted.instanceId}`);
  }

  const orderT = order('T');
  const trial = await create('create T (trial)', { customerId, customerName: 'e2e-buyer', businessId: uuid(), orderId: orderT, skuCode: 'sku-e2e-basic',
    productId: '00301-666666-0--0', trialFlag: '1', expireTime: expireTime(7), chargingMode: '1', periodType: 'month', periodNumber: '1' });
  const instanceT = trial.instanceId;

  const orderU = order('U');
  const ppu = (productId) => ({ customerId, customerName: 'e2e-buyer', businessId: uuid(), orderId: orderU, skuCode: `sku-${productId}`, productId, chargingMode: '0' });
  const u1 = (await create('create U item 1 (pay-per-use)', ppu('00301-PPU-1'))).instanceId;
  const u2 = (await create('create U item 2 (pay-per-use)', ppu('00301-PPU-2'))).instanceId;
  check('create U', 'pay-per-use: each (orderId, productId) gets its own instance (§3.1)', u1 !== undefined && u2 !== undefined && u1 !== u2, `${u1}, ${u2}`);
  const u1again = (await create('create U item 1 retry', ppu('00301-PPU-1'))).instanceId;
  check('create U item 1 retry', 'pay-per-use resend of (orderId, productId) returns its instance (§3.1)', u1again === u1, `first ${u1}, now ${u1again}`);

  await create('create M (AES-128 phone)', { customerId, customerName: 'e2e-buyer', businessId: uuid(), orderId: order('M'), skuCode: 'sku-e2e-basic',
    productId: '00301-666666-0--0', mobilePhone: aesEncrypt(m.v1Key, 128, randomIv(), '13900000000'), email: aesEncrypt(m.v1Key, 128, randomIv(), 'b@example.com') });
  {
    const r = await m.get({ activity: 'newInstance', customerId, businessId: uuid(), orderId: order('N'), skuCode: 'sku-e2e-basic', productId: '00301-666666-0--0',
      mobilePhone: randomIv() + 'bm90IGVuY3J5cHRlZA==' });
    expectCode('create N (undecryptable phone)', r, [OK, PROCESSING, BAD_PARAM, '000101'], 'mobilePhone that does not decrypt is answered cleanly');
    note('create N (undecryptable phone)', `spec is silent on an undecryptable mobilePhone; server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`);
  }

  {
    // §2.1 step 1 caution: a "+" of a Base64 value that arrives un-encoded reads as a space in a form decoder.
    let phone;
    do phone = aesEncrypt(m.v1Key, 256, randomIv(), '13700000000'); while (!phone.slice(16).includes('+'));
    const r = await m.get({ activity: 'newInstance', customerId, businessId: uuid(), orderId: order('K'), skuCode: 'sku-e2e-basic', productId: '00301-666666-0--0', mobilePhone: phone },
      { literal: ['mobilePhone'] });
    expectCode('create K (literal + in phone)', r, [OK, PROCESSING, BAD_TOKEN, BAD_PARAM], 'mobilePhone with an un-encoded "+" is answered cleanly');
    note('create K (literal + in phone)', `the marketplace encodes "+" as %2B (§2.1); un-encoded, the server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`);
  }

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 debug probes (testFlag=1, §3 common, README "debug calls must not create real resources")');
  const orderP = order('P');
  const probes = [];
  for (const n of [1, 2]) {
    probes.push((await create(`probe create P #${n}`, { ...full, orderId: orderP, businessId: uuid(), testFlag: '1' })).instanceId);
  }
  const probeInstance = probes[0] ?? `${m.run}-probe`;
  note('probe create P', `two debug creates of one order answered instanceIds ${probes.join(', ')}`);
  const businessP = uuid();
  const realP = (await create('create P after probes', { ...full, orderId: orderP, businessId: businessP })).instanceId;
  check('create P after probes', 'the debug creates left nothing behind: the real create of the order gets a new instance (README)',
    realP !== undefined && !probes.includes(realP), `probes ${probes.join(', ')}, real ${realP}`);
  {
    // The doc's own example request (§3.1): no skuCode, no customerName.
    const r = await m.get({ activity: 'newInstance', businessId: uuid(), customerId: '68cbc86abc2018ab880d92f36422fa0e', expireTime: '20200727153156',
      orderId: 'CS1906666666ABCDE', productId: '00301-666666-0--0', testFlag: '1' });
    expectCode('probe doc example', r, [OK, PROCESSING, BAD_PARAM], 'the doc example request (testFlag=1, no skuCode) is answered cleanly');
    note('probe doc example', `the §3.1 example URL omits skuCode (M in the table); server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`);
  }

  // ------------------------------------------------------------------------------------------
  section('V1 authToken (§2.1, README decisions 3 and 5)');
  const q = { activity: 'queryInstance', instanceId: instanceA };
  await call('token valid', q, OK, 'queryInstance with a correct authToken');
  if (m.v1PreviousKey) {
    const { reply } = await call('token previous key', q, OK, 'signed with the previous V1 Key during rotation (docs/configuration.md)', { key: m.v1PreviousKey });
    if (reply.json?.resultCode === OK) {
      check('token previous key', 'Body-Sign is computed with the key the marketplace signed with, so it verifies there (§2.3)',
        reply.bodySignKeyIndex === 1, `Body-Sign verified with key #${reply.bodySignKeyIndex}`);
    }
  }
  {
    const params = [...Object.entries(q), ['timeStamp', v1TimeStamp()]];
    await call('token one char changed', params, BAD_TOKEN, 'authToken with one character changed (§2.1)', { token: flip(authToken(m.v1Key, params)) });
  }
  await call('token missing', q, BAD_TOKEN, 'no authToken parameter (§2.1 authToken M)', { omit: ['authToken'] });
  await call('token other key', q, BAD_TOKEN, 'authToken made with the V2 basic accessKey, not the V1 Key (§1.3)', { key: m.basicKey ?? 'not-the-key' });
  {
    const params = [...Object.entries(q), ['timeStamp', v1TimeStamp()]];
    const plainKey = crypto.createHmac('sha256', m.v1Key).update(params.map(([n, v]) => `${n}=${v}`).sort().join('&')).digest('base64');
    await call('token key without timeStamp', params, BAD_TOKEN, 'HMAC key = Key alone instead of Key + timeStamp (§2.1 step 5)', { token: plainKey });
  }
  {
    const ids = [instanceA, instanceT].join(',');
    const params = [['activity', 'queryInstance'], ['instanceId', ids], ['timeStamp', v1TimeStamp()]];
    await call('token over decoded comma', params, OK, 'comma-separated instanceId arrives as %2C; the token covers the decoded value (§2.1 step 1)');
    await call('token over encoded comma', params, BAD_TOKEN, 'token computed over the still-encoded value "%2C" (§2.1 step 1: decode first)',
      { tokenParams: params.map(([n, v]) => [n, encodeURIComponent(v)]) });
  }
  {
    // A token with '+' that arrives un-encoded: a form decoder turns it into a space (decision 5).
    let params;
    let token;
    for (let i = 0; i < 500; i++) {
      params = [...Object.entries(q), ['timeStamp', v1TimeStamp(Date.now() - i)]];
      token = authToken(m.v1Key, params);
      if (token.includes('+')) break;
    }
    await call('token literal plus', params, OK, 'authToken containing "+" sent un-encoded, so "+" reads as a space (decision 5)', { token, literal: ['authToken'] });
  }
  await call('token blank param kept', [...Object.entries(q), ['extra', '']], OK, 'an empty parameter is part of the token string (§2.1 step 2)');
  {
    const params = [...Object.entries(q), ['extra', ''], ['timeStamp', v1TimeStamp()]];
    const r = await m.get(params, { tokenParams: params.filter(([, v]) => v !== '') });
    expectCode('token blank param skipped', r, [BAD_TOKEN, OK], 'token that skips the empty parameter is answered cleanly');
    if (r.json?.resultCode === OK) note('token blank param skipped', 'a GET token that leaves out the empty parameter was accepted too (§2.1 step 2 keeps blanks; lenient)');
  }
  await call('token unknown param', { ...q, futureParam: 'x/y+z=' }, OK, 'an unknown extra parameter is covered by the token and tolerated (§3.1 "include them in the authToken string")');
  await call('token ordinal sort', { ...q, Zeta: '1', alpha: '2' }, OK, 'names sorted ordinally: "Zeta" < "activity" < "alpha" (decision 3)');
  {
    const old = v1TimeStamp(Date.now() - 86400000);
    const r = await m.get([...Object.entries(q), ['timeStamp', old]]);
    expectCode('token day-old timeStamp', r, [OK, BAD_PARAM, BAD_TOKEN], 'a day-old timeStamp is answered cleanly');
    note('token day-old timeStamp', `no V1 replay window is documented (§2.1 [UNCONFIRMED]); server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`);
  }
  await call('token no timeStamp', q, [BAD_TOKEN, BAD_PARAM], 'no timeStamp parameter (timeStamp M; the token cannot be checked)', { omit: ['timeStamp'], token: 'AAAA' });
  await call('probe bad token', { activity: 'newInstance', ...full, businessId: uuid(), orderId: order('Q'), testFlag: '1' }, BAD_TOKEN,
    'testFlag=1 still verifies the authToken', { token: 'bm90IGEgdG9rZW4=' });

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 request validation → 000002 (§3, §4)');
  {
    const r = await m.send({ method: 'GET', path: m.url.pathname, headers: { Accept: 'application/json' }, body: '', bodySignKeys: m.v1Keys(), family: 'v1' });
    expectCode('GET without query', r, [BAD_TOKEN, BAD_PARAM], 'GET of the production address without any parameter');
  }
  const newBase = { activity: 'newInstance', customerId, customerName: 'e2e-buyer', businessId: uuid(), orderId: order('W'), skuCode: 'sku-e2e-basic', productId: '00301-666666-0--0' };
  await call('unknown activity', { ...newBase, activity: 'deleteInstance' }, BAD_PARAM, 'unknown activity (§3 common)');
  await call('V2 activity over GET', { activity: 'updateInstanceStatus', instanceId: instanceA, status: 'FREEZE' }, BAD_PARAM, 'a V2-only activity is not a V1 GET activity (§3 common)');
  {
    const body = { ...newBase };
    delete body.activity;
    await call('no activity', body, BAD_PARAM, 'activity missing (activity M)');
  }
  for (const field of ['customerId', 'businessId', 'orderId', 'productId']) {
    const body = { ...newBase };
    delete body[field];
    await call(`newInstance without ${field}`, body, BAD_PARAM, `${field} missing (§3.1 ${field} M)`);
  }
  {
    // §3.1 marks skuCode M, but the doc's own example request (§3.1 "Example request") has none.
    const body = { ...newBase, businessId: uuid(), orderId: order('S') };
    delete body.skuCode;
    const r = await m.get(body);
    expectCode('newInstance without skuCode', r, [BAD_PARAM, OK, PROCESSING], 'skuCode missing is answered cleanly');
    note('newInstance without skuCode', `§3.1 table says skuCode M but the §3.1 example request omits it; server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`);
  }
  await call('newInstance empty orderId', { ...newBase, orderId: '' }, BAD_PARAM, 'orderId empty (§3.1 orderId M)');
  for (const [field, max] of [['orderId', 64], ['businessId', 64], ['customerId', 100], ['customerName', 64], ['skuCode', 64], ['productId', 64]]) {
    await call(`newInstance ${field} ${max + 1} chars`, { ...newBase, [field]: 'x'.repeat(max + 1) }, BAD_PARAM, `${field} longer than ${max} (§3.1)`);
  }
  {
    const body = { ...newBase, testFlag: '1' };
    delete body.orderId;
    await call('probe without orderId', body, BAD_PARAM, 'testFlag=1 still validates the parameters');
  }

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 queryInstance (§3.7)');
  {
    const found = await queryInfo('query A', instanceA, 'query one instance (§3.7)');
    const info = found.get(instanceA);
    check('query A', 'info lists the instance with appInfo.frontEndUrl', typeof info?.appInfo?.frontEndUrl === 'string', JSON.stringify(info ?? null));
    if (a.userName !== undefined) {
      check('query A', 'queryInstance returns the same (decrypted) userName and password as newInstance',
        info?.creds?.userName === a.userName && info?.creds?.password === a.password, `create ${a.userName}, query ${info?.creds?.userName}`);
    }
  }
  {
    const ids = [instanceA, instanceT, u1];
    const found = await queryInfo('query three', ids.join(','), 'comma-separated instanceIds, "," sent as %2C (§3.7)');
    check('query three', 'one info entry per requested instance (§3.7)', ids.every((id) => found.has(id)) && found.size === 3, [...found.keys()].join(', '));
  }
  await call('query no instanceId', { activity: 'queryInstance' }, BAD_PARAM, 'instanceId missing (§3.7 instanceId M)');
  {
    const unknownId = `${m.run}-nope`;
    const r = await m.get({ activity: 'queryInstance', instanceId: unknownId });
    const json = expectCode('query unknown', r, [OK, NO_INSTANCE], 'unknown instance');
    if (json?.resultCode === OK) check('query unknown', 'no info entry for an instance that does not exist', !(json.info ?? []).some((e) => e?.instanceId === unknownId), r.text);
    note('query unknown', `spec is silent on querying an unknown instance; server answered ${r.json?.resultCode}`);
  }
  {
    const ids = [instanceA, ...Array.from({ length: 100 }, (_, i) => `${m.run}X${i}`)];
    const r = await m.get({ activity: 'queryInstance', instanceId: ids.join(',') });
    expectCode('query 101 ids', r, [OK, BAD_PARAM, NO_INSTANCE], 'more than 100 instanceIds is answered cleanly');
    note('query 101 ids', `§3.7 says ≤100 ids; server answered ${r.json?.resultCode} "${r.json?.resultMsg}"`);
  }

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 refreshInstance (§3.2)');
  const renewA = { activity: 'refreshInstance', instanceId: instanceA, orderId: order('R1'), expireTime: expireTime(60), periodType: 'month', periodNumber: '1', orderAmount: '99.5' };
  await call('renew A', renewA, OK, 'renewal with periodType/periodNumber/orderAmount (§3.2)');
  await call('renew A retry', renewA, OK, 'the same renewal order again succeeds (§3.2 idempotency)');
  await call('renew A 17 digits', { ...renewA, orderId: order('R2'), expireTime: expireTime(90, true) }, OK, 'expireTime with 17 digits (decision 8)');
  await call('renew A refund', { ...renewA, orderId: order('R3'), expireTime: expireTime(60), orderAmount: '-99.500' }, OK, 'renewal refund with a negative orderAmount (§3.2)');
  await call('trial to formal T', { activity: 'refreshInstance', instanceId: instanceT, orderId: order('F1'), productId: '00301-777777-0--0', expireTime: expireTime(365),
    trialToFormal: '1', periodType: 'year', periodNumber: '1' }, OK, 'trialToFormal=1 with a new productId (§3.2)');
  for (const field of ['orderId', 'instanceId', 'expireTime']) {
    const body = { ...renewA, orderId: order('R9') };
    delete body[field];
    await call(`renew without ${field}`, body, BAD_PARAM, `${field} missing (§3.2 ${field} M)`);
  }
  for (const [tag, value] of [['dashed', '2030-01-01 00:00:00'], ['12 digits', '203001010000'], ['month 13', '20301301000000']]) {
    await call(`renew expireTime ${tag}`, { ...renewA, orderId: order('R9'), expireTime: value }, BAD_PARAM, `expireTime "${value}" (decision 8: 14 or 17 digits, a real date)`);
  }
  await call('renew productId 65 chars', { ...renewA, orderId: order('R9'), productId: 'p'.repeat(65) }, BAD_PARAM, 'productId longer than 64 (§3.2)');
  await call('renew unknown instance', { ...renewA, orderId: order('R9'), instanceId: `${m.run}-nope` }, NO_INSTANCE, 'unknown instance (§3.4 / §4 000003)');

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 upgrade (§3.5)');
  const upgradeA = { activity: 'upgrade', instanceId: instanceA, orderId: order('G1'), skuCode: 'sku-e2e-large', productId: '00301-888888-0--0',
    amount: '60', diskSize: '200', bandWidth: '20', saasExtendParams };
  await call('upgrade A', upgradeA, OK, 'upgrade with new skuCode/productId and linear attributes (§3.5)');
  await call('upgrade A retry', upgradeA, OK, 'the same upgrade order again succeeds');
  for (const field of ['instanceId', 'orderId', 'skuCode', 'productId']) {
    const body = { ...upgradeA, orderId: order('G9') };
    delete body[field];
    await call(`upgrade without ${field}`, body, BAD_PARAM, `${field} missing (§3.5 ${field} M)`);
  }
  await call('upgrade unknown instance', { ...upgradeA, orderId: order('G9'), instanceId: `${m.run}-nope` }, NO_INSTANCE, 'unknown instance (§4 000003 "renew/expire/release/upgrade")');

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 instanceStatus (§3.6)');
  const status = (instanceId, value) => ({ activity: 'instanceStatus', instanceId, instanceStatus: value });
  await call('freeze U1', status(u1, 'FREEZE'), OK, 'FREEZE (§3.6)');
  await call('freeze U1 again', status(u1, 'FREEZE'), OK, 'repeated FREEZE succeeds');
  await call('unfreeze U1', status(u1, 'NORMAL'), OK, 'NORMAL (§3.6 解冻)');
  await call('unfreeze U1 again', status(u1, 'NORMAL'), OK, 'repeated NORMAL succeeds');
  await call('status bad value', status(u1, 'STOP'), BAD_PARAM, 'instanceStatus outside FREEZE/NORMAL (§3.6)');
  {
    const r = await m.get(status(u1, 'UNFREEZE'));
    expectCode('status UNFREEZE', r, [OK, BAD_PARAM], 'the V2 word UNFREEZE is answered cleanly');
    note('status UNFREEZE', `V1 documents only FREEZE/NORMAL; server answered ${r.json?.resultCode} to UNFREEZE`);
  }
  await call('status missing', { activity: 'instanceStatus', instanceId: u1 }, BAD_PARAM, 'instanceStatus missing (§3.6 M)');
  await call('status no instanceId', { activity: 'instanceStatus', instanceStatus: 'FREEZE' }, BAD_PARAM, 'instanceId missing (§3.6 M)');
  await call('status unknown instance', status(`${m.run}-nope`, 'FREEZE'), NO_INSTANCE, 'unknown instance (§4 000003)');

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 expireInstance (§3.3)');
  const expireA = { activity: 'expireInstance', instanceId: instanceA, orderId: orderA };
  await call('expire A', expireA, OK, 'expiry freezes the instance (§3.3)');
  await call('expire A again', expireA, OK, 'repeated expiry succeeds without re-processing (§3.3)');
  {
    const found = await queryInfo('query expired A', instanceA, 'query while expired');
    check('query expired A', 'an expired (frozen) instance is still listed; data is kept until release (§3.3, §3.4)', found.has(instanceA), [...found.keys()].join(', '));
  }
  await call('renew A after expiry', { ...renewA, orderId: order('R4'), expireTime: expireTime(120) }, OK, 'renewal during the retention period (README lifecycle)');
  await call('expire without instanceId', { activity: 'expireInstance', orderId: orderA }, BAD_PARAM, 'instanceId missing (§3.3 M)');
  await call('expire without orderId', { activity: 'expireInstance', instanceId: instanceA }, BAD_PARAM, 'orderId missing (§3.3 M)');
  await call('expire unknown instance', { ...expireA, instanceId: `${m.run}-nope` }, NO_INSTANCE, 'unknown instance (§3.4 "000003 is a documented answer for renew/expire/release")');

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 debug calls with the debug-created instanceId (testFlag=1)');
  for (const n of [1, 2]) {
    for (const [step, params] of [
      ['refresh', { activity: 'refreshInstance', instanceId: probeInstance, orderId: order('PR'), expireTime: expireTime(30) }],
      ['upgrade', { ...upgradeA, instanceId: probeInstance, orderId: order('PG') }],
      ['status', status(probeInstance, 'FREEZE')],
      ['expire', { activity: 'expireInstance', instanceId: probeInstance, orderId: orderP }],
      ['query', { activity: 'queryInstance', instanceId: probeInstance }],
      ['release', { activity: 'releaseInstance', instanceId: probeInstance, orderId: orderP }],
    ]) {
      await call(`probe ${step} #${n}`, { ...params, testFlag: '1' }, OK, 'saved debug cases are replayed twice a day and must keep succeeding (README)');
    }
  }
  {
    const typed = `${m.run}-typed`;
    const results = [];
    for (const params of [
      { activity: 'refreshInstance', instanceId: typed, orderId: order('PR'), expireTime: expireTime(30) },
      { activity: 'expireInstance', instanceId: typed, orderId: order('PE') },
      { activity: 'releaseInstance', instanceId: typed, orderId: order('PE') },
    ]) {
      const r = await m.get({ ...params, testFlag: '1' });
      expectCode(`typed ${params.activity}`, r, [OK, NO_INSTANCE], 'debug call naming an instanceId typed on the debug page is answered cleanly');
      results.push(`${params.activity} ${r.json?.resultCode}`);
    }
    note('typed instanceId', `V1 is silent on debug calls for unknown instances; server answered ${results.join(', ')}`);
  }
  await call('probe release T', { activity: 'releaseInstance', instanceId: instanceT, orderId: orderT, testFlag: '1' }, OK, 'testFlag=1 release naming a real instance');
  {
    const found = await queryInfo('query T after probe release', instanceT, 'query after the debug release');
    check('query T after probe release', 'the debug release did not release the real instance (README: debug calls have no real effect)', found.has(instanceT), [...found.keys()].join(', '));
  }

  // ------------------------------------------------------------------------------------------
  section('SaaS V1 releaseInstance (§3.4)');
  const releaseA = { activity: 'releaseInstance', instanceId: instanceA, orderId: orderA, orderAmount: '99.5' };
  await call('release A', releaseA, OK, 'release (§3.4)');
  await call('release A again', releaseA, OK, 'repeated release succeeds without re-processing (§3.4)');
  await call('release T', { activity: 'releaseInstance', instanceId: instanceT, orderId: orderT }, OK, 'release (§3.4)');
  await call('release without instanceId', { activity: 'releaseInstance', orderId: orderA }, BAD_PARAM, 'instanceId missing (§3.4 M)');
  await call('release without orderId', { activity: 'releaseInstance', instanceId: u2 }, BAD_PARAM, 'orderId missing (§3.4 M)');
  {
    const r = await m.get({ activity: 'releaseInstance', instanceId: `${m.run}-nope`, orderId: order('X') });
    expectCode('release unknown instance', r, [OK, NO_INSTANCE], 'release of an instance that never existed (§3.4: 000003 documented)');
  }
  {
    const r = await m.get({ activity: 'queryInstance', instanceId: instanceA });
    expectCode('query A after release', r, [OK, NO_INSTANCE], 'a released instance is answered cleanly');
    note('query A after release', `spec is silent on queries for a released instance; server answered ${r.text}`);
  }
  return { liveInstance: u2, orderOfLiveInstance: orderU };
}
