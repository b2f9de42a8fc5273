#!/usr/bin/env node
/**
 * Checks a riskloop audit-chain export without riskloop: Node's own crypto only, nothing imported from the project,
 * so an auditor can read every line of it. Usage:
 *
 *   node verify-audit-chain.mjs chain.jsonl head.json [--key <chain key, 64 hex>] [--pubkey pinned.pem]
 *   node verify-audit-chain.mjs head.json --print-signed-text      (the exact bytes the head signature covers)
 *
 * chain.jsonl: `riskloop audit export --tenant T`; head.json: `riskloop audit head --tenant T`.
 * It checks: the head's Ed25519 signature (against --pubkey when given, which should be the key pinned out of
 * band); entries 1..n without gaps, each linking to the one before from the genesis hash; each entry's hash (with
 * --key: HMAC-SHA256 under the chain key; entries marked unkeyed, from before keying: SHA-256; no unkeyed entry
 * after a keyed one); and that the export reaches the signed head (same seq, same hash). Exit 0 when all hold.
 */
/* global console, process, Buffer */
import { createHash, createHmac, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted, undefined dropped: the text each entry's hash covers. */
function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .sort()
    .filter((k) => value[k] !== undefined);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

function entryText(e) {
  return canonicalJson({
    seq: e.seq,
    tenant: e.tenantId,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: e.detail,
    prevHash: e.prevHash,
  });
}

function headText(h) {
  return [
    'riskloop-audit-head/1',
    `tenant=${h.tenantId}`,
    `seq=${h.seq}`,
    `hash=${h.hash}`,
    `keyedFrom=${h.keyedFrom ?? ''}`,
    `signedAt=${h.signedAt}`,
    '',
  ].join('\n');
}

function fail(message) {
  console.log(`BROKEN: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--key' && args[i - 1] !== '--pubkey');

if (args.includes('--print-signed-text')) {
  process.stdout.write(headText(JSON.parse(readFileSync(files[0], 'utf8'))));
  process.exit(0);
}
if (files.length !== 2) {
  console.error('usage: verify-audit-chain.mjs chain.jsonl head.json [--key HEX] [--pubkey FILE]');
  process.exit(2);
}
const [chainFile, headFile] = files;
const keyHex = option('--key');
const key = keyHex ? Buffer.from(keyHex, 'hex') : undefined;
const head = JSON.parse(readFileSync(headFile, 'utf8'));
const pinned = option('--pubkey') ? readFileSync(option('--pubkey'), 'utf8') : undefined;

const publicKey = createPublicKey(pinned ?? head.publicKey);
const fingerprint = createHash('sha256')
  .update(publicKey.export({ type: 'spki', format: 'der' }))
  .digest('hex');
if (!verify(null, Buffer.from(headText(head), 'utf8'), publicKey, Buffer.from(head.signature, 'base64')))
  fail(`the head signature does not verify${pinned ? ' against the pinned key' : ''}`);
if (!pinned)
  console.log(
    `note: signature checked against the key inside head.json (fingerprint ${fingerprint}); pin it with --pubkey`,
  );

const lines = readFileSync(chainFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
let prevHash = GENESIS;
let keyedSeen = false;
let checked = 0;
for (const [i, line] of lines.entries()) {
  const e = JSON.parse(line);
  const seq = i + 1;
  if (e.tenantId !== head.tenantId) fail(`line ${seq} belongs to tenant ${e.tenantId}, not ${head.tenantId}`);
  if (e.seq !== seq) fail(`entry ${seq} is missing (line ${seq} holds seq ${e.seq})`);
  if (e.prevHash !== prevHash) fail(`entry ${seq} does not link to entry ${seq - 1}`);
  if (e.keyed) keyedSeen = true;
  else if (keyedSeen) fail(`entry ${seq} is unkeyed after keyed entries`);
  if (e.keyed && !key) {
    if (e.hash.length !== 64) fail(`entry ${seq} has a malformed hash`);
  } else {
    const text = entryText(e);
    const hash = e.keyed
      ? createHmac('sha256', key).update(text).digest('hex')
      : createHash('sha256').update(text).digest('hex');
    if (hash !== e.hash) fail(`entry ${seq} was altered (its hash does not match its content)`);
    checked++;
  }
  prevHash = e.hash;
  if (seq === head.seq && e.hash !== head.hash) fail(`entry ${seq} does not match the signed head`);
}
if (lines.length < head.seq) fail(`the export ends at ${lines.length}, before the signed head at ${head.seq}`);
console.log(
  `ok: ${lines.length} entries link from genesis to the signed head (seq ${head.seq}, ${head.hash}); ` +
    `${checked} hashes recomputed${key ? '' : ' (keyed entries need --key to be recomputed)'}; signer ${fingerprint}`,
);
