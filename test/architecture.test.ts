// The house rules of ../shared/DESIGN.md, checked on the source itself with the TypeScript
// parser: arrows point inward (no import up a layer), only some rooms may touch Office, React or
// Node, and no function in src/ is longer than a screen without a reason written beside it.
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '../src');
const MAX_LINES = 80;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const files = sourceFiles(SRC).map((file) => {
  const text = fs.readFileSync(file, 'utf8');
  return { rel: path.relative(SRC, file).split(path.sep).join('/'), text, sf: ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true) };
});

/** The room of a file: its first folder (engine, output, workbook/office, …). */
function room(rel: string): string {
  const parts = rel.split('/');
  if (parts[0] === 'workbook' && (parts[1] === 'office' || parts[1] === 'ooxml')) return `workbook/${parts[1]}`;
  return parts.length > 1 ? parts[0] : '.';
}

function imports(f: (typeof files)[number]): string[] {
  const out: string[] = [];
  f.sf.forEachChild((n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(n) ? !!n.importClause?.isTypeOnly : n.isTypeOnly;
      if (!typeOnly) out.push(n.moduleSpecifier.text);
    }
  });
  return out;
}

/** Resolved room of a relative import, or the package name of a bare one. */
function target(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return `room:${room(rel)}`;
}

// Which rooms each room may import (besides itself). DESIGN.md: taskpane, cli, commands →
// workbook, output, engine, config; output → engine; engine → config; i18n is shared text.
const ALLOWED: Record<string, string[]> = {
  config: ['i18n'],
  i18n: [],
  engine: ['config', 'i18n'],
  output: ['engine', 'config', 'i18n'],
  workbook: ['output', 'engine', 'config', 'i18n', 'workbook/office', 'workbook/ooxml'],
  'workbook/office': ['workbook', 'output', 'engine', 'config', 'i18n'],
  'workbook/ooxml': ['workbook', 'output', 'engine', 'config', 'i18n'],
  taskpane: ['workbook', 'workbook/office', 'output', 'engine', 'config', 'i18n'],
  commands: ['workbook', 'workbook/office', 'output', 'engine', 'config', 'i18n'],
  cli: ['workbook', 'workbook/ooxml', 'output', 'engine', 'config', 'i18n', 'sources'],
  // Readers of orders outside the workbook (DuckDB, PostgreSQL): Node-only, used by the CLI.
  sources: ['engine', 'config', 'i18n'],
};
// Pure modules that import nothing: one definition each, usable from every room (the config
// schema validates dates with the calendar).
const LEAVES = ['/engine/calendar', '/engine/columns'];
const NODE = new Set(['fs', 'path', 'os', 'child_process', 'url', 'util', 'zlib', 'crypto', 'stream', 'worker_threads']);

describe('architecture (DESIGN.md)', () => {
  it('imports only inward: no arrow up a layer', () => {
    const bad: string[] = [];
    for (const f of files) {
      const from = room(f.rel);
      for (const spec of imports(f)) {
        const to = target(f.rel, spec);
        if (!to.startsWith('room:')) continue;
        const r = to.slice(5);
        if (LEAVES.some((leaf) => spec.endsWith(leaf))) continue;
        if (r !== from && r !== '.' && !(ALLOWED[from] ?? []).includes(r)) bad.push(`${f.rel} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps Node built-ins in cli, sources and workbook/ooxml, React in taskpane, Excel.* in workbook/office', () => {
    const bad: string[] = [];
    for (const f of files) {
      const from = room(f.rel);
      for (const spec of imports(f)) {
        const name = spec.replace(/^node:/, '');
        if (NODE.has(name) && !['cli', 'workbook/ooxml', 'sources'].includes(from)) bad.push(`${f.rel} imports ${spec}`);
        if (/^react(-dom)?(\/|$)|^@fluentui\//.test(spec) && from !== 'taskpane') bad.push(`${f.rel} imports ${spec}`);
      }
      if (from !== 'workbook/office' && from !== 'taskpane' && from !== 'commands' && /\bExcel\.run\b|\bExcel\.\w+\./.test(f.text)) bad.push(`${f.rel} calls Excel.*`);
    }
    expect(bad).toEqual([]);
  });

  it(`has no function over ${MAX_LINES} lines in src/ without a "// long:" reason beside it`, () => {
    const long: string[] = [];
    for (const f of files) {
      const visit = (n: ts.Node) => {
        if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n)) {
          const start = f.sf.getLineAndCharacterOfPosition(n.getStart(f.sf)).line;
          const end = f.sf.getLineAndCharacterOfPosition(n.getEnd()).line;
          const lines = end - start + 1;
          // The reason may sit above the function or above the statement that holds it.
          const holder = ts.isArrowFunction(n) || ts.isFunctionExpression(n) ? n.parent?.parent?.parent ?? n : n;
          const comments = [n, holder].flatMap((x) => (ts.getLeadingCommentRanges(f.text, x.getFullStart()) ?? []).map((c) => f.text.slice(c.pos, c.end)));
          if (lines > MAX_LINES && !comments.some((c) => /\blong:\s*\S/.test(c))) long.push(`${f.rel}:${start + 1} (${lines} lines)`);
        }
        ts.forEachChild(n, visit);
      };
      visit(f.sf);
    }
    expect(long).toEqual([]);
  });
});
