// Verifies KooGate's webhook deliveries with the standardwebhooks npm package, independently of the C# code.
// usage:  node verify.mjs <input.json>
// input:  {"secrets": ["whsec_…", …], "deliveries": [{"headers": {"webhook-id": …}, "body": "<exact body>"}]}
// stdout: [[{"ok": true, "type": "instance.created"} | {"ok": false, "error": "…"}, … one per secret], … one per delivery]
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));

const results = input.deliveries.map((delivery) =>
  input.secrets.map((secret) => {
    try {
      const event = new Webhook(secret).verify(delivery.body, delivery.headers);
      return { ok: true, type: event.type };
    } catch (error) {
      return { ok: false, error: String(error && error.message ? error.message : error) };
    }
  }));
process.stdout.write(JSON.stringify(results));
