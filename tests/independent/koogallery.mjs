// Independent reference implementation (oracle) of the KooGallery (Huawei Cloud Marketplace)
// signing and crypto algorithms. Written only from /work/shared/spec/*.md; Node.js 20,
// built-in modules only.
//
// Usage as a filter:  node koogallery.mjs < cases.json > results.json
//   stdin : JSON array of cases   [{"op": "...", ...params}, ...]
//   stdout: JSON array of results [{"value": "..."} | {"error": "message"}, ...] (same order)
// Usage as a module:  import { v2Signature, ... } from './koogallery.mjs'

import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------------------------

const utf8 = (s) => Buffer.from(s, 'utf8');
const hmac = (key, data) => crypto.createHmac('sha256', typeof key === 'string' ? utf8(key) : key)
  .update(typeof data === 'string' ? utf8(data) : data).digest();
const sha256 = (data) => crypto.createHash('sha256').update(typeof data === 'string' ? utf8(data) : data).digest();
const sha1 = (data) => crypto.createHash('sha1').update(data).digest();

/** HMAC-SHA256(utf8(key), utf8(data)) as lower-case hex. */
export function hmacHex(key, data) { return hmac(key, data).toString('hex'); }
/** HMAC-SHA256(utf8(key), utf8(data)) as standard Base64 (with padding). */
export function hmacBase64(key, data) { return hmac(key, data).toString('base64'); }
/** SHA-256(utf8(data)) as lower-case hex. */
export function sha256Hex(data) { return sha256(data).toString('hex'); }

/** Ordinal (UTF-16 code unit) comparison, like Java String.compareTo / .NET string.CompareOrdinal. */
export function ordinalCompare(a, b) {
  // JS relational operators on strings compare UTF-16 code units.
  return a < b ? -1 : a > b ? 1 : 0;
}

function requireString(obj, name) {
  const v = obj[name];
  if (typeof v !== 'string') throw new Error(`parameter '${name}' must be a string`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// V2 basic-interface signature (saas-v2.md §2.2, license-order-openapi.md §A.3, README decision 2)
// ---------------------------------------------------------------------------------------------

/** lowerhex(HMAC(key, key + nonce + timestamp + lowerhex(HMAC(key, body)))) */
export function v2Signature(key, nonce, timestamp, body) {
  const inner = hmacHex(key, body);
  return hmacHex(key, key + nonce + timestamp + inner);
}

// ---------------------------------------------------------------------------------------------
// V2 Kit x-sign (saas-v2.md §2.3, saas-v1-and-joint.md §2.5, README decision 4)
// ---------------------------------------------------------------------------------------------

/** lowerhex(HMAC(key, key + nonce + timestamp + body)) */
export function kitSignature(key, nonce, timestamp, body) {
  return hmacHex(key, key + nonce + timestamp + body);
}

// ---------------------------------------------------------------------------------------------
// V1 authToken (saas-v2.md §2.6, saas-v1-and-joint.md §2.1/2.2, license-order-openapi.md §A.1)
// ---------------------------------------------------------------------------------------------

/**
 * params: array of [name, value] (already URL-decoded).
 * Base64(HMAC(key + timeStamp, "n1=v1&n2=v2&..." sorted ordinally by name, authToken excluded)).
 * A repeated name keeps its FIRST value (Java getParameterMap().get(k)[0]).
 */
export function authToken(key, params) {
  if (!Array.isArray(params)) throw new Error("parameter 'params' must be an array of [name, value]");
  const map = new Map();
  for (const p of params) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
      throw new Error("each entry of 'params' must be [name, value] with string name and value");
    }
    const [name, value] = p;
    if (name === 'authToken') continue;
    if (!map.has(name)) map.set(name, value);
  }
  if (!map.has('timeStamp')) throw new Error('no timeStamp parameter');
  const names = [...map.keys()].sort(ordinalCompare);
  const data = names.map((n) => `${n}=${map.get(n)}`).join('&');
  return hmacBase64(key + map.get('timeStamp'), data);
}

// ---------------------------------------------------------------------------------------------
// Body-Sign response header (README decision 6)
// ---------------------------------------------------------------------------------------------

/** sign_type="HMAC-SHA256", signature="<Base64(HMAC(key, body))>" */
export function bodySignHeader(key, body) {
  return `sign_type="HMAC-SHA256", signature="${hmacBase64(key, body)}"`;
}

// ---------------------------------------------------------------------------------------------
// Usage-push signature (saas-v1-and-joint.md §2.7)
// ---------------------------------------------------------------------------------------------

export function usageSignature(key, ts, nonce, body) {
  return hmacBase64(key, 'ts=' + ts + '&nonce=' + nonce + '&body=' + body);
}

// ---------------------------------------------------------------------------------------------
// Sun SHA1PRNG (saas-v2.md §2.5, saas-v1-and-joint.md §2.4)
// ---------------------------------------------------------------------------------------------

/** First `length` output bytes of Java SHA1PRNG (Sun provider) seeded once with `seedBytes`. */
export function sha1prng(seedBytes, length) {
  if (!Number.isInteger(length) || length < 0) throw new Error("'length' must be a non-negative integer");
  const state = Buffer.from(sha1(Buffer.from(seedBytes)));
  const out = [];
  let produced = 0;
  while (produced < length) {
    const o = sha1(state);
    out.push(o);
    produced += o.length;
    // state = state + o + 1, byte-wise, little-endian index order, SIGNED bytes, arithmetic carry
    let carry = 1;
    let changed = false;
    for (let i = 0; i < state.length; i++) {
      const s = state[i] > 127 ? state[i] - 256 : state[i];
      const d = o[i] > 127 ? o[i] - 256 : o[i];
      const v = s + d + carry;
      const t = v & 0xff;
      if (t !== state[i]) changed = true;
      state[i] = t;
      carry = v >> 8; // arithmetic shift: may be -1, 0 or 1
    }
    if (!changed) state[0] = (state[0] + 1) & 0xff;
  }
  return Buffer.concat(out).subarray(0, length);
}

/** AES key derived like Java KeyGenerator("AES").init(bits, SHA1PRNG seeded with utf8(key)). */
export function aesKeyFor(key, bits) {
  if (bits !== 256 && bits !== 128) throw new Error("'bits' must be 256 or 128");
  return sha1prng(utf8(key), bits / 8);
}

function ivBytes(iv) {
  if (typeof iv !== 'string' || iv.length !== 16 || !/^[\x00-\x7f]{16}$/.test(iv)) {
    throw new Error('iv must be exactly 16 ASCII characters');
  }
  return Buffer.from(iv, 'latin1');
}

/** iv + Base64(AES-CBC-PKCS7(utf8(text), aesKeyFor(key, bits), ascii(iv))) */
export function aesEncrypt(key, bits, iv, text) {
  const k = aesKeyFor(key, bits);
  const cipher = crypto.createCipheriv(`aes-${bits}-cbc`, k, ivBytes(iv));
  const ct = Buffer.concat([cipher.update(utf8(text)), cipher.final()]);
  return iv + ct.toString('base64');
}

/** Inverse of aesEncrypt: first 16 chars = IV, rest = Base64 ciphertext. */
export function aesDecrypt(key, bits, text) {
  if (typeof text !== 'string' || text.length < 16) throw new Error('text shorter than the 16-char IV');
  const iv = text.slice(0, 16);
  const b64 = text.slice(16);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64)) {
    throw new Error('ciphertext is not valid Base64');
  }
  const ct = Buffer.from(b64, 'base64');
  if (ct.length === 0 || ct.length % 16 !== 0) throw new Error('ciphertext length is not a positive multiple of 16');
  const k = aesKeyFor(key, bits);
  const decipher = crypto.createDecipheriv(`aes-${bits}-cbc`, k, ivBytes(iv));
  let pt;
  try {
    pt = Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch (e) {
    throw new Error('decryption failed (bad key or padding): ' + e.message);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(pt);
  } catch {
    throw new Error('plaintext is not valid UTF-8');
  }
}

// ---------------------------------------------------------------------------------------------
// RSA-OAEP (saas-v2.md §2.7, saas-v1-and-joint.md §2.8, README decision 10)
// ---------------------------------------------------------------------------------------------

export function rsaOaepEncrypt(publicKeyPem, text, hash) {
  if (hash !== 'sha256' && hash !== 'sha1') throw new Error("'hash' must be 'sha256' or 'sha1'");
  const ct = crypto.publicEncrypt(
    { key: publicKeyPem, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, // MGF1 uses the same hash
    utf8(text));
  return ct.toString('base64');
}

/** Convenience for self-checks (not an op). */
export function rsaOaepDecrypt(privateKeyPem, b64, hash) {
  return crypto.privateDecrypt(
    { key: privateKeyPem, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
    Buffer.from(b64, 'base64')).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Huawei APIG "SDK-HMAC-SHA256" (license-order-openapi.md §E.3)
// ---------------------------------------------------------------------------------------------

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 percent-encoding of the UTF-8 bytes of s; unreserved kept, others %XX upper-case. */
export function uriEncode(s) {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Decode %XX escapes (bytes → UTF-8 string); malformed escapes are kept literally. */
function percentDecode(s, plusIsSpace) {
  if (plusIsSpace) s = s.replace(/\+/g, ' ');
  if (!s.includes('%')) return s;
  const bytes = [];
  for (let i = 0; i < s.length;) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i);
      const ch = String.fromCodePoint(cp);
      for (const b of utf8(ch)) bytes.push(b);
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Minimal, non-normalising URL split: scheme://authority/path?query#fragment */
function splitUrl(url) {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(url);
  if (!m) throw new Error('url must be absolute (scheme://host/path?query)');
  const scheme = m[1].toLowerCase();
  let authority = m[2];
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  // strip default port
  const pm = /^(.*?)(?::(\d*))?$/.exec(authority);
  let host = authority;
  if (pm && !authority.endsWith(']')) {
    const port = pm[2];
    if (port === '' || (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) host = pm[1];
  }
  if (!host) throw new Error('url has no host');
  return { scheme, host, path: m[3], query: m[4] };
}

export function canonicalUri(rawPath) {
  const segments = (rawPath || '').split('/');
  let p = segments.map((seg) => uriEncode(percentDecode(seg, false))).join('/');
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

export function canonicalQuery(rawQuery) {
  if (rawQuery === undefined || rawQuery === '') return '';
  const pairs = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([uriEncode(percentDecode(name, true)), uriEncode(percentDecode(value, true))]);
  }
  pairs.sort((a, b) => ordinalCompare(a[0], b[0]) || ordinalCompare(a[1], b[1]));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/**
 * Returns { canonicalRequest, stringToSign, signature, signedHeaders, authorization }.
 * headers: array of [name, value] to sign; "host" (from url) and "x-sdk-date" (= date) are added if absent.
 * If an "X-Sdk-Content-Sha256" header is given, its value replaces the payload hash (spec §E.3 step 7).
 */
export function apigSign({ ak, sk, method, url, date, headers = [], body = '' }) {
  if (typeof ak !== 'string' || typeof sk !== 'string' || typeof method !== 'string' ||
      typeof url !== 'string' || typeof date !== 'string') {
    throw new Error("'ak', 'sk', 'method', 'url' and 'date' must be strings");
  }
  if (body === null || body === undefined) body = '';
  if (typeof body !== 'string') throw new Error("'body' must be a string");
  if (!Array.isArray(headers)) throw new Error("'headers' must be an array of [name, value]");
  const u = splitUrl(url);
  const hmap = new Map();
  for (const h of headers) {
    if (!Array.isArray(h) || h.length !== 2 || typeof h[0] !== 'string' || typeof h[1] !== 'string') {
      throw new Error("each header must be [name, value] with string name and value");
    }
    const name = h[0].toLowerCase();
    if (hmap.has(name)) throw new Error(`duplicate header '${name}'`);
    hmap.set(name, h[1].trim());
  }
  if (!hmap.has('host')) hmap.set('host', u.host);
  if (!hmap.has('x-sdk-date')) hmap.set('x-sdk-date', date);
  const names = [...hmap.keys()].sort(ordinalCompare);
  const canonicalHeaders = names.map((n) => `${n}:${hmap.get(n)}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = hmap.has('x-sdk-content-sha256') ? hmap.get('x-sdk-content-sha256') : sha256Hex(body);
  const canonicalRequest = [
    method.toUpperCase(),
    canonicalUri(u.path),
    canonicalQuery(u.query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = 'SDK-HMAC-SHA256\n' + date + '\n' + sha256Hex(canonicalRequest);
  const signature = hmacHex(sk, stringToSign);
  const authorization = `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, signedHeaders, authorization };
}

// ---------------------------------------------------------------------------------------------
// Canonical payload (saas-v2.md §2.2.1, README decision 2): own JSON tokenizer keeping raw numbers
// ---------------------------------------------------------------------------------------------

// AST: {t:'obj', members:[[key, node],...]} | {t:'arr', items:[...]} | {t:'str', v} | {t:'num', raw}
//      | {t:'lit', raw:'true'|'false'|'null'}
export function parseJson(text) {
  let i = 0;
  const n = text.length;
  const fail = (msg) => { throw new Error(`invalid JSON at offset ${i}: ${msg}`); };
  const ws = () => { while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const expect = (c) => { if (text[i] !== c) fail(`expected '${c}'`); i++; };

  function parseString() {
    expect('"');
    let s = '';
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text[i];
      const code = text.charCodeAt(i);
      if (c === '"') { i++; return s; }
      if (code < 0x20) fail('unescaped control character in string');
      if (c !== '\\') { s += c; i++; continue; }
      i++;
      const e = text[i++];
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          const h = text.slice(i, i + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(h)) fail('bad \\u escape');
          s += String.fromCharCode(parseInt(h, 16));
          i += 4;
          break;
        }
        default: fail('bad escape');
      }
    }
  }

  function parseNumber() {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) fail('bad number');
    i += m[0].length;
    return { t: 'num', raw: m[0] };
  }

  function parseValue() {
    ws();
    if (i >= n) fail('unexpected end');
    const c = text[i];
    if (c === '{') {
      i++;
      const members = [];
      ws();
      if (text[i] === '}') { i++; return { t: 'obj', members }; }
      for (;;) {
        ws();
        const k = parseString();
        ws();
        expect(':');
        const v = parseValue();
        members.push([k, v]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { t: 'obj', members }; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items = [];
      ws();
      if (text[i] === ']') { i++; return { t: 'arr', items }; }
      for (;;) {
        items.push(parseValue());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { t: 'arr', items }; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return { t: 'str', v: parseString() };
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) { i += lit.length; return { t: 'lit', raw: lit }; }
    }
    fail('unexpected character');
  }

  const v = parseValue();
  ws();
  if (i !== n) fail('trailing characters');
  return v;
}

/** Jackson-style string escaping: only '"', '\\' and controls < 0x20 (\b \t \n \f \r short, else \u00XX upper). */
export function jacksonString(s) {
  let out = '"';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    const code = s.charCodeAt(k);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (code < 0x20) {
      switch (code) {
        case 0x08: out += '\\b'; break;
        case 0x09: out += '\\t'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0d: out += '\\r'; break;
        default: out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
      }
    } else out += c;
  }
  return out + '"';
}

/** Java LinkedHashMap semantics for a parsed object: duplicate key keeps first position, last value. */
function rejectRepeatedKeys(node) {
  if (node.t === 'obj') {
    const seen = new Set();
    for (const [k, v] of node.members) {
      if (seen.has(k)) throw new Error(`key '${k}' appears more than once`);
      seen.add(k);
      rejectRepeatedKeys(v);
    }
  } else if (node.t === 'arr') {
    node.items.forEach(rejectRepeatedKeys);
  }
}

function dedupeMembers(members) {
  const m = new Map();
  for (const [k, v] of members) m.set(k, v);
  return [...m.entries()];
}

function writeNode(node) {
  switch (node.t) {
    case 'obj': return '{' + dedupeMembers(node.members).map(([k, v]) => jacksonString(k) + ':' + writeNode(v)).join(',') + '}';
    case 'arr': return '[' + node.items.map(writeNode).join(',') + ']';
    case 'str': return jacksonString(node.v);
    case 'num': return node.raw;
    case 'lit': return node.raw;
    default: throw new Error('internal: unknown node');
  }
}

/**
 * Top-level keys sorted ordinally, every member kept (a null included), compact; nested kept in order. A repeated
 * key at any depth has no canonical form (README decisions 2 and 13).
 */
export function canonicalPayload(body) {
  const root = parseJson(body);
  if (root.t !== 'obj') throw new Error('body must be a JSON object');
  rejectRepeatedKeys(root);
  const members = [...root.members]
    .sort((a, b) => ordinalCompare(a[0], b[0]));
  return '{' + members.map(([k, v]) => jacksonString(k) + ':' + writeNode(v)).join(',') + '}';
}

// ---------------------------------------------------------------------------------------------
// op dispatch
// ---------------------------------------------------------------------------------------------

function requireBits(c) {
  const b = c.bits;
  if (b !== 256 && b !== 128 && b !== '256' && b !== '128') throw new Error("'bits' must be 256 or 128");
  return Number(b);
}

export function runCase(c) {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new Error('case must be a JSON object');
  const s = (name) => requireString(c, name);
  switch (c.op) {
    case 'v2': return v2Signature(s('key'), s('nonce'), s('timestamp'), s('body'));
    case 'kit': return kitSignature(s('key'), s('nonce'), s('timestamp'), s('body'));
    case 'authtoken': return authToken(s('key'), c.params);
    case 'body': return bodySignHeader(s('key'), s('body'));
    case 'aes-encrypt': return aesEncrypt(s('key'), requireBits(c), s('iv'), s('text'));
    case 'aes-decrypt': return aesDecrypt(s('key'), requireBits(c), s('text'));
    case 'sha1prng': {
      const len = c.length;
      if (!Number.isInteger(len) || len < 0) throw new Error("'length' must be a non-negative integer");
      return sha1prng(utf8(s('seed')), len).toString('hex');
    }
    case 'apig': return apigSign(c).authorization;
    case 'usage': return usageSignature(s('key'), s('ts'), s('nonce'), s('body'));
    case 'rsa-oaep-encrypt': return rsaOaepEncrypt(s('publicKeyPem'), s('text'), c.hash);
    case 'canonical': return canonicalPayload(s('body'));
    default: throw new Error(`unknown op '${c.op}'`);
  }
}

export function runCases(cases) {
  if (!Array.isArray(cases)) throw new Error('input must be a JSON array of cases');
  return cases.map((c) => {
    try {
      return { value: runCase(c) };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
}

// ---------------------------------------------------------------------------------------------
// main: stdin → stdout
// ---------------------------------------------------------------------------------------------

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  let input;
  try {
    input = JSON.parse(fs.readFileSync(0, 'utf8'));
  } catch (e) {
    process.stderr.write('koogallery.mjs: stdin is not valid JSON: ' + e.message + '\n');
    process.exit(2);
  }
  if (!Array.isArray(input)) {
    process.stderr.write('koogallery.mjs: stdin must be a JSON array of cases\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(runCases(input)) + '\n');
}
