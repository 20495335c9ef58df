// The marketplace's side of the wire for the V1-era interfaces: V1 GET with the `authToken` query parameter
// (saas-v1-and-joint.md §2.1, license-order-openapi.md §A.1), joint Kit V1 POST with the `authToken` header
// (saas-v1-and-joint.md §2.2), and the V2 "HTTP Body签名" POSTs of license-code 2.0, online license and
// orderNotify (license-order-openapi.md §A.3). Checks the transport rules every reply must obey
// (README decisions 6, 11, 12; saas-v1-and-joint.md §2.3, §3; license-order-openapi.md §A.2, §C.1, §D.1).

import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { authToken, canonicalPayload, hmacBase64, v2Signature } from '../koogallery.mjs';
import { check } from '../lifecycle/report.mjs';

// saas-v1-and-joint.md §4, license-order-openapi.md §B.5, §C.1, §C.3 (000900-000903 online license).
const DOCUMENTED_CODES = new Set([
  '000000', '000001', '000002', '000003', '000004', '000005',
  '000100', '000101', '000102', '000103', '000104', '000105', '000106', '000107',
  '000900', '000901', '000902', '000903',
]);

const pad = (n, w = 2) => String(n).padStart(w, '0');
function digits(ms, offsetHours) {
  const d = new Date(ms + offsetHours * 3600 * 1000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}`
    + `${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}`;
}

/** V1 GET `timeStamp`: UTC yyyyMMddHHmmssSSS (saas-v1-and-joint.md §1.4). */
export const v1TimeStamp = (ms = Date.now()) => digits(ms, 0);
/** Kit body `timeStamp`: UTC+8 yyyyMMddHHmmssSSS (§1.4, README decision 8). */
export const kitTimeStamp = (ms = Date.now()) => digits(ms, 8);
/** `expireTime` yyyyMMddHHmmss UTC, `days` from now; 17 digits when withMillis (decision 8). */
export const expireTime = (days, withMillis = false) => digits(Date.now() + days * 86400000, 0).slice(0, withMillis ? 17 : 14);

/** 32 upper-case hex characters, like the marketplace's V2 nonces (§A.3). */
export const newNonce = () => crypto.randomBytes(16).toString('hex').toUpperCase();

/** Kit V1 token string values (§2.2 step 1: BeanUtils.describe turns numbers into decimal strings). */
function kitTokenParams(body) {
  return Object.entries(body)
    .filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '') // §2.2 step 2: skip blank
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
}

const clip = (s, n = 700) => (s.length > n ? s.slice(0, n) + `…(${s.length} chars)` : s);

/** "sent … ; got …" for failure details. */
export function describe(reply) {
  const s = reply.sent;
  const headers = Object.entries(s.headers).filter(([k]) => /^(authToken|x-)/i.test(k)).map(([k, v]) => `${k}: ${v}`).join(', ');
  const sign = bodySignValues(reply).join(' | ');
  const got = reply.error
    ? `no reply (${reply.error})`
    : `HTTP ${reply.status} [${reply.contentType ?? 'no Content-Type'}]${sign ? ` Body-Sign: ${sign}` : ' no Body-Sign'} ${clip(reply.text)}`;
  return `sent ${s.method} ${clip(s.path, 900)}${headers ? ' {' + headers + '}' : ''}${s.body ? ' ' + clip(s.body) : ''}; got ${got}`;
}

export class V1Marketplace {
  constructor({ url, v1Key, v1PreviousKey, licenseKey, generalKey, basicKey, run }) {
    this.url = new URL(url);
    this.v1Key = v1Key;
    this.v1PreviousKey = v1PreviousKey;
    this.licenseKey = licenseKey;
    this.generalKey = generalKey;
    this.basicKey = basicKey;
    this.run = run;
    this.transport = this.url.protocol === 'https:' ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true });
  }

  close() { this.agent.destroy(); }

  v1Keys() { return [this.v1Key, this.v1PreviousKey].filter(Boolean); }

  /**
   * A V1 GET (§2.1): `params` is an object or [name, value][] of decoded values; adds timeStamp (unless given)
   * and authToken. Options: key, token (override), tokenParams (what the token covers), omit (names to leave
   * out of the URL), literal (names whose values go on the wire without percent-encoding).
   */
  get(params, o = {}) {
    const list = Array.isArray(params) ? [...params] : Object.entries(params);
    if (!list.some(([n]) => n === 'timeStamp') && !(o.omit ?? []).includes('timeStamp')) list.push(['timeStamp', v1TimeStamp()]);
    const key = o.key ?? this.v1Key;
    const token = o.token ?? authToken(key, o.tokenParams ?? list);
    list.push(['authToken', token]);
    const literal = new Set(o.literal ?? []);
    const query = list.filter(([n]) => !(o.omit ?? []).includes(n))
      .map(([n, v]) => `${encodeURIComponent(n)}=${literal.has(n) ? v : encodeURIComponent(v)}`).join('&');
    const path = `${this.url.pathname}${query ? '?' + query : ''}`;
    return this.send({ method: 'GET', path, headers: { Accept: 'application/json' }, body: '', bodySignKeys: this.v1Keys(), family: 'v1', params: list });
  }

  /** A joint Kit V1 POST to <url>/produceAPI/<name> with the `authToken` header (§2.2). Options: key, token, quoted, omitToken. */
  kit(name, body, o = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'Content-Type': 'application/json' };
    if (!o.omitToken) {
      const token = o.token ?? authToken(o.key ?? this.v1Key, kitTokenParams(o.tokenBody ?? body));
      headers.authToken = o.quoted ? `"${token}"` : token;
    }
    const path = `${this.url.pathname.replace(/\/+$/, '')}/produceAPI/${name}`;
    return this.send({ method: 'POST', path, headers, body: text, bodySignKeys: this.v1Keys(), family: 'v1' });
  }

  /**
   * A V2-signed POST (§A.3): signature/timestamp/nonce in the URL, body JSON (top-level keys sorted, as the marketplace
   * sends). Options: key (default License key), nonce, timestamp, signature, signedPayload, omit.
   */
  post(body, o = {}) {
    const text = typeof body === 'string' ? body : canonicalPayload(JSON.stringify(body));
    const nonce = o.nonce ?? newNonce();
    const timestamp = o.timestamp ?? String(Date.now());
    const key = o.key ?? this.licenseKey;
    const signature = (o.signature ?? v2Signature(key, nonce, timestamp, o.signedPayload ?? text)).toUpperCase();
    const query = new URLSearchParams();
    for (const [n, v] of [['signature', signature], ['timestamp', timestamp], ['nonce', nonce]]) {
      if (!(o.omit ?? []).includes(n)) query.set(n, v);
    }
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json;charset=utf-8' }; // §D.1 example
    return this.send({ method: 'POST', path: `${this.url.pathname}?${query}`, headers, body: text, bodySignKeys: o.bodySignKeys ?? [key], family: 'v2' });
  }

  resend(reply) { return this.send(reply.sent); }

  send(sent) {
    const bytes = Buffer.from(sent.body, 'utf8');
    const started = performance.now();
    return new Promise((resolve) => {
      const headers = { ...sent.headers };
      if (sent.method === 'POST') headers['Content-Length'] = bytes.length;
      const req = this.transport.request({
        protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, path: sent.path,
        method: sent.method, agent: this.agent, timeout: 20000, headers,
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let json;
          try { json = JSON.parse(text); } catch { json = undefined; }
          resolve({ sent, status: res.statusCode, contentType: res.headers['content-type'], rawHeaders: res.rawHeaders, raw, text, json, ms: performance.now() - started });
        });
      });
      req.on('timeout', () => req.destroy(new Error('no reply within 20 s')));
      req.on('error', (e) => resolve({ sent, error: e.message, text: '', rawHeaders: [], ms: performance.now() - started }));
      req.end(sent.method === 'POST' ? bytes : undefined);
    });
  }
}

function bodySignValues(reply) {
  const values = [];
  for (let i = 0; i < (reply.rawHeaders ?? []).length; i += 2) {
    if (reply.rawHeaders[i].toLowerCase() === 'body-sign') values.push(`${reply.rawHeaders[i]}: ${reply.rawHeaders[i + 1]}`);
  }
  return values;
}

// Body-Sign forms seen in the spec: README decision 6 (no space) and the official sample (one space after
// `signature=`, saas-v1-and-joint.md §2.3, license-order-openapi.md §A.2). Both quote both values.
const BODY_SIGN = /^sign_type="HMAC-SHA256", signature= ?"([A-Za-z0-9+/]+={0,2})"$/;
export const bodySignForms = new Map();

function bodySignProblems(reply, mandatory) {
  const names = [];
  const values = [];
  for (let i = 0; i < reply.rawHeaders.length; i += 2) {
    if (reply.rawHeaders[i].toLowerCase() === 'body-sign') {
      names.push(reply.rawHeaders[i]);
      values.push(reply.rawHeaders[i + 1]);
    }
  }
  if (names.length === 0) {
    return mandatory ? { problem: 'no Body-Sign header; it is mandatory on every V1 and legacy-License reply (decision 6, §2.3, §A.2)' } : { summary: 'no Body-Sign' };
  }
  if (names.length > 1) return { problem: `${names.length} Body-Sign headers` };
  if (names[0] !== 'Body-Sign') return { problem: `header name "${names[0]}" is not exactly "Body-Sign" (§A.2: "Body-sign" is rejected)` };
  const m = BODY_SIGN.exec(values[0]);
  if (!m) return { problem: `Body-Sign "${values[0]}" is not sign_type="HMAC-SHA256", signature="<base64>" (decision 6, §2.3)` };
  bodySignForms.set(reply.sent.family, values[0].includes('signature= "') ? 'signature= "…" (sample form, with space)' : 'signature="…" (decision 6 form, no space)');
  const keys = reply.sent.bodySignKeys;
  const matching = keys.findIndex((k) => hmacBase64(k, reply.raw) === m[1]);
  if (matching < 0) return { problem: `Body-Sign signature ${m[1]} is not Base64 HMAC-SHA256(Key, exact body) for the interface's key (§2.3)` };
  return { summary: matching === 0 ? 'Body-Sign valid' : 'Body-Sign valid (previous key)', keyIndex: matching };
}

/** The transport rules every reply must obey, as one check line. Body-Sign is mandatory for the V1 family. */
export function checkWire(step, reply) {
  const v1 = reply.sent.family === 'v1';
  const rule = `wire: HTTP 200, application/json, 6-char resultCode, resultMsg ≤255, ${v1 ? 'Body-Sign mandatory' : 'Body-Sign valid if present'}, < 5 s`;
  if (reply.error) return check(step, rule, false, describe(reply));
  const problems = [];
  const seen = [];
  if (reply.status !== 200) problems.push(`HTTP ${reply.status}, not 200 (decision 11)`);
  const ct = reply.contentType ?? '';
  const [mediaType, ...params] = ct.split(';').map((p) => p.trim());
  if (mediaType.toLowerCase() !== 'application/json') problems.push(`Content-Type "${ct}" is not application/json (§3 common, decision 11)`);
  const charset = params.map((p) => p.split('=')).find(([n]) => n.toLowerCase() === 'charset');
  if (charset && !/^"?utf-?8"?$/i.test(charset[1] ?? '')) problems.push(`charset "${charset[1]}" is not UTF-8 (§1.2)`);
  seen.push(`HTTP ${reply.status}`);

  const j = reply.json;
  if (j === null || typeof j !== 'object' || Array.isArray(j)) {
    problems.push('body is not a JSON object (decision 11)');
  } else {
    if (typeof j.resultCode !== 'string' || !/^\d{6}$/.test(j.resultCode)) problems.push(`resultCode ${JSON.stringify(j.resultCode)} is not a 6-character code string (decision 11)`);
    else if (!DOCUMENTED_CODES.has(j.resultCode)) problems.push(`resultCode ${j.resultCode} is not a documented code (§4, §B.5)`);
    if (!('resultMsg' in j)) problems.push('resultMsg missing (decision 11)');
    else if (typeof j.resultMsg !== 'string' || j.resultMsg.length > 255) problems.push(`resultMsg is not a string of at most 255 chars (§3 common)`);
    seen.push(`resultCode ${j.resultCode}`);
  }
  if (!reply.raw.equals(Buffer.from(reply.text, 'utf8'))) problems.push('body is not valid UTF-8 (§1.2)');
  const sign = bodySignProblems(reply, v1);
  if (sign.problem) problems.push(sign.problem);
  else seen.push(sign.summary);
  reply.bodySignKeyIndex = sign.keyIndex;
  if (reply.ms >= 5000) problems.push(`answered after ${Math.round(reply.ms)} ms; the marketplace times out after 5 s (decision 12)`);
  seen.push(`${Math.round(reply.ms)} ms`);
  return check(step, rule, problems.length === 0, problems.length ? problems.join('; ') + ' — ' + describe(reply) : seen.join(', '));
}

/** Wire check plus the expected resultCode(s). Returns the reply's JSON when the code matched. */
export function expectCode(step, reply, codes, rule) {
  checkWire(step, reply);
  const wanted = Array.isArray(codes) ? codes : [codes];
  const code = reply.json?.resultCode;
  const ok = wanted.includes(code);
  check(step, `${rule} → ${wanted.join(' or ')}`, ok, ok ? `resultCode ${code} "${reply.json?.resultMsg ?? ''}"` : describe(reply));
  return ok ? reply.json : undefined;
}
