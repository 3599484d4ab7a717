// Offline manifest check (online `npm run validate` needs the internet): the XML parses,
// has what Office requires, keeps its ids stable, and every URL it names is a file the
// production build emits. The same checks run on the production manifest generated for a
// hosting address (deploy/manifest.cjs), whose every URL must be under that address.
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEV_BASE, normalizeBase, productionManifest } from '../../deploy/manifest.cjs';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const xml = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });

/** Every attribute value anywhere in the document, with the path to it. */
function attributes(node: unknown, out: { path: string; name: string; value: string }[] = [], at = ''): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => attributes(n, out, `${at}[${i}]`));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('@') && typeof v === 'string') out.push({ path: at, name: k.slice(1), value: v });
      else attributes(v, out, `${at}/${k}`);
    }
  }
  return out;
}

beforeAll(() => {
  if (!existsSync(path.join(dist, 'taskpane.html')) || !existsSync(path.join(dist, 'manifest.xml'))) {
    // As a team would build it for their server (docs/deploy.md).
    const env = { ...process.env, ADDIN_BASE_URL: 'https://tiers.example.com/' };
    execFileSync(process.execPath, [path.join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: root, stdio: 'inherit', env });
  }
}, 300_000);

const BASES = [DEV_BASE, 'https://tiers.example.com/', 'https://static.contoso.cn/addins/customer-tiers/'];

describe.each(BASES)('manifest.xml for %s', (base) => {
  const text = productionManifest(xml, base);
  const doc = parser.parse(text);
  const app = doc.OfficeApp;

  test('is well-formed XML with the development manifest\'s elements, in the same order', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    const tags = (s: string) => [...s.matchAll(/<([A-Za-z:]+)[\s>/]/g)].map((m) => m[1]);
    expect(tags(text)).toEqual(tags(xml));
  });

  test('is an Excel task-pane app with the stable id and permissions', () => {
    expect(app['@type']).toBe('TaskPaneApp');
    expect(app.Id).toBe('6f1d6f0e-3c2a-4d8e-9b57-2a1c5e7d4b10');
    expect(app.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(app.Permissions).toBe('ReadWriteDocument');
    expect(app.Hosts.Host['@Name']).toBe('Workbook');
    expect(app.DefaultSettings.SourceLocation['@DefaultValue']).toMatch(/^https:\/\//);
  });

  test('display name is localized 客户分层 / Customer Tiers', () => {
    expect(app.DisplayName['@DefaultValue']).toBe('Customer Tiers');
    expect(app.DisplayName.Override['@Locale']).toBe('zh-CN');
    expect(app.DisplayName.Override['@Value']).toBe('客户分层');
  });

  test('ribbon has the open-pane button and the Refresh tiers command with stable ids', () => {
    const group = app.VersionOverrides.Hosts.Host.DesktopFormFactor.ExtensionPoint.OfficeTab.Group;
    const controls = [group.Control].flat();
    expect(controls.map((c: { '@id': string }) => c['@id'])).toEqual(['CustomerTiers.OpenPane', 'CustomerTiers.Refresh']);
    expect(controls[0].Action['@type']).toBe('ShowTaskpane');
    expect(controls[1].Action['@type']).toBe('ExecuteFunction');
    expect(controls[1].Action.FunctionName).toBe('refreshTiers');
  });

  test('every resid points to a declared resource', () => {
    const res = app.VersionOverrides.Resources;
    const declared = new Set(
      [res.Images.Image, res.Urls.Url, res.ShortStrings.String, res.LongStrings.String].flat().map((r: { '@id': string }) => r['@id']),
    );
    const used = attributes(app.VersionOverrides.Hosts).filter((a) => a.name === 'resid').map((a) => a.value);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(declared).toContain(id);
  });

  test('every URL is under the hosting address and names a file the production build emits', () => {
    const urls = attributes(app).map((a) => a.value).filter((v) => /^https?:\/\//.test(v));
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const u of new Set(urls)) {
      expect({ url: u, underBase: u.startsWith(base) }).toEqual({ url: u, underBase: true });
      const rel = u.slice(base.length);
      expect({ url: u, exists: existsSync(path.join(dist, rel)) }).toEqual({ url: u, exists: true });
    }
    expect([app.AppDomains.AppDomain].flat()).toEqual([new URL(base).origin]);
    // Nothing may still send a teammate's Excel to the development server.
    if (base !== DEV_BASE) expect(text).not.toMatch(/localhost/);
  });
});

describe('hosting address', () => {
  test('is normalized to an https folder address', () => {
    expect(normalizeBase('https://tiers.example.com')).toBe('https://tiers.example.com/');
    expect(normalizeBase(' https://x.example.com/a/b ')).toBe('https://x.example.com/a/b/');
  });
  test.each([
    ['http://tiers.example.com/', /https:\/\//],
    ['tiers.example.com', /not an address/],
    ['https://tiers.example.com/?v=1', /plain folder address/],
    ['', /not an address/],
  ])('%j is refused with a reason', (bad, why) => {
    expect(() => productionManifest(xml, bad)).toThrow(why);
  });
});

describe('the production build', () => {
  test('writes dist/manifest.xml generated from manifest.xml', () => {
    const built = readFileSync(path.join(dist, 'manifest.xml'), 'utf8');
    const base = /<SourceLocation DefaultValue="(https:\/\/[^"]+)taskpane\.html"/.exec(built)?.[1];
    expect(base).toBeDefined();
    expect(built).toBe(productionManifest(xml, base!));
  });

  test.each(['taskpane.html', 'commands.html'])('%s loads office.js from Microsoft\'s CDN (or, in a local build, with its file mapping table beside it)', (page) => {
    const html = readFileSync(path.join(dist, page), 'utf8');
    const src = /<script[^>]+src=["']?([^"' >]*office\.js)/.exec(html)?.[1];
    expect(src).toBeDefined();
    if (/^https:/.test(src!)) {
      expect(src).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
      return;
    }
    const dir = path.dirname(path.join(dist, src!));
    expect(existsSync(path.join(dir, 'office.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'o15apptofilemappingtable.js'))).toBe(true);
  });
});
