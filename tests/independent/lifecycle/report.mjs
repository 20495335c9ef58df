// PASS / FAIL / NOTE lines and the closing summary.

let passed = 0;
const failures = [];
let notes = 0;

const oneLine = (s) => String(s).replace(/\s*\n\s*/g, ' ');

/** Records one check. `detail` is printed after the rule; a failing check should say what was sent and received. */
export function check(step, rule, ok, detail = '') {
  const line = `[${step}] ${rule}${detail ? ' — ' + oneLine(detail) : ''}`;
  if (ok) passed++;
  else failures.push(line);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${line}`);
  return ok;
}

/** Records behaviour the spec leaves open; never fails the run. */
export function note(step, text) {
  notes++;
  console.log(`NOTE [${step}] ${oneLine(text)}`);
}

export function section(title) {
  console.log(`\n=== ${title} ===`);
}

/** Prints the summary and returns the number of failed checks. */
export function reportSummary(elapsedMs) {
  console.log(`\n=== summary ===`);
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`${passed} passed, ${failures.length} failed, ${notes} notes in ${(elapsedMs / 1000).toFixed(1)} s`);
  return failures.length;
}
