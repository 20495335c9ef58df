// Kit V2 (联营) sync interfaces (saas-v2.md §1.4, §2.3, §2.7, §3.8, §1.7, README decisions 4, 9, 10).

import crypto from 'node:crypto';
import { kitSignature, rsaOaepEncrypt, v2Signature } from '../koogallery.mjs';
import { describe, expectCode, kitTime, marketplaceJson, newNonce } from './marketplace.mjs';
import { note, section } from './report.mjs';

const OK = '000000';
const BAD_SIGNATURE = '000001';
const BAD_PARAM = '000002';

const flipHex = (hex) => (hex[0] === 'A' ? 'B' : 'A') + hex.slice(1);

export async function kitScenario(m, { liveInstance, orderOfLiveInstance }) {
  const call = async (step, name, body, codes, rule, options) => {
    const reply = await m.kit(name, body, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };
  const tenantId = crypto.createHash('md5').update(m.run).digest('hex'); // 32 hex like the doc's tenantId
  const common = { instanceId: liveInstance, tenantId, testFlag: 0, timeStamp: kitTime() };

  // ------------------------------------------------------------------------------------------
  section('tenantSync (§3.8)');
  const tenant = {
    ...common, orderId: orderOfLiveInstance, tenantCode: `t${m.run.toLowerCase()}`, name: 'E2E Enterprise',
    domainName: 'https://e2e.tenantaccount.example.com', flag: 1,
  };
  await call('tenant add', 'tenantSync', tenant, OK, 'add (flag 1) (§3.8)');
  await call('tenant add again', 'tenantSync', { ...tenant, timeStamp: kitTime() }, OK, 'repeated add succeeds without duplicates (§1.7)');
  await call('tenant modify', 'tenantSync', { ...tenant, flag: 2, name: 'E2E Enterprise Renamed', timeStamp: kitTime() }, OK, 'modify name/domain (flag 2) (§3.8)');
  await call('tenant app-credential', 'tenantSync', { ...tenant, instanceId: '', orderId: '', tenantId: `${tenantId.slice(0, 30)}ac`, timeStamp: kitTime() },
    OK, 'empty instanceId/orderId when triggered by the seller\'s app-credential application (§3.8)');
  await call('tenant delete', 'tenantSync', { ...tenant, flag: 0, timeStamp: kitTime() }, OK, 'delete (flag 0) (§3.8)');
  await call('tenant delete again', 'tenantSync', { ...tenant, flag: 0, timeStamp: kitTime() }, OK, 'repeated delete succeeds (§1.7)');
  await call('tenant delete unknown', 'tenantSync', { ...tenant, flag: 0, instanceId: `${m.run}-nope`, tenantId: `${m.run}-unknown-tenant`, timeStamp: kitTime() },
    OK, 'delete of a tenant and instance that do not exist succeeds (§1.7 "deletion must not require the instance to exist")');
  await call('tenant re-add', 'tenantSync', { ...tenant, timeStamp: kitTime() }, OK, 'add again after delete (§3.8)');
  await call('tenant non-ASCII name', 'tenantSync', { ...tenant, flag: 2, name: '华为测试企业', timeStamp: kitTime() }, OK,
    'non-ASCII name sent raw, as Jackson writes it (§1.2 UTF-8, §2.3)');
  {
    const body = { ...tenant, flag: 2, name: '华为测试企业', timeStamp: kitTime() };
    const canonical = marketplaceJson(body);
    const escaped = canonical.replace(/[^\x00-\x7f]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    await call('tenant escaped name', 'tenantSync', escaped, OK, 'body with \\uXXXX escapes signed over the Jackson form (§2.3 payload = re-serialised body, decision 2)',
      { signedPayload: canonical });
  }
  for (const field of ['tenantId', 'tenantCode', 'name', 'flag']) {
    const body = { ...tenant, timeStamp: kitTime() };
    delete body[field];
    await call(`tenant without ${field}`, 'tenantSync', body, BAD_PARAM, `${field} missing (§3.8 ${field} M)`);
  }
  {
    const body = { ...tenant, timeStamp: kitTime() };
    delete body.testFlag;
    await call('tenant without testFlag', 'tenantSync', body, BAD_PARAM, 'testFlag missing (§3.8 testFlag M Integer)');
  }
  await call('tenant flag 7', 'tenantSync', { ...tenant, flag: 7, timeStamp: kitTime() }, BAD_PARAM, 'flag outside 0/1/2 (§3.8)');
  await call('tenant tenantId 65 chars', 'tenantSync', { ...tenant, tenantId: 't'.repeat(65), timeStamp: kitTime() }, BAD_PARAM, 'tenantId longer than 64 (§3.8 String(64))');
  await call('probe tenant', 'tenantSync', { ...tenant, instanceId: 'huaiweitest123456', orderId: 'CS1906666666ABCDE', tenantId: `${m.run}-probe`, testFlag: 1, timeStamp: kitTime() },
    OK, 'testFlag=1 probe (§3.8, §5)');

  // ------------------------------------------------------------------------------------------
  section('Kit x-sign and replay protection (§2.3, decisions 1 and 4)');
  const probe = { ...tenant, flag: 2, timeStamp: kitTime() };
  {
    const { reply } = await call('x-sign valid', 'tenantSync', probe, OK, 'upper-case x-sign (§2.3)');
    await expectCode('x-sign replay', await m.resend(reply), BAD_PARAM, 'exact resend (nonce replay, decision 1)');
    await call('x-sign nonce reuse', 'tenantSync', probe, BAD_PARAM, 'same x-nonce, fresh x-timestamp (decision 1)', { nonce: reply.sent.headers['x-nonce'] });
  }
  await call('x-sign lower-case', 'tenantSync', probe, OK, 'lower-case x-sign (decision 2: case-insensitive)', { lowerCase: true });
  {
    const nonce = newNonce();
    const ts = String(Date.now());
    const good = kitSignature(m.kitKey, nonce, ts, marketplaceJson(probe)).toUpperCase();
    await call('x-sign one char changed', 'tenantSync', probe, BAD_SIGNATURE, 'x-sign with one hex digit changed (§2.3)', { nonce, timestamp: ts, signature: flipHex(good) });
    const basicFormula = v2Signature(m.kitKey, nonce, ts, marketplaceJson(probe));
    await call('x-sign basic formula', 'tenantSync', probe, BAD_SIGNATURE, 'x-sign over HMAC(payload) instead of the payload (decision 4)',
      { nonce: newNonce(), timestamp: ts, signature: basicFormula });
  }
  await call('x-sign basic key', 'tenantSync', probe, BAD_SIGNATURE, 'signed with the basic accessKey (§2.1 one key per interface type)', { key: m.basicKey });
  await call('x-sign body tampered', 'tenantSync', { ...probe, name: 'Tampered' }, BAD_SIGNATURE, 'body changed after signing (§2.3)', { signedPayload: marketplaceJson(probe) });
  await call('x-sign missing', 'tenantSync', probe, BAD_SIGNATURE, 'no x-sign header (§2.3)', { omit: ['x-sign'] });
  await call('x-timestamp missing', 'tenantSync', probe, BAD_PARAM, 'no x-timestamp header (§2.3, §2.2 sample → 000002)', { omit: ['x-timestamp'] });
  await call('x-nonce missing', 'tenantSync', probe, BAD_PARAM, 'no x-nonce header (§2.3, §2.2 sample → 000002)', { omit: ['x-nonce'] });
  const now = Date.now();
  await call('x-timestamp -30 s', 'tenantSync', probe, OK, 'x-timestamp 30 s old (§2.3 ±60 s)', { timestamp: String(now - 30000) });
  await call('x-timestamp -120 s', 'tenantSync', probe, BAD_PARAM, 'x-timestamp 120 s old (§2.3 ±60 s)', { timestamp: String(now - 120000) });
  await call('x-timestamp +120 s', 'tenantSync', probe, BAD_PARAM, 'x-timestamp 120 s ahead (§2.3 ±60 s, decision 1)', { timestamp: String(now + 120000) });
  {
    const reversed = JSON.stringify(Object.fromEntries(Object.entries(probe).reverse()));
    await call('x-sign canonical fallback', 'tenantSync', reversed, OK, 'unsorted body signed over the sorted payload (§2.3 payload = sorted body)',
      { signedPayload: marketplaceJson(probe) });
  }
  await call('probe bad x-sign', 'tenantSync', { ...probe, testFlag: 1 }, BAD_SIGNATURE, 'testFlag=1 still verifies x-sign (§7.6)', { key: m.basicKey });

  // ------------------------------------------------------------------------------------------
  section('applicationSync with RSA-OAEP clientSecret (§2.7, §3.8, decision 10)');
  const secret = `secret-${m.run}-${crypto.randomBytes(8).toString('hex')}`;
  const app = {
    ...common, appId: `app-${m.run}`, clientId: `client-${m.run}`, clientSecret: rsaOaepEncrypt(m.rsaPublicKeyPem, secret, 'sha256'), flag: 1,
  };
  await call('app add OAEP-SHA256', 'applicationSync', app, OK, 'clientSecret RSA-OAEP SHA-256, Base64 (decision 10)');
  await call('app add again', 'applicationSync', { ...app, timeStamp: kitTime() }, OK, 'repeated add succeeds (§1.7)');
  await call('app modify OAEP-SHA1', 'applicationSync', { ...app, flag: 2, clientSecret: rsaOaepEncrypt(m.rsaPublicKeyPem, secret + '-2', 'sha1'), timeStamp: kitTime() },
    OK, 'clientSecret RSA-OAEP SHA-1 (decision 10: SHA-256 then SHA-1)');
  {
    const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = rsaOaepEncrypt(publicKey.export({ type: 'spki', format: 'pem' }), secret, 'sha256');
    const r1 = await m.kit('applicationSync', { ...app, appId: `app-${m.run}-foreign`, clientSecret: foreign, timeStamp: kitTime() });
    expectBusinessFailure('app secret other key', r1, 'clientSecret encrypted for another key is refused (§2.7 "must decrypt")');
    const r2 = await m.kit('applicationSync', { ...app, appId: `app-${m.run}-garbage`, clientSecret: 'bm90IGVuY3J5cHRlZA==', timeStamp: kitTime() });
    expectBusinessFailure('app secret garbage', r2, 'clientSecret that is not ciphertext is refused (§2.7)');
  }
  for (const field of ['tenantId', 'appId', 'clientId', 'clientSecret', 'flag']) {
    const body = { ...app, timeStamp: kitTime() };
    delete body[field];
    await call(`app without ${field}`, 'applicationSync', body, BAD_PARAM, `${field} missing (§3.8 ${field} M)`);
  }
  await call('app app-credential', 'applicationSync', { ...app, instanceId: '', appId: `app-${m.run}-ac`, timeStamp: kitTime() }, OK,
    'empty instanceId when triggered by the seller\'s app-credential application (§3.8)');
  await call('app delete', 'applicationSync', { ...app, flag: 0, timeStamp: kitTime() }, OK, 'delete (flag 0) (§3.8)');
  await call('app delete again', 'applicationSync', { ...app, flag: 0, timeStamp: kitTime() }, OK, 'repeated delete succeeds (§1.7)');
  await call('app re-add', 'applicationSync', { ...app, timeStamp: kitTime() }, OK, 'add again after delete (§3.8)');
  await call('probe app', 'applicationSync', { ...app, tenantId: `${m.run}-probe`, testFlag: 1, clientSecret: rsaOaepEncrypt(m.rsaPublicKeyPem, 'typed-on-debug-page', 'sha256'), timeStamp: kitTime() },
    OK, 'testFlag=1 probe with a value typed on the debug page (§2.7)');

  // ------------------------------------------------------------------------------------------
  section('authSync (§3.8)');
  const users = [
    { userName: `alice.${m.run.toLowerCase()}`, name: 'Alice', orgCode: 'ORG-ROOT', role: 'admin', enable: 'true', email: 'alice@example.com', mobile: '15900000000', employeeType: 1 },
    { userName: `bob.${m.run.toLowerCase()}`, name: 'Bob', orgCode: 'ORG-DEV', role: 'user', enable: 'true', position: 'engineer' },
  ];
  const auth = { ...common, appId: app.appId, userList: users, currentSyncTime: kitTime(), flag: 1 };
  await call('auth add array', 'authSync', auth, OK, 'add users, userList as a JSON array (§3.8)');
  await call('auth add again', 'authSync', { ...auth, timeStamp: kitTime() }, OK, 'repeated add succeeds (§1.7)');
  await call('auth add string', 'authSync', { ...auth, userList: JSON.stringify([{ ...users[1], userName: `carol.${m.run.toLowerCase()}`, name: 'Carol' }]), timeStamp: kitTime() },
    OK, 'userList as a JSON string (decision 9 by analogy)');
  await call('auth modify', 'authSync', { ...auth, flag: 2, userList: [{ ...users[1], role: 'admin' }], timeStamp: kitTime() }, OK, 'modify (flag 2) (§3.8)');
  await call('auth cancel', 'authSync', { ...auth, flag: 3, userList: [users[1]], timeStamp: kitTime() }, OK, 'cancel authorisation (flag 3) (§3.8)');
  await call('auth delete', 'authSync', { ...auth, flag: 0, userList: [users[0]], timeStamp: kitTime() }, OK, 'delete (flag 0) (§3.8)');
  await call('auth delete again', 'authSync', { ...auth, flag: 0, userList: [users[0]], timeStamp: kitTime() }, OK, 'repeated delete succeeds (§1.7)');
  for (const field of ['userList', 'currentSyncTime', 'appId', 'flag']) {
    const body = { ...auth, timeStamp: kitTime() };
    delete body[field];
    await call(`auth without ${field}`, 'authSync', body, BAD_PARAM, `${field} missing (§3.8 ${field} M)`);
  }
  for (const field of ['userName', 'name', 'orgCode', 'role', 'enable']) {
    const user = { ...users[1] };
    delete user[field];
    await call(`auth user without ${field}`, 'authSync', { ...auth, userList: [user], timeStamp: kitTime() }, BAD_PARAM, `User.${field} missing (§3.8 User.${field} M)`);
  }
  await call('auth userName 65 chars', 'authSync', { ...auth, userList: [{ ...users[1], userName: 'u'.repeat(65) }], timeStamp: kitTime() }, BAD_PARAM, 'User.userName longer than 64 (§3.8)');
  await call('auth role root', 'authSync', { ...auth, userList: [{ ...users[1], role: 'root' }], timeStamp: kitTime() }, BAD_PARAM, 'role outside user/admin (§3.8)');
  await call('auth enable yes', 'authSync', { ...auth, userList: [{ ...users[1], enable: 'yes' }], timeStamp: kitTime() }, BAD_PARAM, 'enable outside "true"/"false" (§3.8)');
  await call('auth flag 4', 'authSync', { ...auth, flag: 4, timeStamp: kitTime() }, BAD_PARAM, 'flag outside 0/1/2/3 (§3.8)');
  await call('probe auth', 'authSync', { ...auth, tenantId: `${m.run}-probe`, testFlag: 1, timeStamp: kitTime() }, OK, 'testFlag=1 probe (§3.8, §5)');

  // ------------------------------------------------------------------------------------------
  section('singleOrgSync (§3.8)');
  const org = { ...common, orgCode: 'ORG-ROOT', orgName: 'Headquarters', flag: 1 };
  await call('org add root', 'singleOrgSync', org, OK, 'add a top-level department without parentCode (§3.8)');
  const child = { ...org, orgCode: 'ORG-DEV', orgName: '研发部', parentCode: 'ORG-ROOT', timeStamp: kitTime() };
  await call('org add child', 'singleOrgSync', child, OK, 'add a child department with a non-ASCII name (§3.8)');
  await call('org add child again', 'singleOrgSync', { ...child, timeStamp: kitTime() }, OK, 'repeated add succeeds (§1.7)');
  await call('org modify', 'singleOrgSync', { ...child, flag: 2, orgName: 'R&D', timeStamp: kitTime() }, OK, 'modify (flag 2) (§3.8)');
  await call('org delete', 'singleOrgSync', { ...child, flag: 0, timeStamp: kitTime() }, OK, 'delete (flag 0) (§3.8)');
  await call('org delete again', 'singleOrgSync', { ...child, flag: 0, timeStamp: kitTime() }, OK, 'repeated delete succeeds (§1.7)');
  for (const field of ['tenantId', 'orgCode', 'orgName', 'flag']) {
    const body = { ...child, timeStamp: kitTime() };
    delete body[field];
    await call(`org without ${field}`, 'singleOrgSync', body, BAD_PARAM, `${field} missing (§3.8 ${field} M)`);
  }
  await call('org orgName 129 chars', 'singleOrgSync', { ...child, orgName: 'n'.repeat(129), timeStamp: kitTime() }, BAD_PARAM, 'orgName longer than 128 (§3.8)');
  await call('probe org', 'singleOrgSync', { ...child, tenantId: `${m.run}-probe`, testFlag: 1, timeStamp: kitTime() }, OK, 'testFlag=1 probe (§3.8, §5)');

  // ------------------------------------------------------------------------------------------
  section('allOrgSync (§3.8)');
  const orgInfoList = [
    { orgCode: 'ORG-ROOT', orgName: 'Headquarters' },
    { orgCode: 'ORG-DEV', orgName: '研发部', parentCode: 'ORG-ROOT' },
    { orgCode: 'ORG-OPS', orgName: 'Operations', parentCode: 'ORG-ROOT' },
  ];
  const all = { ...common, orgInfoList };
  await call('all orgs array', 'allOrgSync', all, OK, 'orgInfoList as a JSON array (§3.8)');
  await call('all orgs again', 'allOrgSync', { ...all, timeStamp: kitTime() }, OK, 'repeated full sync succeeds (§1.7)');
  await call('all orgs string', 'allOrgSync', { ...all, orgInfoList: JSON.stringify(orgInfoList.slice(0, 2)), timeStamp: kitTime() },
    OK, 'orgInfoList as a JSON string (decision 9)');
  await call('all orgs app-credential', 'allOrgSync', { ...all, instanceId: '', timeStamp: kitTime() }, OK,
    'empty instanceId when triggered by the seller\'s app-credential application (§3.8)');
  await call('all orgs without list', 'allOrgSync', { ...common, timeStamp: kitTime() }, BAD_PARAM, 'orgInfoList missing (§3.8 orgInfoList M)');
  await call('all orgs entry without orgCode', 'allOrgSync', { ...all, orgInfoList: [{ orgName: 'Nameless' }], timeStamp: kitTime() },
    BAD_PARAM, 'OrgInfo.orgCode missing (§3.8 orgCode M)');
  await call('all orgs entry without orgName', 'allOrgSync', { ...all, orgInfoList: [{ orgCode: 'ORG-X' }], timeStamp: kitTime() },
    BAD_PARAM, 'OrgInfo.orgName missing (§3.8 orgName M)');
  await call('probe all orgs', 'allOrgSync', { ...all, tenantId: `${m.run}-probe`, testFlag: 1, timeStamp: kitTime() }, OK, 'testFlag=1 probe (§3.8, §5)');
}

// §2.7: a clientSecret that does not decrypt must not be accepted; the code is not fixed by the spec
// (the sample answers 000101, which clashes with §4), so any documented non-success code passes.
function expectBusinessFailure(step, reply, rule) {
  expectCode(step, reply, ['000001', '000002', '000005', '000101'], rule);
  const code = reply.json?.resultCode;
  if (code && code !== OK) note(step, `refused with ${code} "${reply.json.resultMsg ?? ''}"`);
  else if (!code) note(step, describe(reply));
}

