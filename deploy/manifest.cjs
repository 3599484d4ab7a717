// The production manifest: the development manifest.xml (served from https://localhost:3000/)
// with every URL moved to the address the add-in is hosted at. Used by webpack (dist/manifest.xml)
// and by `node deploy/manifest.cjs <base-url>`; tested in test/manifest. One source manifest, so
// the ids, ribbon and strings can never drift between development and production.
const DEV_BASE = 'https://localhost:3000/';
const DEV_ORIGIN = 'https://localhost:3000';

/**
 * A hosting address as Office needs it: absolute https (Office refuses http add-ins), no query
 * or fragment, ending in "/" so file names append. Throws a sentence saying what to fix.
 */
function normalizeBase(text) {
  let url;
  try {
    url = new URL(String(text ?? '').trim());
  } catch {
    throw new Error(`ADDIN_BASE_URL "${text}" is not an address. Give the https address the files of dist/ are served from, e.g. https://tiers.example.com/`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL "${text}" must start with https:// (Office loads add-ins over https only).`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`ADDIN_BASE_URL "${text}" must be a plain folder address, without ?query, #fragment or user name.`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The manifest for `base`: every development URL rebased; AppDomains become the base's origin. */
function productionManifest(devXml, base) {
  const href = normalizeBase(base);
  const origin = new URL(href).origin;
  const out = devXml.split(DEV_BASE).join(href).split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`).join(`<AppDomain>${origin}</AppDomain>`);
  // Anything still naming the development server would load nothing for a teammate: refuse.
  if (href !== DEV_BASE && out.includes('localhost:3000')) throw new Error('manifest.xml names https://localhost:3000 in a form deploy/manifest.cjs does not rebase.');
  return out;
}

module.exports = { DEV_BASE, normalizeBase, productionManifest };

// node deploy/manifest.cjs https://tiers.example.com/ [manifest.xml] > manifest.prod.xml
if (require.main === module) {
  const fs = require('fs');
  const path = require('path');
  const [base, src = path.join(__dirname, '..', 'manifest.xml')] = process.argv.slice(2);
  try {
    process.stdout.write(productionManifest(fs.readFileSync(src, 'utf8'), base));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}
