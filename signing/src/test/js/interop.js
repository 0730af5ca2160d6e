// sigstore-js side of SigstoreJsIT (run by the test as a real node process, offline).
//   node interop.js sign   KEY.pem PUB.pem PAYLOAD_TYPE PAYLOAD_FILE [--hint=TEXT | --no-hint] > bundle.json
//       a key-based DSSE bundle made by @sigstore/sign's DSSEBundleBuilder with a custom Signer
//       (local ECDSA P-256 key, e.g. from openssl; no Fulcio, no Rekor: witnesses = []); the
//       public-key hint is the hex SHA-256 of the key's SPKI unless --hint gives another or
//       --no-hint leaves it out
//   node interop.js verify BUNDLE.json PUB.pem
//       @sigstore/verify's Verifier with the public key as the only trust material
//       (keySelector by hint, tlog/ctlog/timestamp thresholds 0); prints "verified" or the error
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { DSSEBundleBuilder } = require('@sigstore/sign');
const { Verifier, toTrustMaterial, toSignedEntity } = require('@sigstore/verify');
const { bundleToJSON, bundleFromJSON } = require('@sigstore/bundle');

const keyId = (pem) =>
  crypto.createHash('sha256').update(crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' })).digest('hex');

async function sign([keyFile, pubFile, type, payloadFile, hintOption]) {
  const privateKey = crypto.createPrivateKey(fs.readFileSync(keyFile, 'utf8'));
  const publicKey = fs.readFileSync(pubFile, 'utf8');
  let hint = keyId(publicKey);
  if (hintOption === '--no-hint') hint = undefined;
  else if (hintOption !== undefined && hintOption.startsWith('--hint=')) hint = hintOption.slice('--hint='.length);
  else if (hintOption !== undefined) throw new Error(`unknown option ${hintOption}; use --hint=TEXT or --no-hint`);
  const signer = {
    sign: async (data) => ({
      signature: crypto.sign('sha256', data, privateKey), // ECDSA: DER, as Sigstore encodes it
      key: { $case: 'publicKey', publicKey, hint },
    }),
  };
  const builder = new DSSEBundleBuilder({ signer, witnesses: [] });
  const bundle = await builder.create({ data: fs.readFileSync(payloadFile), type });
  process.stdout.write(JSON.stringify(bundleToJSON(bundle), null, 2));
}

function verify([bundleFile, pubFile]) {
  const pem = fs.readFileSync(pubFile, 'utf8');
  const expected = keyId(pem);
  const emptyRoot = { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] };
  const keySelector = (hint) => {
    if (hint !== expected) throw new Error(`unknown key hint ${hint}, trusted key is ${expected}`);
    return { publicKey: crypto.createPublicKey(pem), validFor: () => true };
  };
  const verifier = new Verifier(toTrustMaterial(emptyRoot, keySelector), {
    tlogThreshold: 0,
    ctlogThreshold: 0,
    timestampThreshold: 0,
  });
  const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundleFile, 'utf8')));
  verifier.verify(toSignedEntity(bundle));
  process.stdout.write('verified\n');
}

const [command, ...args] = process.argv.slice(2);
Promise.resolve()
  .then(() => (command === 'sign' ? sign(args) : command === 'verify' ? verify(args) : Promise.reject(new Error(`usage: interop.js sign|verify ...`))))
  .catch((e) => {
    process.stderr.write(`interop ${command} failed: ${e.code ? e.code + ': ' : ''}${e.message}\n`);
    process.exit(1);
  });
