// What the V1 replies carry: AES-encrypted appInfo (saas-v1-and-joint.md §2.4, §3.1, §3.7, README decision 7)
// and the signed license document (docs/licenses.md: JWS compact, ES256, offline verification).

import crypto from 'node:crypto';
import { aesDecrypt } from '../koogallery.mjs';

const isStr = (v) => typeof v === 'string';

function lengthProblems(obj, where, fields) {
  const problems = [];
  for (const [name, max, mandatory] of fields) {
    const v = obj[name];
    if (v === undefined || v === null) {
      if (mandatory) problems.push(`${where}.${name} missing (mandatory)`);
    } else if (!isStr(v)) problems.push(`${where}.${name} is ${typeof v}, not a string`);
    else if (v.length > max) problems.push(`${where}.${name} has ${v.length} chars, max ${max}`);
    else if (mandatory && v.length === 0) problems.push(`${where}.${name} is empty (mandatory)`);
  }
  return problems;
}

/** encryptType O String(3): "1" AES-256 (default), "2" AES-128 (§2.4, §3.1). Returns [bits, problem]. */
export function encryptionBits(json) {
  if (json.encryptType === undefined || json.encryptType === null) return [256, undefined];
  if (json.encryptType === '1') return [256, undefined];
  if (json.encryptType === '2') return [128, undefined];
  return [256, `encryptType ${JSON.stringify(json.encryptType)} is not "1" or "2" (§2.4)`];
}

/**
 * AppInfo (§3.1): frontEndUrl M 512, adminUrl O 512, userName O 128 (encrypted), password O 128 (encrypted),
 * memo O 1024. Returns { problems, userName, password } with the decrypted values.
 */
export function checkAppInfo(appInfo, where, keys, bits, text) {
  if (appInfo === null || typeof appInfo !== 'object' || Array.isArray(appInfo)) return { problems: [`${where} is not an object`] };
  const problems = lengthProblems(appInfo, where, [
    ['frontEndUrl', 512, true], ['adminUrl', 512, false], ['userName', 128, false], ['password', 128, false], ['memo', 1024, false],
  ]);
  if (isStr(appInfo.frontEndUrl) && !/^https?:\/\/\S+$/.test(appInfo.frontEndUrl)) problems.push(`${where}.frontEndUrl "${appInfo.frontEndUrl}" is not an http(s) URL`);
  const plain = {};
  for (const field of ['userName', 'password']) {
    const v = appInfo[field];
    if (!isStr(v)) continue;
    if (!/^[\x21-\x7e]{16}/.test(v)) problems.push(`${where}.${field} does not start with a 16-character IV (§2.4 "iv + Base64(ciphertext)")`);
    let decrypted;
    for (const key of keys) {
      try { decrypted = aesDecrypt(key, bits, v); break; } catch { /* next key */ }
    }
    if (decrypted === undefined) problems.push(`${where}.${field} "${v}" does not decrypt as AES-${bits}-CBC with the SHA1PRNG-derived V1 Key (§2.4, decision 7)`);
    else if (decrypted.length === 0) problems.push(`${where}.${field} decrypts to an empty string`);
    else plain[field] = decrypted;
  }
  if (isStr(appInfo.memo) && /[^\x00-\x7f]/.test(appInfo.memo) && /[^\x00-\x7f]/.test(text)) {
    problems.push(`${where}.memo has non-ASCII characters not sent as \\uXXXX (§2.4 memo)`);
  }
  return { problems, ...plain };
}

const fromBase64Url = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/**
 * Verifies a license per docs/licenses.md: JWS compact, header {alg ES256, typ koogate-license+jwt, kid = first 16
 * hex of SHA-256(SPKI DER)}, ES256 over "h.c" in IEEE P1363 form. Returns { problems, claims }.
 */
export function verifyLicense(license, publicKeyPem) {
  const problems = [];
  if (!isStr(license)) return { problems: ['license is not a string'] };
  const parts = license.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { problems: [`license "${license.slice(0, 80)}" is not a JWS compact serialization of three base64url parts`] };
  let header;
  let claims;
  try {
    header = JSON.parse(fromBase64Url(parts[0]).toString('utf8'));
    claims = JSON.parse(fromBase64Url(parts[1]).toString('utf8'));
  } catch (e) {
    return { problems: [`license header/claims are not JSON: ${e.message}`] };
  }
  if (header.alg !== 'ES256') problems.push(`header alg ${header.alg}, not ES256`);
  if (header.typ !== 'koogate-license+jwt') problems.push(`header typ ${header.typ}, not koogate-license+jwt`);
  const key = crypto.createPublicKey(publicKeyPem);
  const kid = crypto.createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  if (header.kid !== kid) problems.push(`header kid ${header.kid}, expected ${kid} (first 16 hex of SHA-256 of the SPKI DER)`);
  const signature = fromBase64Url(parts[2]);
  if (signature.length !== 64) problems.push(`signature has ${signature.length} bytes, not the 64-byte P1363 r‖s`);
  const ok = crypto.verify('sha256', Buffer.from(parts[0] + '.' + parts[1], 'ascii'), { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!ok) problems.push('ES256 signature does not verify with the configured public key');
  if (!isStr(claims.iss) || claims.iss.length === 0) problems.push('claim iss missing');
  if (!isStr(claims.jti) || claims.jti.length === 0) problems.push('claim jti missing');
  if (!Number.isInteger(claims.iat)) problems.push('claim iat is not Unix seconds');
  else if (Math.abs(claims.iat - Date.now() / 1000) > 600) problems.push(`claim iat ${claims.iat} is not about now`);
  if (claims.exp !== undefined && !Number.isInteger(claims.exp)) problems.push('claim exp is not Unix seconds');
  return { problems, claims, header };
}

/** Unix seconds of a yyyyMMddHHmmss UTC string. */
export function unixSeconds(yyyyMMddHHmmss) {
  const s = yyyyMMddHHmmss;
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12), +s.slice(12, 14)) / 1000;
}

/** Compares expected claim values; returns problem strings. */
export function claimProblems(claims, expected) {
  const problems = [];
  for (const [name, value] of Object.entries(expected)) {
    if (claims?.[name] !== value) problems.push(`claim ${name} is ${JSON.stringify(claims?.[name])}, expected ${JSON.stringify(value)}`);
  }
  return problems;
}
