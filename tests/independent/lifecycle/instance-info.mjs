// Field rules for newInstance and queryInstance replies (saas-v2.md §3.1, §3.2, §2.5 "V2 status").

import { check } from './report.mjs';

const isStr = (v) => typeof v === 'string';

function lengthProblems(obj, where, fields) {
  const problems = [];
  for (const [name, max, mandatory] of fields) {
    const v = obj[name];
    if (v === undefined || v === null) {
      if (mandatory) problems.push(`${where}.${name} missing (mandatory)`);
    } else if (!isStr(v)) {
      problems.push(`${where}.${name} is ${typeof v}, not a string`);
    } else if (v.length > max) {
      problems.push(`${where}.${name} has ${v.length} chars, max ${max}`);
    } else if (mandatory && v.length === 0) {
      problems.push(`${where}.${name} is empty (mandatory)`);
    }
  }
  return problems;
}

/** AppInfo (§3.2): frontEndUrl M 512, adminUrl O 512, userName O 128, password O 128, memo O 1024. */
export function appInfoProblems(appInfo, where) {
  if (appInfo === null || typeof appInfo !== 'object' || Array.isArray(appInfo)) return [`${where} is not an object`];
  const problems = lengthProblems(appInfo, where, [
    ['frontEndUrl', 512, true], ['adminUrl', 512, false], ['userName', 128, false],
    ['password', 128, false], ['memo', 1024, false],
  ]);
  if (isStr(appInfo.frontEndUrl) && !/^https?:\/\/\S+$/.test(appInfo.frontEndUrl)) {
    problems.push(`${where}.frontEndUrl "${appInfo.frontEndUrl}" is not an http(s) URL the buyer can open`);
  }
  if ('encryptType' in appInfo) problems.push(`${where}.encryptType present; V2 returns plain values without encryptType (§2.5)`);
  return problems;
}

/** UsageInfo (§3.2): relatedInstanceId O 64, usageValue M Double(12,4), statisticalTime M yyyyMMddHHmmssSSS, dashboardUrl O 512. */
function usageInfoProblems(usage, where) {
  if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) return [`${where} is not an object`];
  const problems = lengthProblems(usage, where, [
    ['relatedInstanceId', 64, false], ['statisticalTime', 20, true], ['dashboardUrl', 512, false],
  ]);
  if (typeof usage.usageValue !== 'number') problems.push(`${where}.usageValue missing or not a number`);
  else if (!/^-?\d{1,8}(\.\d{1,4})?$/.test(String(usage.usageValue))) problems.push(`${where}.usageValue ${usage.usageValue} is not Double(12,4)`);
  if (isStr(usage.statisticalTime) && !/^\d{17}$/.test(usage.statisticalTime)) {
    problems.push(`${where}.statisticalTime "${usage.statisticalTime}" is not yyyyMMddHHmmssSSS`);
  }
  return problems;
}

/** InstanceInfo (§3.2): instanceId M 64, appInfo O, usageInfo O UsageInfo[]. */
export function instanceInfoProblems(info, where) {
  if (info === null || typeof info !== 'object' || Array.isArray(info)) return [`${where} is not an object`];
  const problems = lengthProblems(info, where, [['instanceId', 64, true]]);
  if (info.appInfo !== undefined && info.appInfo !== null) problems.push(...appInfoProblems(info.appInfo, `${where}.appInfo`));
  if (info.usageInfo !== undefined && info.usageInfo !== null) {
    if (!Array.isArray(info.usageInfo)) problems.push(`${where}.usageInfo is not an array`);
    else info.usageInfo.forEach((u, i) => problems.push(...usageInfoProblems(u, `${where}.usageInfo[${i}]`)));
  }
  return problems;
}

/** Checks a successful newInstance reply's fields; returns the instanceId (or undefined). */
export function checkCreateReply(step, json) {
  const problems = lengthProblems(json, 'reply', [['instanceId', 64, true]]);
  if (json.appInfo !== undefined && json.appInfo !== null) problems.push(...appInfoProblems(json.appInfo, 'reply.appInfo'));
  check(step, 'newInstance reply: instanceId M String(64); appInfo, when present, per §3.2 (§3.1, §5)',
    problems.length === 0, problems.length ? problems.join('; ') + ' — ' + JSON.stringify(json) : `instanceId ${json.instanceId}`);
  return isStr(json.instanceId) ? json.instanceId : undefined;
}

/** Checks a queryInstance reply's info array; returns a Map instanceId → info. */
export function checkQueryReply(step, json, reply) {
  const found = new Map();
  if (json.info === undefined || json.info === null) {
    check(step, 'queryInstance reply: info O InstanceInfo[] well-formed (§3.2)', true, 'no info');
    return found;
  }
  const problems = [];
  if (!Array.isArray(json.info)) problems.push('info is not an array');
  else {
    json.info.forEach((entry, i) => {
      problems.push(...instanceInfoProblems(entry, `info[${i}]`));
      if (entry && isStr(entry.instanceId)) {
        if (found.has(entry.instanceId)) problems.push(`info lists ${entry.instanceId} twice`);
        found.set(entry.instanceId, entry);
      }
    });
  }
  // §3.2: memo non-ASCII goes out as \uXXXX escapes.
  const memos = Array.isArray(json.info) ? json.info.map((e) => e?.appInfo?.memo).filter(isStr) : [];
  if (memos.some((m) => /[^\x00-\x7f]/.test(m)) && /[^\x00-\x7f]/.test(reply.text)) {
    problems.push('memo contains non-ASCII characters that are not \\uXXXX-escaped (§3.2)');
  }
  check(step, 'queryInstance reply: every info entry has instanceId ≤64 and valid appInfo/usageInfo (§3.2, §5)',
    problems.length === 0, problems.length ? problems.join('; ') + ' — ' + reply.text : `${found.size} entries`);
  return found;
}
