// Solves a challenge with pow.js under Node (node js/pow.test.mjs CHALLENGE_JSON_FILE) and
// prints the payload, which the Rust test verifies; without an argument it checks a
// challenge it makes itself.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { solve } = require("./pow.js");

const file = process.argv[2];
if (file) {
  const payload = await solve(JSON.parse(readFileSync(file, "utf-8")));
  if (!payload) { console.error("no solution"); process.exit(1); }
  console.log(payload);
} else {
  const salt = "0123456789abcdef?expires=4102444800";
  const challenge = createHash("sha256").update(salt + 1234).digest("hex");
  const payload = await solve({ algorithm: "SHA-256", challenge, maxnumber: 5000, salt, signature: "00" });
  const decoded = JSON.parse(Buffer.from(payload, "base64").toString("utf-8"));
  if (decoded.number !== 1234) { console.error("wrong number", decoded); process.exit(1); }
  console.log("ok");
}
