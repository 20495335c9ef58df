// Runs every test vector published in /work/shared/spec/*.md through koogallery.mjs and prints
// PASS/FAIL with expected vs actual. Exit code 0 iff every check passes.
//   node selfcheck.mjs
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  v2Signature, kitSignature, authToken, bodySignHeader, usageSignature, sha1prng, aesEncrypt, aesDecrypt,
  apigSign, rsaOaepEncrypt, rsaOaepDecrypt, canonicalPayload, hmacHex, sha256Hex, runCases,
} from './koogallery.mjs';

let pass = 0;
let fail = 0;
function check(label, expected, actual, { ignoreCase = false } = {}) {
  let ok;
  if (actual instanceof Error) ok = false;
  else ok = ignoreCase ? String(expected).toLowerCase() === String(actual).toLowerCase() : expected === actual;
  if (ok) pass++; else fail++;
  const act = actual instanceof Error ? `ERROR ${actual.message}` : actual;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}\n      expected: ${JSON.stringify(expected)}\n      actual:   ${JSON.stringify(act)}`);
}
function attempt(f) { try { return f(); } catch (e) { return e; } }
const paramsOf = (qs) => qs.split('&').map((p) => { const i = p.indexOf('='); return [p.slice(0, i), p.slice(i + 1)]; });
const section = (t) => console.log(`\n=== ${t} ===`);

// ------------------------------------------------------------------------------------------------
section('saas-v2.md §2.2.2 V2 basic signature (key testAccessKey123)');
{
  const key = 'testAccessKey123';
  const nonce = '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA';
  const ts = '1680508066618';
  const body = '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}';
  check('§2.2.2 inner = lowerhex(HMAC(key, body))', '9d7fe05c22e8bc1d70841bace6c549b523dcb77a8aa61dc0118708bf14269c0e', hmacHex(key, body));
  check('§2.2.2 signature (case-insensitive)', 'CD8D59BB7FCF7574752B5EB0ED04B3ACF4A759DA53F24D30A79ABE45C5D1BA25',
    v2Signature(key, nonce, ts, body), { ignoreCase: true });
}

section('saas-v2.md §2.3 Kit x-sign (key testAccessKey123)');
{
  const body = '{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86abc2018ab880d92f36422fa0e","testFlag":0,"timeStamp":"20220413093539534"}';
  check('§2.3 x-sign (case-insensitive)', '0A1F9C33F239CDAEFDBAFB7FF518F1D479BAD40C7CE66B48D535471FF95072D5',
    kitSignature('testAccessKey123', '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA', '1680508066618', body),
    { ignoreCase: true });
}

section('saas-v2.md §2.4 Body-Sign (key testAccessKey123)');
{
  const body = '{"resultCode":"000000","resultMsg":"success.","instanceId":"87b94795-0603-4e24-8ae5-69420d60e3c8"}';
  check('§2.4 Body-Sign header', 'sign_type="HMAC-SHA256", signature="r/NSTxwkSUVMECRH0Z+MKSEg25pF7wlrkoeXL+Gd7Xc="',
    bodySignHeader('testAccessKey123', body));
}

section('saas-v2.md §2.5 SHA1PRNG / AES (key testAccessKey123)');
{
  const key = 'testAccessKey123';
  check('§2.5 AES-256 key', '0413c5de84a4312c10f237cf102c14f909635c067f68c442f5d9aa865fb0d176', sha1prng(Buffer.from(key), 32).toString('hex'));
  check('§2.5 AES-128 key', '0413c5de84a4312c10f237cf102c14f9', sha1prng(Buffer.from(key), 16).toString('hex'));
  check('§2.5 seed "a" 256-bit key', '667f407de7c6ad07358fa38daed7828a72014b4e621d7140210c8cf1565a8f02', sha1prng(Buffer.from('a'), 32).toString('hex'));
  const vecs = [
    [256, '0123456789abcdef', '15905222222', '0123456789abcdefpTSyOaKf048QAD4+da3ubw=='],
    [128, '0123456789abcdef', '15905222222', '0123456789abcdefPFDjY/djRJ3uBqbp4NUJlQ=='],
    [256, 'AbCdEf0123456789', 'Huawei12345', 'AbCdEf0123456789pVOWfjGaOhr06k3VAHD/og=='],
  ];
  for (const [bits, iv, text, exp] of vecs) {
    check(`§2.5 AES-${bits} encrypt "${text}" iv ${iv}`, exp, attempt(() => aesEncrypt(key, bits, iv, text)));
    check(`§2.5 AES-${bits} decrypt ${exp}`, text, attempt(() => aesDecrypt(key, bits, exp)));
  }
}

section('saas-v2.md §2.6 V1 authToken (key testAccessKey123)');
{
  const qs = 'activity=newInstance&businessId=61e834ba-7b97-4418-b8f7-e5345137278c&customerId=68cbc86abc2018ab880d92f36422fa0e&expireTime=20200727153156&orderId=CS1906666666ABCDE&productId=00301-666666-0--0&testFlag=1&timeStamp=20200727073711903';
  check('§2.6 authToken', 'IzyXxySagieGHt354yIOhnCrv0vphQN0e9NuWT2MKNY=', attempt(() => authToken('testAccessKey123', paramsOf(qs))));
}

// ------------------------------------------------------------------------------------------------
section('saas-v1-and-joint.md §2.9 worked vectors (key test-access-key-0001)');
{
  const key = 'test-access-key-0001';
  check('§2.9 SHA1PRNG AES-256 key', 'fa32b243c1eeb23e93357bb8be8ec84903d6395e4f1ccb2379a1666d99a6ab9f', sha1prng(Buffer.from(key), 32).toString('hex'));
  check('§2.9 SHA1PRNG AES-128 key', 'fa32b243c1eeb23e93357bb8be8ec849', sha1prng(Buffer.from(key), 16).toString('hex'));
  check('§2.9 AES-256 encrypt', 'abcdefghijklmnopIj1jUWgfKTflPi0LjnUkNg==', attempt(() => aesEncrypt(key, 256, 'abcdefghijklmnop', '13800000000')));
  check('§2.9 AES-128 encrypt', 'abcdefghijklmnopAqHnJvhS40WTrh3Qm3ACJg==', attempt(() => aesEncrypt(key, 128, 'abcdefghijklmnop', '13800000000')));
  check('§2.9 AES-256 decrypt', '13800000000', attempt(() => aesDecrypt(key, 256, 'abcdefghijklmnopIj1jUWgfKTflPi0LjnUkNg==')));
  check('§2.9 AES-128 decrypt', '13800000000', attempt(() => aesDecrypt(key, 128, 'abcdefghijklmnopAqHnJvhS40WTrh3Qm3ACJg==')));
  const getQs = 'activity=newInstance&businessId=61e834ba-7b97-4418-b8f7-e5345137278c&customerId=68cbc86abc2018ab880d92f36422fa0e&expireTime=20200727153156&orderId=CS1906666666ABCDE&productId=00301-666666-0--0&testFlag=1&timeStamp=20200727073711903';
  check('§2.9 V1 GET authToken', 'rjND+EtzdPJCNyqrLt/LHR3JrNBZA/GGJbgOmLk2tqE=', attempt(() => authToken(key, paramsOf(getQs))));
  // same params, given in a scrambled order plus an authToken that must be ignored
  const scrambled = paramsOf(getQs).reverse();
  scrambled.splice(3, 0, ['authToken', 'ignored']);
  check('§2.9 V1 GET authToken (params unsorted + authToken present)', 'rjND+EtzdPJCNyqrLt/LHR3JrNBZA/GGJbgOmLk2tqE=', attempt(() => authToken(key, scrambled)));
  const kitQs = 'domainName=https://example.tenantaccount.com&flag=1&instanceId=huaiweitest123456&name=huaiweitest&orderId=CS1906666666ABCDE&tenantCode=huawei&tenantId=68cbc86abc2018ab880d92f36422fa0e&testFlag=0&timeStamp=20220413093539534';
  check('§2.9 V1 Kit authToken', 'Q2owqQZBeSpuekkVrs6CPkF8jB0nsYhlMhrmbkp5asI=', attempt(() => authToken(key, paramsOf(kitQs))));
  check('§2.9 Body-Sign', 'sign_type="HMAC-SHA256", signature="MTRk2q83clWO4HHLQUfXiUtDjSMcNYXSL1bfbmtOrjc="',
    bodySignHeader(key, '{"resultCode":"000000","resultMsg":"success."}'));
  const nonce = '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA';
  const ts = '1680508066618';
  const kitBody = '{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86abc2018ab880d92f36422fa0e","testFlag":0,"timeStamp":"20220413093539534"}';
  check('§2.9 V2 Kit x-sign', '60e5e9fc564b93105f92d99813cf10ef2aedda63299b9030226565fbad15a8e9', kitSignature(key, nonce, ts, kitBody));
  const basicBody = '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}';
  check('§2.9 V2 basic signature', 'c506f4221ec15f98c40b8a5d5065d8b815a2c5596cf4421382088b5652565458', v2Signature(key, nonce, ts, basicBody));
  const usageBody = '{"usage_records":[{"begin_time":"20220809T080000Z","end_time":"20220809T090000Z","instance_id":"7f141bf1-aec8-4859-8323-fb3a8ad50721","metering_sn":"sn-0001","record_time":"20220809T091000Z","usage_value":"99"}]}';
  check('§2.9 Usage push signature', 'fGAXw8HsUw4Q5rd+mx1zhQuHgKolgCzBqCKATyF0QFM=',
    usageSignature(key, '1709690865879', '6c63c221-1f6b-4141-8ff4-22f5dfe82b65', usageBody));
}

// ------------------------------------------------------------------------------------------------
section('license-order-openapi.md §A.1 legacy authToken (key testkey123)');
{
  const params = [['activity', 'getLicense'], ['customerId', 'cust001'], ['businessId', 'biz-0001'], ['orderId', 'CS0000000001'],
    ['productId', 'OFFI000001'], ['timeStamp', '20230101120000000'], ['testFlag', '1']];
  check('§A.1 authToken', 'SDCx/yslfYXN3eNMvfaFx/M4hnNHc+4SG3JaSRfo0qU=', attempt(() => authToken('testkey123', params)));
}

section('license-order-openapi.md §A.2 legacy Body-Sign (key testkey123)');
check('§A.2 Body-Sign', 'sign_type="HMAC-SHA256", signature="DTc8OEYzkh8A18XhLq0phdQyBxU/8kdrZWv9EepIhe0="',
  bodySignHeader('testkey123', '{"resultCode":"000000","resultMsg":"success.","instanceId":"biz-0001","license":"LIC-ABC-123"}'));

section('license-order-openapi.md §A.3 v2 signature (key testkey123)');
{
  const key = 'testkey123';
  const nonce = 'Of4lsV7H1qrzVDI52O5CFk2ofPcZRaA6';
  const ts = '1729566664115';
  const body = '{"activity":"orderNotify","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}';
  const inner = hmacHex(key, body);
  check('§A.3 inner (HMAC, lower hex)', '209d279fe0e90fe75638fa976c3e6d079dbd5d9225156a79b2794cbff6f23d73', inner);
  const canon = key + nonce + ts + inner;
  check('§A.3 canonicalRequest prefix/suffix ("testkey123Of4l...A61729566664115209d279f...6f23d73")', true,
    canon.startsWith('testkey123Of4lsV7H1qrzVDI52O5CFk2ofPcZRaA61729566664115209d279f') && canon.endsWith('6f23d73'));
  check('§A.3 signature (documented, case-insensitive)', '77D35B6756866B1280EE58C45C59890E25CF0C41BC92B410A8CD4606890F09B5',
    v2Signature(key, nonce, ts, body), { ignoreCase: true });
  // ALT variant (inner = plain SHA-256) — NOT implemented as an op (README decision 2 forbids it); only checks the spec's number.
  check('§A.3 ALT signature with inner = SHA256(body) (informational)', '68BA8C58252A853B8C808A4B1ABBEFDE3A73090643606125BE0D51593EE91534',
    hmacHex(key, key + nonce + ts + sha256Hex(body)), { ignoreCase: true });
}

// ------------------------------------------------------------------------------------------------
section('license-order-openapi.md §E.3 APIG SDK-HMAC-SHA256');
{
  // Huawei's official example
  const r = apigSign({
    ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', method: 'GET',
    url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
    date: '20191115T033655Z',
    headers: [['Content-Type', 'application/json'], ['Host', 'service.region.example.com'], ['X-Sdk-Date', '20191115T033655Z']],
    body: '',
  });
  const expCanon = ['GET', '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/', 'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
    'content-type:application/json', 'host:service.region.example.com', 'x-sdk-date:20191115T033655Z', '',
    'content-type;host;x-sdk-date', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'].join('\n');
  check('§E.3 Huawei example: CanonicalRequest', expCanon, r.canonicalRequest);
  check('§E.3 Huawei example: StringToSign', 'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a', r.stringToSign);
  check('§E.3 Huawei example: Signature', '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe', r.signature);
  check('§E.3 Huawei example: Authorization',
    'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    r.authorization);
  // same, letting the implementation add host and x-sdk-date itself
  const r2 = apigSign({
    ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc', method: 'get',
    url: 'https://service.region.example.com:443/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?marker=13551d6b-755d-4757-b956-536f674975c0&limit=2',
    date: '20191115T033655Z', headers: [['Content-Type', 'application/json']],
  });
  check('§E.3 Huawei example (host/x-sdk-date added, :443 stripped, query unsorted, method lower-case)', r.authorization, r2.authorization);

  // Ruby gem marketplace vector (AK test / SK 123)
  const rb = apigSign({
    ak: 'test', sk: '123', method: 'POST', url: 'https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/license/activate',
    date: '20240317T144237Z',
    headers: [['x-stage', 'RELEASE'], ['X-Sdk-Date', '20240317T144237Z'], ['Content-Type', 'application/json'], ['Host', 'mkt.myhuaweicloud.com']],
    body: '',
  });
  check('§E.3 Ruby vector: SignedHeaders', 'content-type;host;x-sdk-date;x-stage', rb.signedHeaders);
  check('§E.3 Ruby vector: StringToSign hash (sha256 of CanonicalRequest)', '9a33b07351104f6c775075faa7dc0db58ec18bc532feaa8fd0b8fcf7990b1a9e', rb.stringToSign.split('\n')[2]);
  check('§E.3 Ruby vector: Signature', '77595ad624b6e4e49990b8c4e84bf1c287457fca61069c4e60b9b6765b52053d', rb.signature);

  // self-computed marketplace vectors (AK test, SK 123, date 20240317T144237Z, headers content-type/host/x-sdk-date)
  const q = apigSign({
    ak: 'test', sk: '123', method: 'GET',
    url: 'https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/order/query?orderId=MOCKPERIODYEARNEW&orderLineId=MOCKPERIODYEARNEW-000001',
    date: '20240317T144237Z', headers: [['Content-Type', 'application/json']],
  });
  check('§E.3 self-computed GET order/query: SignedHeaders', 'content-type;host;x-sdk-date', q.signedHeaders);
  check('§E.3 self-computed GET order/query: Signature', 'df37ba3315950b108c9be5a4933a5fc864d004b012050c179dc3d22a78c99301', q.signature);
  const actBody = '{"license":"PLXXXXXX"}';
  check('§E.3 self-computed POST license/activate: body hash', '3e414c5e8434e4efeb16b0ab2d599390f9d7d358f943193cf068fe17b865ace3', sha256Hex(actBody));
  const a = apigSign({
    ak: 'test', sk: '123', method: 'POST', url: 'https://mkt.myhuaweicloud.com/api/mkp-openapi-public/global/v1/license/activate',
    date: '20240317T144237Z', headers: [['Content-Type', 'application/json']], body: actBody,
  });
  check('§E.3 self-computed POST license/activate: Signature', '721d4451908cd70cf6bf4e592a4322f7ef3a8b484e61e08e19beefec1e83cff1', a.signature);
}

// ------------------------------------------------------------------------------------------------
section('extra (not spec vectors): canonical payload, RSA-OAEP round trip, stdin/stdout mode');
{
  // The §2.3 / §2.9 kit body in the wire order of the doc example (saas-v1-and-joint.md §5.1) must canonicalise
  // to the sorted payload used by the x-sign vectors.
  const wire = '{"instanceId":"huaiweitest123456","orderId":"CS1906666666ABCDE","tenantId":"68cbc86abc2018ab880d92f36422fa0e",\n "tenantCode":"huawei","name":"huaiweitest","domainName":"https://example.tenantaccount.com","flag":1,"testFlag":0,\n "timeStamp":"20220413093539534"}';
  const sorted = '{"domainName":"https://example.tenantaccount.com","flag":1,"instanceId":"huaiweitest123456","name":"huaiweitest","orderId":"CS1906666666ABCDE","tenantCode":"huawei","tenantId":"68cbc86abc2018ab880d92f36422fa0e","testFlag":0,"timeStamp":"20220413093539534"}';
  check('canonical: doc wire-order kit body → sorted', sorted, attempt(() => canonicalPayload(wire)));
  check('canonical: a null member is kept', '{"a":1,"n":null}', attempt(() => canonicalPayload('{"n":null,"a":1}')));
  check('canonical: a repeated key (escaped or not) is rejected', true, canonicalPayloadThrows('{"a":1,"\\u0061":2}'));
  check('canonical: escapes / numbers / nesting',
    '{"Z":1,"a":{"z":null,"b":[1.50,-0,1E+2,true]},"n":null,"s":"é/\\"\\\\\\b\\t\\n\\f\\r\\u0001\\u001F\u007f"}',
    attempt(() => canonicalPayload('{ "s" : "\\u00e9\\/\\"\\\\\\b\\t\\n\\f\\r\\u0001\\u001f\\u007f", "a": {"z": null, "b": [1.50, -0, 1E+2, true]}, "n": null, "Z": 1 }')));
  check('canonical: ordinal sort (upper before lower, UTF-16 order)', '{"B":1,"a":2,"é":3,"😀":5,"ｚ":4}',
    attempt(() => canonicalPayload('{"ｚ":4,"é":3,"a":2,"B":1,"😀":5}')));
  check('canonical: invalid JSON rejected', true, canonicalPayloadThrows('{"a":01}'));

  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
  const pub = publicKey.export({ type: 'spki', format: 'pem' });
  const priv = privateKey.export({ type: 'pkcs8', format: 'pem' });
  for (const h of ['sha256', 'sha1']) {
    const ct = rsaOaepEncrypt(pub, 'client-secret-✓', h);
    check(`rsa-oaep-encrypt ${h}: round trip`, 'client-secret-✓', attempt(() => rsaOaepDecrypt(priv, ct, h)));
  }

  const cases = [
    { op: 'v2', key: 'test-access-key-0001', nonce: '50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA', timestamp: '1680508066618', body: '{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8","orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001","testFlag":"1"}' },
    { op: 'sha1prng', seed: 'a', length: 32 },
    { op: 'authtoken', key: 'k', params: [['a', '1']] },
    { op: 'nope' },
  ];
  const here = fileURLToPath(new URL('./koogallery.mjs', import.meta.url));
  const p = spawnSync(process.execPath, [here], { input: JSON.stringify(cases), encoding: 'utf8' });
  const got = p.status === 0 ? p.stdout.trim() : `exit ${p.status}: ${p.stderr}`;
  check('stdin/stdout mode', JSON.stringify(runCases(cases)), got);
  const res = JSON.parse(p.stdout || '[]');
  check('stdin/stdout mode: v2 value', 'c506f4221ec15f98c40b8a5d5065d8b815a2c5596cf4421382088b5652565458', res[0]?.value);
  check('stdin/stdout mode: missing timeStamp is an error', true, typeof res[2]?.error === 'string');
  check('stdin/stdout mode: unknown op is an error', true, typeof res[3]?.error === 'string');
}

function canonicalPayloadThrows(s) { try { canonicalPayload(s); return false; } catch { return true; } }

console.log(`\n${pass} passed, ${fail} failed`);
process.exit(fail === 0 ? 0 : 1);
