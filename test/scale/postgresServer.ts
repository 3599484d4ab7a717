// A throwaway PostgreSQL server for tests: initdb + pg_ctl on a unix socket in a temporary
// folder (no TCP port, nothing outside the folder), trust authentication for one superuser,
// stopped and deleted by stop(). When no PostgreSQL binaries are installed (Debian package
// `postgresql`), startPostgres() returns the reason and the tests say they were skipped.
// initdb refuses to run as root: as root the server runs as the `postgres` or `nobody` user.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface TestServer {
  /** Connection string for `pg` (socket folder as host). */
  url: string;
  /** The socket folder (readable by the server: COPY FROM files can be put there). */
  dir: string;
  stop(): void;
}

function findBin(): string | null {
  const candidates = [process.env.PG_BIN, '/usr/local/bin'];
  try {
    for (const v of fs.readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    // not a Debian layout
  }
  for (const dir of candidates) if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  return null;
}

function runAsUser(): string | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      execFileSync('id', [user], { stdio: 'ignore' });
      return user;
    } catch {
      // next
    }
  }
  return 'nobody';
}

export function startPostgres(): TestServer | { skipped: string } {
  const bin = findBin();
  if (!bin) return { skipped: 'no PostgreSQL binaries (initdb, pg_ctl) found: install the Debian package "postgresql" or set PG_BIN' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-pg-'));
  fs.chmodSync(dir, 0o777);
  const user = runAsUser();
  const exec = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (user) execFileSync('runuser', ['-u', user, '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  const data = path.join(dir, 'data');
  try {
    exec('initdb', ['-D', data, '-A', 'trust', '-U', 'tiers', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
    exec('pg_ctl', ['-D', data, '-o', `-k ${dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: Buffer; message: string };
    return { skipped: `PostgreSQL could not be started: ${err.stderr?.toString().trim() || err.message}` };
  }
  return {
    url: `postgresql://tiers@localhost/postgres?host=${encodeURIComponent(dir)}`,
    dir,
    stop() {
      try {
        exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
