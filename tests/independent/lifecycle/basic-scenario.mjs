// SaaS V2 basic interfaces (saas-v2.md §2.2, §3.1-§3.7, §1.7, README decisions 1, 2, 8, 9, 11).

import crypto from 'node:crypto';
import { hmacHex, sha256Hex, v2Signature } from '../koogallery.mjs';
import { checkCreateReply, checkQueryReply } from './instance-info.mjs';
import { describe, expectCode, expireTime, marketplaceJson, newNonce } from './marketplace.mjs';
import { check, note, section } from './report.mjs';

const OK = '000000';
const BAD_SIGNATURE = '000001';
const BAD_PARAM = '000002';
const NO_INSTANCE = '000003';
const PROCESSING = '000004';

const flipHex = (hex) => (hex[0] === 'A' ? 'B' : 'A') + hex.slice(1);

export async function basicScenario(m) {
  const order = (tag) => `CS${m.run}${tag}`;
  const line = (orderId, n = 1) => `${orderId}-${String(n).padStart(6, '0')}`;
  const uuid = () => crypto.randomUUID();

  const call = async (step, body, codes, rule, options) => {
    const reply = await m.basic(body, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };

  // newInstance; 000004 means "provisioning asynchronously", then queryInstance is polled (§3.1, §3.11).
  const create = async (step, orderId, businessId, extra = {}) => {
    const body = { activity: 'newInstance', orderId, orderLineId: extra.orderLineId ?? line(orderId), businessId, ...extra };
    const { json } = await call(step, body, [OK, PROCESSING], 'newInstance answers success or processing (§3.1)');
    if (!json) return undefined;
    const instanceId = checkCreateReply(step, json);
    if (json.resultCode === PROCESSING && instanceId && body.testFlag !== '1') await pollUntilListed(step, instanceId);
    return instanceId;
  };

  const pollUntilListed = async (step, instanceId) => {
    for (let i = 0; i < 40; i++) {
      const r = await m.basic({ activity: 'queryInstance', instanceId });
      if (r.json?.resultCode === OK && Array.isArray(r.json.info) && r.json.info.some((e) => e?.instanceId === instanceId)) {
        return check(step, 'after 000004, queryInstance lists the instance (§3.1, §3.11)', true, `${i + 1} polls`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return check(step, 'after 000004, queryInstance lists the instance within 10 s (§3.1, §3.11)', false, instanceId);
  };

  const query = (step, instanceId, codes, rule, options) =>
    call(step, { activity: 'queryInstance', instanceId }, codes, rule, options);

  // ------------------------------------------------------------------------------------------
  section('newInstance, idempotency and debug probes (§3.1, §1.7, §5, §7.6)');
  const orderA = order('A');
  const businessA = uuid();
  const instanceA = await create('create A', orderA, businessA);
  check('create A', 'instanceId = the first businessId of the order (§3.1 recommendation; this server documents it)',
    instanceA === businessA, `businessId ${businessA}, instanceId ${instanceA}`);
  for (const n of [2, 3]) {
    const retried = await create(`create A retry ${n}`, orderA, uuid());
    check(`create A retry ${n}`, 'a resend with a new businessId returns the same instanceId (§1.7)',
      retried === instanceA, `first ${instanceA}, now ${retried}`);
  }
  const instanceA2 = await create('create A line 2', orderA, uuid(), { orderLineId: line(orderA, 2) });
  check('create A line 2', 'another orderLineId of the same order gets its own instance (§1.7 orderId + orderLineId)',
    instanceA2 !== undefined && instanceA2 !== instanceA, `line 1 ${instanceA}, line 2 ${instanceA2}`);

  const orderT = order('T');
  const instanceT = await create('create T (trial)', orderT, uuid());

  const orderZ = order('Z');
  const businessZ = uuid();
  const instanceZ = await create('create Z testFlag "0"', orderZ, businessZ, { testFlag: '0' });
  check('create Z testFlag "0"', 'testFlag "0" (older docs) is a real request (§3 common)', instanceZ === businessZ,
    `businessId ${businessZ}, instanceId ${instanceZ}`);

  // The seller-center debugger (§5): create with testFlag=1, then the other tabs with the instanceId it
  // returned; saved cases are replayed twice a day, so every one must succeed again and again.
  const orderP = order('P');
  const probeInstances = [];
  for (const n of [1, 2]) {
    probeInstances.push(await create(`probe create P #${n}`, orderP, uuid(), { testFlag: '1' }));
  }
  const probeInstance = probeInstances[0] ?? `${m.run}-probe`;
  note('probe create P', `two debug creates of one order answered instanceIds ${probeInstances.join(', ')}`);
  const businessP = uuid();
  const instanceP = await create('create P after probes', orderP, businessP);
  check('create P after probes', 'debug calls (testFlag=1) created nothing: the first real call decides the instanceId (§1.7, §7.6)',
    instanceP === businessP, `real businessId ${businessP}, instanceId ${instanceP}`);
  await call('probe create mock order', { activity: 'newInstance', orderId: 'MOCKPERIODYEARNEW', orderLineId: 'MOCKPERIODYEARNEW-000001', businessId: uuid(), testFlag: '1' },
    OK, 'debugger mock order with testFlag=1 succeeds (§5, §3.10 mock orders)');

  // ------------------------------------------------------------------------------------------
  section('V2 request signature and replay protection (§2.2, decisions 1 and 2)');
  const queryA = { activity: 'queryInstance', instanceId: instanceA };
  const accepted = await query('sig upper-case', instanceA, OK, 'upper-case hex signature, as the marketplace sends (§2.2)');
  if (accepted.reply) {
    await expectCode('sig replay', await m.resend(accepted.reply), BAD_PARAM, 'exact resend of an accepted request (nonce replay, decision 1)');
    const nonce = new URLSearchParams(accepted.reply.sent.path.split('?')[1]).get('nonce');
    await query('sig nonce reuse', instanceA, BAD_PARAM, 'same nonce, fresh timestamp, valid signature (decision 1)', { nonce });
  }
  await query('sig lower-case', instanceA, OK, 'lower-case hex signature (decision 2: case-insensitive)', { lowerCase: true });
  const shortNonce = crypto.randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '0').slice(0, 16);
  await query('sig short nonce', instanceA, OK, '16-character alphanumeric nonce as in the doc examples (§2.2)', { nonce: shortNonce });
  {
    const nonce = newNonce();
    const ts = String(Date.now());
    const good = v2Signature(m.basicKey, nonce, ts, marketplaceJson(queryA)).toUpperCase();
    await query('sig one char changed', instanceA, BAD_SIGNATURE, 'signature with one hex digit changed (§2.2)', { nonce, timestamp: ts, signature: flipHex(good) });
  }
  await query('sig missing', instanceA, BAD_SIGNATURE, 'no signature parameter (§2.2 sample)', { omit: ['signature'] });
  await call('sig body tampered', { ...queryA, instanceId: instanceT }, BAD_SIGNATURE,
    'body changed after signing (§2.2)', { signedPayload: marketplaceJson(queryA) });
  await query('sig kit key', instanceA, BAD_SIGNATURE, 'signed with the Kit accessKey (§2.1 one key per interface type)', { key: m.kitKey });
  {
    const nonce = newNonce();
    const ts = String(Date.now());
    const body = marketplaceJson(queryA);
    const unkeyed = hmacHex(m.basicKey, m.basicKey + nonce + ts + sha256Hex(body));
    await query('sig unkeyed inner hash', instanceA, BAD_SIGNATURE, 'inner hash = plain SHA-256 (decision 2: never accepted)', { nonce, timestamp: ts, signature: unkeyed });
  }
  if (m.basicPreviousKey) {
    await query('sig previous key', instanceA, OK, 'signed with the previous key during rotation (§7.7)', { key: m.basicPreviousKey });
  }
  const now = Date.now();
  await query('sig timestamp -30 s', instanceA, OK, 'timestamp 30 s old (decision 1: ±60 s)', { timestamp: String(now - 30000) });
  await query('sig timestamp +30 s', instanceA, OK, 'timestamp 30 s ahead (decision 1: ±60 s)', { timestamp: String(now + 30000) });
  await query('sig timestamp -120 s', instanceA, BAD_PARAM, 'timestamp 120 s old (decision 1, §2.2 sample → 000002)', { timestamp: String(now - 120000) });
  await query('sig timestamp +120 s', instanceA, BAD_PARAM, 'timestamp 120 s ahead (decision 1: both sides)', { timestamp: String(now + 120000) });
  await query('sig timestamp seconds', instanceA, BAD_PARAM, 'timestamp in seconds, not milliseconds (§2.2, decision 1)', { timestamp: String(Math.floor(now / 1000)) });
  await query('sig timestamp not a number', instanceA, BAD_PARAM, 'timestamp "abc" (§2.2 timestamp is a Long)', { timestamp: 'abc' });
  await query('sig timestamp missing', instanceA, BAD_PARAM, 'no timestamp parameter (§2.2 sample → 000002)', { omit: ['timestamp'] });
  await query('sig nonce missing', instanceA, BAD_PARAM, 'no nonce parameter (§2.2 sample → 000002)', { omit: ['nonce'] });
  await call('sig raw pretty body', JSON.stringify(queryA, null, 2), OK, 'pretty-printed body signed over its raw bytes (decision 2: raw body first)');
  {
    const reversed = `{"instanceId":${JSON.stringify(instanceA)},"activity":"queryInstance"}`;
    await call('sig canonical fallback', reversed, OK, 'unsorted body signed over the sorted canonical form (decision 2, §2.2.1)', { signedPayload: marketplaceJson(queryA) });
    const withNull = `{"activity":"queryInstance","instanceId":${JSON.stringify(instanceA)},"testFlag":null}`;
    await call('sig null kept', withNull, BAD_SIGNATURE, 'a null member is part of the canonical form: signed without it, refused (decision 2)', { signedPayload: marketplaceJson(queryA) });
    const repeated = `{"activity":"queryInstance","instanceId":${JSON.stringify(instanceA)},"instanceId":"other"}`;
    await call('sig repeated key', repeated, BAD_SIGNATURE, 'a key that appears twice is refused before anything else (decision 13)', { signedPayload: repeated });
  }
  await call('probe bad signature', { activity: 'newInstance', orderId: 'MOCKPERIODYEARNEW', orderLineId: 'MOCKPERIODYEARNEW-000001', businessId: uuid(), testFlag: '1' },
    BAD_SIGNATURE, 'testFlag=1 still verifies the signature (§7.6)', { key: m.kitKey });

  // ------------------------------------------------------------------------------------------
  section('request validation → 000002 (§3, §7.1)');
  const newBody = { activity: 'newInstance', orderId: order('V'), orderLineId: line(order('V')), businessId: uuid() };
  await call('unknown activity', { ...newBody, activity: 'deleteInstance' }, BAD_PARAM, 'unknown activity (§7.1)');
  await call('no activity', { orderId: newBody.orderId, orderLineId: newBody.orderLineId, businessId: newBody.businessId }, BAD_PARAM, 'activity missing (§3.1 activity M)');
  for (const field of ['orderId', 'orderLineId', 'businessId']) {
    const body = { ...newBody };
    delete body[field];
    await call(`newInstance without ${field}`, body, BAD_PARAM, `${field} missing (§3.1 ${field} M)`);
  }
  await call('newInstance empty orderId', { ...newBody, orderId: '' }, BAD_PARAM, 'orderId empty (§3.1 orderId M)');
  await call('newInstance orderId 65 chars', { ...newBody, orderId: 'C'.repeat(65) }, BAD_PARAM, 'orderId longer than 64 (§3.1 max 64)');
  await call('newInstance businessId 65 chars', { ...newBody, businessId: 'b'.repeat(65) }, BAD_PARAM, 'businessId longer than 64 (§3.1 max 64)');
  await call('newInstance legacy extra fields', { ...newBody, orderId: order('L'), orderLineId: line(order('L')),
    buyerInfo: { customerId: '68cbc86abc2018ab880d92f36422fa0e', customerName: 'e2e' }, orderInfo: [{ chargingMode: 'PERIOD', periodType: 'month', periodNumber: 5 }] },
  [OK, PROCESSING], 'unknown extra members as in the older V2 body are tolerated (§3.1.4 "parse tolerantly")');
  await call('probe without orderId', { activity: 'newInstance', orderLineId: 'MOCKPERIODYEARNEW-000001', businessId: uuid(), testFlag: '1' },
    BAD_PARAM, 'testFlag=1 still validates the body (§7.6)');
  await call('body not JSON', 'activity=newInstance&orderId=X', BAD_PARAM, 'signed body that is not JSON (§1.2 JSON request)');
  await call('body JSON array', '[]', BAD_PARAM, 'signed body that is a JSON array (§1.3)');
  await call('body empty', '', BAD_PARAM, 'signed empty body (§1.3)');

  // ------------------------------------------------------------------------------------------
  section('queryInstance (§3.2)');
  {
    const { json, reply } = await query('query A', instanceA, OK, 'query one instance (§3.2)');
    if (json) {
      const found = checkQueryReply('query A', json, reply);
      const info = found.get(instanceA);
      check('query A', 'info lists the instance (§3.2 "called until instance info is returned")', info !== undefined, reply.text);
      check('query A', 'appInfo with frontEndUrl returned (§3.2 "if not sent otherwise, it must be returned here")',
        typeof info?.appInfo?.frontEndUrl === 'string', reply.text);
      if (m.frontEndUrlTemplate && info?.appInfo) {
        const expected = m.frontEndUrlTemplate.replace('{instanceId}', instanceA);
        check('query A', 'frontEndUrl is the configured template for this instance', info.appInfo.frontEndUrl === expected,
          `expected ${expected}, got ${info.appInfo.frontEndUrl}`);
      }
    }
  }
  {
    const ids = [instanceA, instanceT, instanceA2];
    const { json, reply } = await query('query three', ids.join(','), OK, 'comma-separated instanceIds (§3.2)');
    if (json) {
      const found = checkQueryReply('query three', json, reply);
      check('query three', 'one info entry per requested instance (§3.2)', ids.every((id) => found.has(id)) && found.size === 3, reply.text);
    }
  }
  await query('query blank', '', BAD_PARAM, 'instanceId empty (§3.2 instanceId M; sample)');
  await call('query no instanceId', { activity: 'queryInstance' }, BAD_PARAM, 'instanceId missing (§3.2 instanceId M)');
  {
    const unknown = (n) => Array.from({ length: n }, (_, i) => `${m.run}X${i}`);
    await query('query 101 ids', [instanceA, ...unknown(100)].join(','), BAD_PARAM, 'more than 100 instanceIds (§3.2 up to 100; sample)');
    const { reply } = await query('query 100 ids', [instanceA, instanceT, ...unknown(98)].join(','), [OK, NO_INSTANCE],
      '100 instanceIds, far more than 100 characters, are not rejected as too long (§3.2 "don\'t enforce it")');
    if (reply.json?.resultCode === OK) {
      const found = checkQueryReply('query 100 ids', reply.json, reply);
      check('query 100 ids', 'the two known instances are listed', found.has(instanceA) && found.has(instanceT), reply.text);
    }
  }
  {
    const unknownId = `${m.run}-nope`;
    const { reply } = await query('query unknown', unknownId, [OK, NO_INSTANCE], 'unknown instance (§3.2, §4)');
    if (reply.json?.resultCode === OK) {
      const found = checkQueryReply('query unknown', reply.json, reply);
      check('query unknown', 'no info entry for an instance that does not exist', !found.has(unknownId), reply.text);
    }
    note('query unknown', `the spec does not say how to answer a query for an unknown instance; server answered ${describe(reply)}`);
  }
  for (const n of [1, 2]) {
    await call(`probe query #${n}`, { activity: 'queryInstance', instanceId: probeInstance, testFlag: '1' }, OK,
      'debug query of the instanceId the debug create returned (§5, §7.6)');
  }

  // ------------------------------------------------------------------------------------------
  section('refreshInstance (§3.3)');
  const refresh = (fields) => ({ activity: 'refreshInstance', ...fields });
  const renewal = refresh({ instanceId: instanceA, scene: 'RENEWAL', orderId: order('R1'), orderLineId: line(order('R1')), expireTime: expireTime(395) });
  await call('renew A', renewal, OK, 'RENEWAL with a 14-digit expireTime (§3.3)');
  await call('renew A retry', renewal, OK, 'the same renewal order again succeeds (§1.7; extending once is not observable on the wire)');
  await call('renew A 17 digits', refresh({ instanceId: instanceA, scene: 'RENEWAL', orderId: order('R2'), orderLineId: line(order('R2')), expireTime: expireTime(760, true) }),
    OK, 'RENEWAL with a 17-digit expireTime as in the doc example (§3.3, decision 8)');
  const toFormal = refresh({ instanceId: instanceT, scene: 'TRIAL_TO_FORMAL', orderId: order('F1'), orderLineId: line(order('F1')), productId: '00301-000001-0--0', expireTime: expireTime(30) });
  await call('trial to formal T', toFormal, OK, 'TRIAL_TO_FORMAL with a new productId (§3.3)');
  await call('trial to formal T retry', toFormal, OK, 'the same conversion order again succeeds (§1.7)');
  await call('unsubscribe renewal A', refresh({ instanceId: instanceA, scene: 'UNSUBSCRIBE_RENEWAL_PERIOD', orderId: order('U1'), orderLineId: line(order('U1')), expireTime: expireTime(395) }),
    OK, 'UNSUBSCRIBE_RENEWAL_PERIOD moves the expiry back (§3.3)');

  section('changeInstanceCheck (§3.7) and RENEWAL_CHANGE (§3.3)');
  const productInfo = { skuCode: 'sku-e2e-large', productId: '00301-000002-0--0', linearValue: 20 };
  await call('change check object', { activity: 'changeInstanceCheck', instanceId: instanceA, productInfo }, OK, 'productInfo as an object (§3.7)');
  await call('change check string', { activity: 'changeInstanceCheck', instanceId: instanceA, productInfo: JSON.stringify(productInfo) }, OK,
    'productInfo as a JSON string (decision 9)');
  await call('change check no productInfo', { activity: 'changeInstanceCheck', instanceId: instanceA }, BAD_PARAM, 'productInfo missing (§3.7 productInfo M)');
  await call('change check no instanceId', { activity: 'changeInstanceCheck', productInfo }, BAD_PARAM, 'instanceId missing (§3.7 instanceId M)');
  await call('change check unknown', { activity: 'changeInstanceCheck', instanceId: `${m.run}-nope`, productInfo }, NO_INSTANCE, 'unknown instance (§4 000003)');
  await call('probe change check', { activity: 'changeInstanceCheck', instanceId: probeInstance, productInfo, testFlag: '1' }, OK, 'debug call with the debug-created instanceId (§5, §7.6)');
  await call('renewal change A', refresh({ instanceId: instanceA, scene: 'RENEWAL_CHANGE', orderId: order('C1'), orderLineId: line(order('C1')), expireTime: expireTime(395) }),
    OK, 'RENEWAL_CHANGE after changeInstanceCheck (§3.3, §3.11)');

  section('refreshInstance rejections (§3.3, §4)');
  const base = { instanceId: instanceA, scene: 'RENEWAL', orderId: order('R9'), orderLineId: line(order('R9')), expireTime: expireTime(400) };
  await call('refresh unknown scene', refresh({ ...base, scene: 'RENEW' }), BAD_PARAM, 'scene outside the enum (§3.3)');
  for (const field of ['scene', 'orderId', 'orderLineId', 'instanceId', 'expireTime']) {
    const body = refresh(base);
    delete body[field];
    await call(`refresh without ${field}`, body, BAD_PARAM, `${field} missing (§3.3 ${field} M)`);
  }
  for (const [tag, value] of [['dashed date', '2030-01-01 00:00:00'], ['12 digits', '203001010000'], ['month 13', '20301301000000']]) {
    await call(`refresh expireTime ${tag}`, refresh({ ...base, expireTime: value }), BAD_PARAM, `expireTime "${value}" (decision 8: 14 or 17 digits, a real date)`);
  }
  await call('refresh productId 65 chars', refresh({ ...base, productId: 'p'.repeat(65) }), BAD_PARAM, 'productId longer than 64 (§3.3 max 64)');
  await call('refresh unknown instance', refresh({ ...base, instanceId: `${m.run}-nope` }), NO_INSTANCE, 'unknown instance (§3.3 "Use 000003 for unknown instance")');
  for (const scene of ['RENEWAL', 'TRIAL_TO_FORMAL', 'UNSUBSCRIBE_RENEWAL_PERIOD', 'RENEWAL_CHANGE']) {
    await call(`probe refresh ${scene}`, refresh({ ...base, scene, instanceId: probeInstance, testFlag: '1' }), OK, 'debug call with the debug-created instanceId (§5, §7.6)');
  }

  // ------------------------------------------------------------------------------------------
  section('updateInstanceStatus (§3.4)');
  const status = (instanceId, value, extra = {}) => ({ activity: 'updateInstanceStatus', instanceId, status: value, ...extra });
  await call('freeze A', status(instanceA, 'FREEZE'), OK, 'FREEZE (§3.4)');
  await call('freeze A again', status(instanceA, 'FREEZE'), OK, 'repeated FREEZE succeeds (§1.7)');
  {
    const { json, reply } = await query('query frozen A', instanceA, OK, 'query while frozen (§3.2 called whenever the buyer opens resource info)');
    if (json) {
      check('query frozen A', 'a frozen instance is still listed; its data is kept during the freeze period (§3.4)',
        checkQueryReply('query frozen A', json, reply).has(instanceA), reply.text);
    }
  }
  await call('unfreeze A', status(instanceA, 'UNFREEZE'), OK, 'UNFREEZE (§3.4)');
  await call('unfreeze A again', status(instanceA, 'UNFREEZE'), OK, 'repeated UNFREEZE succeeds (§1.7)');
  await call('status instanceId 65 chars', status('i'.repeat(65), 'FREEZE'), BAD_PARAM, 'instanceId longer than 64 (§3.4 max 64)');
  await call('status unknown value', status(instanceA, 'STOP'), BAD_PARAM, 'status outside FREEZE/UNFREEZE (§3.4)');
  await call('status missing', { activity: 'updateInstanceStatus', instanceId: instanceA }, BAD_PARAM, 'status missing (§3.4 status M)');
  await call('status no instanceId', { activity: 'updateInstanceStatus', status: 'FREEZE' }, BAD_PARAM, 'instanceId missing (§3.4 instanceId M)');
  await call('status unknown instance', status(`${m.run}-nope`, 'FREEZE'), NO_INSTANCE, 'unknown instance (§4 000003)');
  for (const value of ['FREEZE', 'UNFREEZE']) {
    await call(`probe status ${value}`, status(probeInstance, value, { testFlag: '1' }), OK, 'debug call with the debug-created instanceId (§5, §7.6)');
  }

  // ------------------------------------------------------------------------------------------
  section('upgradeInstance (§3.6)');
  const upgrade = { activity: 'upgradeInstance', instanceId: instanceA, orderId: order('G1'), orderLineId: line(order('G1')) };
  await call('upgrade A', upgrade, OK, 'upgrade with a new order (§3.6)');
  await call('upgrade A retry', upgrade, OK, 'the same upgrade order again succeeds (§1.7)');
  for (const field of ['orderId', 'orderLineId', 'instanceId']) {
    const body = { ...upgrade };
    delete body[field];
    await call(`upgrade without ${field}`, body, BAD_PARAM, `${field} missing (§3.6 ${field} M)`);
  }
  await call('upgrade unknown instance', { ...upgrade, instanceId: `${m.run}-nope`, orderId: order('G2'), orderLineId: line(order('G2')) },
    NO_INSTANCE, 'unknown instance (§4 000003)');
  await call('probe upgrade', { ...upgrade, instanceId: probeInstance, testFlag: '1' }, OK, 'debug call with the debug-created instanceId (§5, §7.6)');

  // ------------------------------------------------------------------------------------------
  {
    const { json, reply } = await query('query A before release', instanceA, OK, 'query after renewals, changes and upgrade');
    if (json) {
      const info = checkQueryReply('query A before release', json, reply).get(instanceA);
      check('query A before release', 'the instance keeps its instanceId and frontEndUrl through the lifecycle (§3.6 "instanceId unchanged")',
        info !== undefined && (!m.frontEndUrlTemplate || info.appInfo?.frontEndUrl === m.frontEndUrlTemplate.replace('{instanceId}', instanceA)), reply.text);
    }
  }

  // ------------------------------------------------------------------------------------------
  section('debug calls naming an instanceId typed on the debug page (§3 common, §5, §7.6)');
  // §3: "On testFlag="1" the sample skips business logic and returns success"; §7.6: "validate and return
  // canned success without side effects". The debug page lets the seller type any instanceId.
  const typed = `${m.run}-typed`;
  for (const [step, body] of [
    ['typed query', { activity: 'queryInstance', instanceId: typed }],
    ['typed refresh', refresh({ ...base, instanceId: typed })],
    ['typed status', status(typed, 'FREEZE')],
    ['typed upgrade', { ...upgrade, instanceId: typed }],
    ['typed change check', { activity: 'changeInstanceCheck', instanceId: typed, productInfo }],
    ['typed release', { activity: 'releaseInstance', instanceId: typed }],
  ]) {
    await call(step, { ...body, testFlag: '1' }, OK, 'testFlag=1 with a valid body answers canned success');
  }

  // ------------------------------------------------------------------------------------------
  section('releaseInstance (§3.5)');
  const release = (instanceId, extra = {}) => ({ activity: 'releaseInstance', instanceId, ...extra });
  for (const n of [1, 2]) {
    await call(`probe release #${n}`, release(probeInstance, { testFlag: '1' }), OK, 'debug release of the debug-created instanceId, repeatable (§5, §7.6)');
  }
  await call('probe release T', release(instanceT, { testFlag: '1' }), OK, 'testFlag=1 release naming a real instance (§7.6)');
  {
    const { json, reply } = await query('query T after probe release', instanceT, OK, 'query after the debug release');
    if (json) {
      check('query T after probe release', 'the debug release did not release the real instance (§1.7 "must not create/affect real resources")',
        checkQueryReply('query T after probe release', json, reply).has(instanceT), reply.text);
    }
  }
  const releaseA = release(instanceA, { orderId: order('X1'), orderLineId: line(order('X1')) });
  await call('release A', releaseA, OK, 'release after unsubscription, with the unsubscribe order (§3.5)');
  await call('release A again', releaseA, OK, 'repeated release succeeds (§1.7)');
  await call('release T', release(instanceT), OK, 'release without orderId after the freeze period (§3.5)');
  await call('release T again', release(instanceT), OK, 'repeated release succeeds (§1.7)');
  await call('release orderId 65 chars', release(instanceA2, { orderId: 'o'.repeat(65), orderLineId: line(order('X2')) }), BAD_PARAM, 'orderId longer than 64 (§3.5 max 64)');
  await call('release no instanceId', { activity: 'releaseInstance' }, BAD_PARAM, 'instanceId missing (§3.5 instanceId M)');
  {
    const r = await m.basic(release(`${m.run}-nope`));
    expectCode('release unknown instance', r, [OK, NO_INSTANCE], 'release of an instance that never existed (§4 000003 or §1.7 success)');
  }
  for (const [step, body] of [
    ['query A after release', { activity: 'queryInstance', instanceId: instanceA }],
    ['freeze A after release', status(instanceA, 'FREEZE')],
  ]) {
    const r = await m.basic(body);
    const wireOk = expectCode(step, r, [OK, NO_INSTANCE], 'a released instance is answered cleanly (§4)');
    if (wireOk) note(step, `spec is silent on calls for a released instance; server answered ${r.text}`);
  }

  return { liveInstance: instanceA2, orderOfLiveInstance: orderA };
}
