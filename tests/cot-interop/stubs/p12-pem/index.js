// See package.json: only node-tak's CLI would call this, and the tests do not run that CLI.
export function getPemFromP12() {
  throw new Error('p12-pem is not available here (stand-in package); convert PKCS#12 with openssl instead');
}
