// orderNotify: POST {"activity":"orderNotify",...} signed with the General key (license-order-openapi.md §A.3, §D.1).

import { hmacHex, sha256Hex } from '../koogallery.mjs';
import { note, section } from '../lifecycle/report.mjs';
import { expectCode } from './wire.mjs';

const OK = '000000';
const BAD_TOKEN = '000001';
const BAD_PARAM = '000002';

export async function orderNotifyScenario(m) {
  section('orderNotify (§D.1, §A.3)');
  const call = async (step, body, codes, rule, options = {}) => {
    const reply = await m.post(body, { key: m.generalKey, ...options });
    return { reply, json: expectCode(step, reply, codes, rule) };
  };
  const orderId = `CS${m.run}N1`;
  const notify = { activity: 'orderNotify', orderId, orderLineId: `${orderId}-000001`, testFlag: '0' };
  const { reply } = await call('notify', notify, OK, 'order notification (§D.1)');
  if (reply.json) await expectCode('notify replay', await m.resend(reply), BAD_PARAM, 'exact resend: nonce replay (§A.3)');
  await call('notify again', notify, OK, 'the marketplace keeps calling for 3 h: a repeated notification succeeds (§D.1 [INFERRED] dedupe)');
  await call('notify line 2', { ...notify, orderLineId: `${orderId}-000002` }, OK, 'another order line of the same order (§D.1)');
  await call('notify doc example', '{"activity":"orderNotify","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}', OK,
    'the doc example body, testFlag "1" (§D.1)');
  for (const field of ['orderId', 'orderLineId']) {
    const body = { ...notify };
    delete body[field];
    await call(`notify without ${field}`, body, BAD_PARAM, `${field} missing (§D.1 ${field} M)`);
  }
  {
    const body = { ...notify, orderLineId: `${orderId}-000003` };
    delete body.testFlag;
    const r = await m.post(body, { key: m.generalKey });
    expectCode('notify without testFlag', r, [OK, BAD_PARAM], 'testFlag missing is answered cleanly');
    note('notify without testFlag', `§D.1 marks testFlag M but "default 0"; server answered ${r.json?.resultCode}`);
  }
  await call('notify orderId 65 chars', { ...notify, orderId: 'o'.repeat(65) }, BAD_PARAM, 'orderId longer than 64 (§D.1)');
  await call('notify License key', notify, BAD_TOKEN, 'signed with the License key instead of the General key (§A.3 one key per interface type)',
    { key: m.licenseKey, bodySignKeys: [m.generalKey, m.licenseKey] });
  await call('notify V1 key', notify, BAD_TOKEN, 'signed with the V1 Key (§A.3)', { key: m.v1Key, bodySignKeys: [m.generalKey, m.v1Key] });
  {
    const nonce = 'Of4lsV7H1qrzVDI52O5CFk2ofPcZRaA6';
    const ts = String(Date.now());
    const text = JSON.stringify(notify);
    await call('notify unkeyed inner hash', notify, BAD_TOKEN, 'inner hash = plain SHA-256 (§A.3 "never accept both")',
      { nonce, timestamp: ts, signature: hmacHex(m.generalKey, m.generalKey + nonce + ts + sha256Hex(text)) });
  }
  await call('notify 120 s ahead', notify, BAD_PARAM, 'timestamp 120 s in the future (§A.3 ±60 s, decision 1)', { timestamp: String(Date.now() + 120000) });
  await call('notify seconds timestamp', notify, BAD_PARAM, 'timestamp in seconds instead of milliseconds (§A.3)', { timestamp: String(Math.floor(Date.now() / 1000)) });
  await call('notify no nonce', notify, BAD_PARAM, 'nonce parameter missing (§A.3)', { omit: ['nonce'] });
}
