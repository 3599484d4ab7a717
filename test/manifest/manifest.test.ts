// Offline manifest check (online `npm run validate` needs the internet): the XML parses,
// has what Office requires, keeps its ids stable, and every URL it names is a file the
// production build emits.
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import path from 'path';
import { XMLParser } from 'fast-xml-parser';

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
  if (!existsSync(path.join(dist, 'taskpane.html'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: root, stdio: 'inherit' });
  }
}, 300_000);

describe('manifest.xml', () => {
  const doc = parser.parse(xml);
  const app = doc.OfficeApp;

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

  test('every URL is served by the production build', () => {
    const urls = attributes(app).map((a) => a.value).filter((v) => /^https?:\/\//.test(v));
    const local = urls.filter((u) => u.startsWith('https://localhost:3000'));
    expect(local.length).toBe(urls.length - 0);
    for (const u of new Set(local)) {
      const rel = new URL(u).pathname.replace(/^\//, '');
      if (rel === '') continue; // AppDomain
      expect({ url: u, exists: existsSync(path.join(dist, rel)) }).toEqual({ url: u, exists: true });
    }
  });

  test('the task pane page loads office.js with its file mapping table beside it', () => {
    const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
    const src = /<script[^>]+src=["']?([^"' >]*office\.js)/.exec(html)?.[1];
    expect(src).toBeDefined();
    const dir = path.dirname(path.join(dist, src!));
    expect(existsSync(path.join(dir, 'office.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'o15apptofilemappingtable.js'))).toBe(true);
  });
});
