// Joint-operation Kit V1: POST <prod>/produceAPI/{tenantSync|applicationSync|authSync|singleOrgSync|allOrgSync}
// with the `authToken` header (saas-v1-and-joint.md §1.2, §2.2, §2.3, §2.8, §5; README decisions 4, 6, 8, 10).

import crypto from 'node:crypto';
import { authToken, rsaOaepEncrypt } from '../koogallery.mjs';
import { note, section } from '../lifecycle/report.mjs';
import { expectCode, kitTimeStamp } from './wire.mjs';

const OK = '000000';
const BAD_TOKEN = '000001';
const BAD_PARAM = '000002';

export async function kitV1Scenario(m, { liveInstance, orderOfLiveInstance }, rsaPublicKeyPem) {
  const call = async (step, name, body, codes, rule, options) => {
    const reply = await m.kit(name, body, options);
    return { reply, json: expectCode(step, reply, codes, rule) };
  };
  const noted = async (step, name, body, rule, options) => {
    const reply = await m.kit(name, body, options);
    expectCode(step, reply, [OK, BAD_PARAM, BAD_TOKEN], `${rule} is answered cleanly`);
    note(step, `${rule}: the spec leaves this open; server answered ${reply.json?.resultCode} "${reply.json?.resultMsg}"`);
    return reply;
  };
  const tenantId = crypto.createHash('md5').update(m.run + 'kit').digest('hex');
  const fresh = (body) => ({ ...body, timeStamp: kitTimeStamp() });

  // ------------------------------------------------------------------------------------------
  section('Kit V1 tenantSync (§5.1, §2.2)');
  const tenant = { instanceId: liveInstance, orderId: orderOfLiveInstance, tenantId, tenantCode: `t${m.run.toLowerCase()}`, name: 'E2E V1 Enterprise',
    domainName: 'https://e2e-v1.tenantaccount.example.com', flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
  await call('tenant add', 'tenantSync', tenant, OK, 'add (flag 1) (§5.1)');
  await call('tenant add again', 'tenantSync', fresh(tenant), OK, 'repeated add succeeds without duplicates (§5.1)');
  await call('tenant quoted token', 'tenantSync', fresh(tenant), OK, 'authToken header in double quotes, as the doc examples show it (§2.2)', { quoted: true });
  await call('tenant app-credential', 'tenantSync', fresh({ ...tenant, instanceId: '', orderId: '', tenantId: `${tenantId.slice(0, 30)}ac` }), OK,
    'empty instanceId/orderId (app-credential application) are left out of the token string (§2.2 step 2, §5)');
  {
    const body = fresh({ ...tenant, instanceId: '', orderId: '', tenantId: `${tenantId.slice(0, 30)}ac` });
    const withBlanks = authToken(m.v1Key, Object.entries(body).map(([k, v]) => [k, String(v)]));
    const r = await m.kit('tenantSync', body, { token: withBlanks });
    expectCode('tenant token with blanks', r, [BAD_TOKEN, OK], 'a token that includes the blank instanceId/orderId is answered cleanly');
    if (r.json?.resultCode === OK) note('tenant token with blanks', 'a Kit token that keeps blank values was accepted too (§2.2 step 2 skips them; lenient)');
  }
  {
    const body = fresh(tenant);
    const first = await m.kit('tenantSync', body);
    expectCode('tenant duplicate delivery', await m.resend(first), OK, 'the identical Kit V1 POST delivered twice succeeds (§5 "accept replays at any later time")');
    // §2.2 step 5: values may arrive URL-encoded, the token covering the decoded values.
    const decoded = fresh({ ...tenant, name: 'E2E V1 Enterprise & Co/Ltd' });
    const onWire = Object.fromEntries(Object.entries(decoded).map(([k, v]) => [k, typeof v === 'string' ? encodeURIComponent(v) : v]));
    const r = await m.kit('tenantSync', onWire, { tokenBody: decoded });
    expectCode('tenant URL-encoded values', r, [OK, BAD_TOKEN], 'URL-encoded body values with a token over the decoded values are answered cleanly');
    note('tenant URL-encoded values', `§2.2 step 5 [UNCONFIRMED] recommends a second try with URL-decoded values; server answered ${r.json?.resultCode}`);
  }
  await call('tenant delete', 'tenantSync', fresh({ ...tenant, flag: 0 }), OK, 'delete (flag 0) (§5.1)');
  await call('tenant delete again', 'tenantSync', fresh({ ...tenant, flag: 0 }), OK, 'repeated delete succeeds (§5.1)');
  await call('tenant delete unknown', 'tenantSync', fresh({ ...tenant, flag: 0, instanceId: `${m.run}-nope`, tenantId: `${m.run}-unknown` }), OK,
    'delete of a tenant and instance that never existed succeeds (§5.1 "must not check the instance")');
  await call('tenant re-add', 'tenantSync', fresh(tenant), OK, 'add again after delete (§5.1)');
  await call('tenant non-ASCII name', 'tenantSync', fresh({ ...tenant, name: '华为测试企业' }), OK, 'non-ASCII name, UTF-8 JSON (§1.2)');
  await noted('tenant flag 2', 'tenantSync', fresh({ ...tenant, flag: 2, name: 'Renamed' }), 'flag 2 (a V2-only value for tenantSync; V1 documents 0/1)');

  section('Kit V1 authToken header (§2.2)');
  await call('kit bad token', 'tenantSync', fresh(tenant), BAD_TOKEN, 'authToken from another key (§2.2)', { key: 'not-the-v1-key' });
  await call('kit no token', 'tenantSync', fresh(tenant), BAD_TOKEN, 'no authToken header (§5 Auth)', { omitToken: true });
  if (m.basicKey) await call('kit basic key', 'tenantSync', fresh(tenant), BAD_TOKEN, 'authToken made with the V2 basic accessKey (§1.3 Key table)', { key: m.basicKey });
  {
    const body = fresh(tenant);
    await call('kit tampered body', 'tenantSync', { ...body, name: 'Tampered' }, BAD_TOKEN, 'body changed after signing (§2.2)', { tokenBody: body });
  }
  {
    const body = fresh(tenant);
    const wrongTime = authToken(m.v1Key, Object.entries({ ...body, timeStamp: kitTimeStamp(Date.now() - 5000) }).map(([k, v]) => [k, String(v)]));
    await call('kit token other timeStamp', 'tenantSync', body, BAD_TOKEN, 'token made with another timeStamp than the body carries (§2.2 step 4)', { token: wrongTime });
  }

  section('Kit V1 tenantSync validation (§5.1)');
  for (const field of ['tenantId', 'tenantCode', 'name', 'domainName', 'flag', 'testFlag']) {
    const body = fresh(tenant);
    delete body[field];
    await call(`tenant without ${field}`, 'tenantSync', body, BAD_PARAM, `${field} missing (§5.1 ${field} M)`);
  }
  {
    const body = fresh(tenant);
    const token = authToken(m.v1Key, Object.entries(body).map(([k, v]) => [k, String(v)]));
    delete body.timeStamp;
    await call('tenant without timeStamp', 'tenantSync', body, [BAD_PARAM, BAD_TOKEN], 'timeStamp missing (§5.1 timeStamp M; the token key needs it)', { token });
  }
  await call('tenant flag 7', 'tenantSync', fresh({ ...tenant, flag: 7 }), BAD_PARAM, 'flag outside 0/1 (§5.1)');
  await call('tenant tenantId 65 chars', 'tenantSync', fresh({ ...tenant, tenantId: 't'.repeat(65) }), BAD_PARAM, 'tenantId longer than 64 (§5.1 String(64))');
  await call('tenant not JSON', 'tenantSync', 'tenantId=x', [BAD_PARAM, BAD_TOKEN], 'a body that is not JSON', { token: 'x' });
  await call('probe tenant', 'tenantSync', fresh({ ...tenant, instanceId: 'huaiweitest123456', orderId: 'CS1906666666ABCDE', tenantId: `${m.run}-probe`, testFlag: 1 }), OK,
    'testFlag=1 probe with the doc example ids (§5.1)');

  // ------------------------------------------------------------------------------------------
  section('Kit V1 applicationSync (§5.2, §2.8, decision 10)');
  const secret = `secret-${m.run}`;
  const app = { instanceId: liveInstance, tenantId, appId: `app-${m.run}`, clientId: `client-${m.run}`, clientSecret: rsaOaepEncrypt(rsaPublicKeyPem, secret, 'sha256'),
    flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
  await call('app add', 'applicationSync', app, OK, 'add, clientSecret RSA-OAEP SHA-256 (§5.2, decision 10)');
  await call('app add again', 'applicationSync', fresh(app), OK, 'repeated add succeeds (§5.2)');
  await call('app add OAEP-SHA1', 'applicationSync', fresh({ ...app, clientSecret: rsaOaepEncrypt(rsaPublicKeyPem, secret, 'sha1') }), OK, 'clientSecret RSA-OAEP SHA-1 (decision 10)');
  {
    const r = await m.kit('applicationSync', fresh({ ...app, appId: `app-${m.run}-bad`, clientSecret: 'bm90IGVuY3J5cHRlZA==' }));
    expectCode('app undecryptable secret', r, ['000101', BAD_PARAM, '000005'], 'a clientSecret that does not decrypt is refused (§2.8 sample 000101)');
  }
  for (const field of ['tenantId', 'appId', 'clientId', 'clientSecret', 'flag']) {
    const body = fresh(app);
    delete body[field];
    await call(`app without ${field}`, 'applicationSync', body, BAD_PARAM, `${field} missing (§5.2 ${field} M)`);
  }
  await call('app credential', 'applicationSync', fresh({ ...app, instanceId: '', appId: `app-${m.run}-cred` }), OK, 'empty instanceId (app-credential application) (§5)');
  await call('probe app', 'applicationSync', fresh({ ...app, instanceId: 'huaiweitest123456', tenantId: `${m.run}-probe`, testFlag: 1 }), OK, 'testFlag=1 probe (§5.2)');

  // ------------------------------------------------------------------------------------------
  section('Kit V1 authSync (§5.3)');
  const users = [
    { userName: `zhangsan-${m.run}`, name: '张三', position: '系统管理员', orgCode: '10000', role: 'admin', enable: 'true', employeeCode: '', mobile: '', email: '',
      extension: { entryDate: '2022-11-9', employeeType: '4', workPlace: '南京' } },
    { userName: `lisi-${m.run}`, name: 'Li Si', orgCode: '10001', role: 'user', enable: 'true', employeeCode: 'E002', mobile: '13800000001', email: 'lisi@example.com' },
  ];
  const auth = { instanceId: liveInstance, tenantId, appId: app.appId, userList: JSON.stringify(users), currentSyncTime: kitTimeStamp(), flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
  await call('auth add', 'authSync', auth, OK, 'add users, userList as a JSON string with extension (§5.3 V1)');
  await call('auth add again', 'authSync', fresh(auth), OK, 'repeated add succeeds (§5.3)');
  await call('auth modify', 'authSync', fresh({ ...auth, flag: 2, userList: JSON.stringify([{ ...users[1], enable: 'false' }]) }), OK, 'modify (flag 2): disable a user (§5.3)');
  await call('auth delete', 'authSync', fresh({ ...auth, flag: 0, userList: JSON.stringify([users[1]]) }), OK, 'delete (flag 0) (§5.3)');
  await call('auth delete again', 'authSync', fresh({ ...auth, flag: 0, userList: JSON.stringify([users[1]]) }), OK, 'repeated delete succeeds (§5.3)');
  for (const field of ['tenantId', 'appId', 'userList', 'flag']) {
    const body = fresh(auth);
    delete body[field];
    await call(`auth without ${field}`, 'authSync', body, BAD_PARAM, `${field} missing (§5.3 ${field} M)`);
  }
  await call('auth userList not JSON', 'authSync', fresh({ ...auth, userList: 'zhangsan' }), BAD_PARAM, 'userList that is not JSON (§5.3)');
  await call('auth user without userName', 'authSync', fresh({ ...auth, userList: JSON.stringify([{ name: 'x', orgCode: '1', role: 'user', enable: 'true' }]) }), BAD_PARAM,
    'a user without userName (§5.3 userName M)');
  await noted('auth userList array', 'authSync', fresh({ ...auth, userList: users }), 'userList as a JSON array (the V2 form) on the V1 path');
  await noted('auth flag 3', 'authSync', fresh({ ...auth, flag: 3 }), 'flag 3 (revoke, V2 only) on the V1 path');
  await call('probe auth', 'authSync', fresh({ ...auth, tenantId: `${m.run}-probe`, testFlag: 1 }), OK, 'testFlag=1 probe (§5.3)');

  // ------------------------------------------------------------------------------------------
  section('Kit V1 singleOrgSync (§5.4)');
  const org = { instanceId: liveInstance, tenantId, orgCode: '10000', orgName: '开发部', parentCode: '', flag: 1, testFlag: 0, timeStamp: kitTimeStamp() };
  await call('org add top', 'singleOrgSync', org, OK, 'add a top-level department (empty parentCode, skipped in the token) (§5.4)');
  await call('org add child', 'singleOrgSync', fresh({ ...org, orgCode: '10001', orgName: '测试组', parentCode: '10000' }), OK, 'add a child department (§5.4)');
  await call('org add again', 'singleOrgSync', fresh(org), OK, 'repeated add succeeds (§5.4)');
  await call('org modify', 'singleOrgSync', fresh({ ...org, orgName: '研发部', flag: 2 }), OK, 'rename (flag 2) (§5.4)');
  await call('org delete', 'singleOrgSync', fresh({ ...org, orgCode: '10001', orgName: '测试组', parentCode: '10000', flag: 0 }), OK, 'delete (flag 0) (§5.4)');
  await call('org delete again', 'singleOrgSync', fresh({ ...org, orgCode: '10001', orgName: '测试组', parentCode: '10000', flag: 0 }), OK, 'repeated delete succeeds (§5.4)');
  for (const field of ['tenantId', 'orgCode', 'orgName', 'flag']) {
    const body = fresh(org);
    delete body[field];
    await call(`org without ${field}`, 'singleOrgSync', body, BAD_PARAM, `${field} missing (§5.4 ${field} M)`);
  }
  await call('org flag 5', 'singleOrgSync', fresh({ ...org, flag: 5 }), BAD_PARAM, 'flag outside 0/1/2 (§5.4)');
  await call('org orgName 129 chars', 'singleOrgSync', fresh({ ...org, orgName: 'o'.repeat(129) }), BAD_PARAM, 'orgName longer than 128 (§5.4)');

  // ------------------------------------------------------------------------------------------
  section('Kit V1 allOrgSync (§5.5)');
  const orgInfo = [{ orgCode: '00000001', name: '产品部', parentCode: '' }, { orgCode: '00000002', name: '测试部', parentCode: '00000001' }];
  const all = { instanceId: liveInstance, tenantId, orgInfo: JSON.stringify(orgInfo), testFlag: 0, timeStamp: kitTimeStamp() };
  await call('all orgs', 'allOrgSync', all, OK, 'full tree, orgInfo as a JSON string with "name" (§5.5 V1)');
  await call('all orgs again', 'allOrgSync', fresh(all), OK, 'repeated full sync succeeds without duplicates (§5.5)');
  for (const field of ['tenantId', 'orgInfo']) {
    const body = fresh(all);
    delete body[field];
    await call(`all orgs without ${field}`, 'allOrgSync', body, BAD_PARAM, `${field} missing (§5.5 ${field} M)`);
  }
  await call('all orgs not JSON', 'allOrgSync', fresh({ ...all, orgInfo: 'not json' }), BAD_PARAM, 'orgInfo that is not JSON (§5.5)');
  await noted('all orgs V2 list', 'allOrgSync', fresh({ instanceId: liveInstance, tenantId, orgInfoList: JSON.stringify([{ orgCode: '00000003', orgName: '市场部', parentCode: '' }]), testFlag: 0 }),
    'orgInfoList with "orgName" (the V2 form) on the V1 path');
  await call('probe all orgs', 'allOrgSync', fresh({ ...all, tenantId: `${m.run}-probe`, testFlag: 1 }), OK, 'testFlag=1 probe (§5.5)');

  // Cleanup: the tenant delete at the end, as when the buyer unbinds.
  await call('tenant delete final', 'tenantSync', fresh({ ...tenant, flag: 0 }), OK, 'delete (flag 0) (§5.1)');
}
