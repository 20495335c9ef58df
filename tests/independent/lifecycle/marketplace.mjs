// The marketplace's side of the wire: builds and signs V2 basic and Kit V2 requests exactly as
// saas-v2.md §1.3/§1.4/§2.2/§2.3 describe, sends them over HTTP and checks the transport rules every
// reply must obey (§1.5, §3, §4, README decisions 6, 11, 12).

import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { canonicalPayload, kitSignature, v2Signature } from '../koogallery.mjs';
import { check } from './report.mjs';

// saas-v2.md §4 (000101 is also the sample's applicationSync decrypt failure).
const DOCUMENTED_CODES = new Set([
  '000000', '000001', '000002', '000003', '000004', '000005',
  '000100', '000101', '000102', '000103', '000104', '000105', '000106', '000107',
]);

/** 64 upper-case hex characters, like the marketplace's nonces (§2.2). */
export const newNonce = () => crypto.randomBytes(32).toString('hex').toUpperCase();

/** The marketplace's body form: compact JSON, top-level keys in ascending ordinal order (§1.3). */
export const marketplaceJson = (obj) => canonicalPayload(JSON.stringify(obj));

/** yyyyMMddHHmmssSSS in UTC+8, the Kit body time format (§3.8, README decision 8). */
export function kitTime(ms = Date.now()) {
  const d = new Date(ms + 8 * 3600 * 1000);
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}`
    + `${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}`;
}

/** yyyyMMddHHmmss (UTC), optionally with milliseconds, `days` from now (§3.3 expireTime). */
export function expireTime(days, withMillis = false) {
  const iso = new Date(Date.now() + days * 86400000).toISOString(); // 2025-01-02T03:04:05.678Z
  const digits = iso.replace(/[-:TZ.]/g, '');
  return withMillis ? digits : digits.slice(0, 14);
}

const clip = (s, n = 600) => (s.length > n ? s.slice(0, n) + `…(${s.length} chars)` : s);

/** "sent … ; got …" for failure details. */
export function describe(reply) {
  const s = reply.sent;
  const headers = Object.entries(s.headers).filter(([k]) => k.startsWith('x-'))
    .map(([k, v]) => `${k}: ${v}`).join(', ');
  const got = reply.error
    ? `no reply (${reply.error})`
    : `HTTP ${reply.status} [${reply.contentType ?? 'no Content-Type'}] ${clip(reply.text)}`;
  return `sent POST ${s.path}${headers ? ' {' + headers + '}' : ''} ${clip(s.body)}; got ${got}`;
}

export class Marketplace {
  constructor({ url, basicKey, basicPreviousKey, kitKey, rsaPublicKeyPem, frontEndUrlTemplate, run }) {
    this.url = new URL(url);
    this.basicKey = basicKey;
    this.basicPreviousKey = basicPreviousKey;
    this.kitKey = kitKey;
    this.rsaPublicKeyPem = rsaPublicKeyPem;
    this.frontEndUrlTemplate = frontEndUrlTemplate;
    this.run = run;
    this.transport = this.url.protocol === 'https:' ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true });
  }

  close() { this.agent.destroy(); }

  /**
   * POSTs a basic interface call (§1.3, §2.2). `body` is an object (sent in marketplace form) or a raw string.
   * Options: key, nonce, timestamp, signedPayload (what the signature covers; default = the body sent),
   * signature (override), lowerCase, omit (query parameter names to leave out).
   */
  basic(body, o = {}) {
    const text = typeof body === 'string' ? body : marketplaceJson(body);
    const nonce = o.nonce ?? newNonce();
    const timestamp = o.timestamp ?? String(Date.now());
    const key = o.key ?? this.basicKey;
    let signature = o.signature ?? v2Signature(key, nonce, timestamp, o.signedPayload ?? text);
    signature = o.lowerCase ? signature.toLowerCase() : signature.toUpperCase(); // the marketplace sends upper case
    const query = new URLSearchParams();
    for (const [name, value] of [['signature', signature], ['timestamp', timestamp], ['nonce', nonce]]) {
      if (!(o.omit ?? []).includes(name)) query.set(name, value);
    }
    const path = `${this.url.pathname}?${query}`;
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json;charset=utf8' }; // §1.3 verbatim
    return this.send({ path, headers, body: text, bodySignKeys: this.basicKeys() });
  }

  /** POSTs a Kit V2 call to <url>/produceAPI/v2/<name> with x-sign headers (§1.4, §2.3); options as basic(). */
  kit(name, body, o = {}) {
    const text = typeof body === 'string' ? body : marketplaceJson(body);
    const nonce = o.nonce ?? newNonce();
    const timestamp = o.timestamp ?? String(Date.now());
    const key = o.key ?? this.kitKey;
    let sign = o.signature ?? kitSignature(key, nonce, timestamp, o.signedPayload ?? text);
    sign = o.lowerCase ? sign.toLowerCase() : sign.toUpperCase();
    const headers = { 'Content-Type': 'application/json' };
    for (const [h, value] of [['x-sign', sign], ['x-timestamp', timestamp], ['x-nonce', nonce]]) {
      if (!(o.omit ?? []).includes(h)) headers[h] = value;
    }
    const path = `${this.url.pathname.replace(/\/+$/, '')}/produceAPI/v2/${name}`;
    return this.send({ path, headers, body: text, bodySignKeys: [this.kitKey] });
  }

  /** Sends exactly the same request again (a replay). */
  resend(reply) { return this.send(reply.sent); }

  basicKeys() { return [this.basicKey, this.basicPreviousKey].filter(Boolean); }

  send(sent) {
    const bytes = Buffer.from(sent.body, 'utf8');
    const started = performance.now();
    return new Promise((resolve) => {
      const req = this.transport.request({
        protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, path: sent.path,
        method: 'POST', agent: this.agent, timeout: 20000,
        headers: { ...sent.headers, 'Content-Length': bytes.length },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let json;
          try { json = JSON.parse(text); } catch { json = undefined; }
          resolve({
            sent, status: res.statusCode, contentType: res.headers['content-type'], rawHeaders: res.rawHeaders,
            raw, text, json, ms: performance.now() - started,
          });
        });
      });
      req.on('timeout', () => req.destroy(new Error('no reply within 20 s')));
      req.on('error', (e) => resolve({ sent, error: e.message, text: '', ms: performance.now() - started }));
      req.end(bytes);
    });
  }
}

/** The transport rules every production-interface reply must obey, as one check line. */
export function checkWire(step, reply) {
  if (reply.error) return check(step, 'wire: a reply arrives', false, describe(reply));
  const problems = [];
  const seen = [];
  if (reply.status !== 200) problems.push(`HTTP ${reply.status}, not 200 (§1.5, decision 11)`);
  const ct = reply.contentType ?? '';
  const [mediaType, ...params] = ct.split(';').map((p) => p.trim());
  if (mediaType.toLowerCase() !== 'application/json') problems.push(`Content-Type "${ct}" is not application/json (§1.5)`);
  const charset = params.map((p) => p.split('=')).find(([n]) => n.toLowerCase() === 'charset');
  if (charset && !/^"?utf-?8"?$/i.test(charset[1] ?? '')) problems.push(`charset "${charset[1]}" is not UTF-8 (§1.2)`);
  seen.push(`HTTP ${reply.status}`, `"${ct}"`);

  const j = reply.json;
  if (j === null || typeof j !== 'object' || Array.isArray(j)) {
    problems.push('body is not a JSON object (§5 "解析响应体失败")');
  } else {
    if (typeof j.resultCode !== 'string' || !/^\d{6}$/.test(j.resultCode)) {
      problems.push(`resultCode ${JSON.stringify(j.resultCode)} is not a 6-character code string (§1.5)`);
    } else if (!DOCUMENTED_CODES.has(j.resultCode)) {
      problems.push(`resultCode ${j.resultCode} is not a documented code (§4)`);
    }
    if (!('resultMsg' in j)) {
      problems.push('resultMsg missing (§1.5 "Body must contain resultCode and resultMsg", §5)');
    } else if (typeof j.resultMsg !== 'string' || j.resultMsg.length > 255) {
      problems.push(`resultMsg ${clip(JSON.stringify(j.resultMsg), 80)} is not a string of at most 255 chars (§3)`);
    }
    seen.push(`resultCode ${j.resultCode}`);
  }
  if (!reply.raw.equals(Buffer.from(reply.text, 'utf8'))) problems.push('body is not valid UTF-8 (§1.2)');

  const bodySign = bodySignProblems(reply);
  if (bodySign.problem) problems.push(bodySign.problem);
  seen.push(bodySign.summary);
  if (reply.ms >= 5000) problems.push(`answered after ${Math.round(reply.ms)} ms, marketplace timeout is 5 s (decision 12)`);
  seen.push(`${Math.round(reply.ms)} ms`);

  return check(step, 'wire: HTTP 200, application/json, 6-char resultCode, resultMsg ≤255, Body-Sign, < 5 s',
    problems.length === 0, problems.length === 0 ? seen.join(', ') : problems.join('; ') + ' — ' + describe(reply));
}

// README decision 6 / saas-v2.md §2.4: Body-Sign is optional on V2, but when present it must be right:
// exact header name "Body-Sign", sign_type="HMAC-SHA256", signature = Base64 HMAC-SHA256(key, exact body).
function bodySignProblems(reply) {
  const names = [];
  const values = [];
  for (let i = 0; i < reply.rawHeaders.length; i += 2) {
    if (reply.rawHeaders[i].toLowerCase() === 'body-sign') {
      names.push(reply.rawHeaders[i]);
      values.push(reply.rawHeaders[i + 1]);
    }
  }
  if (names.length === 0) return { summary: 'no Body-Sign' };
  if (names.length > 1) return { problem: `${names.length} Body-Sign headers (decision 6)` };
  if (names[0] !== 'Body-Sign') return { problem: `header name "${names[0]}" is not exactly "Body-Sign" (§2.4)` };
  const m = /^sign_type="HMAC-SHA256", signature="([A-Za-z0-9+/]+={0,2})"$/.exec(values[0]);
  if (!m) return { problem: `Body-Sign "${values[0]}" is not sign_type="HMAC-SHA256", signature="<base64>" (§2.4)` };
  const keys = reply.sent.bodySignKeys;
  const matching = keys.findIndex((k) => crypto.createHmac('sha256', Buffer.from(k, 'utf8')).update(reply.raw).digest('base64') === m[1]);
  if (matching < 0) return { problem: `Body-Sign signature ${m[1]} is not Base64 HMAC-SHA256(accessKey, exact body) for the interface's key (decision 6)` };
  return { summary: matching === 0 ? 'Body-Sign valid' : 'Body-Sign valid (previous key)' };
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
