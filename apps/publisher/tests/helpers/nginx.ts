import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoPath } from '@portal/env';

/**
 * Debian's nginx running the production configuration (deploy/nginx) as a normal process of the test:
 * the template rendered as the official image renders it, inside a main configuration shaped like the
 * image's nginx.conf (mime.types, `http {}`, conf.d/*.conf), on a free loopback port.
 */
export const NGINX_DIR = repoPath('deploy/nginx');
export const TEMPLATE_FILE = path.join(NGINX_DIR, 'templates', 'portal.conf.template');
const NGINX_BIN = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** The variables of the template: the contract with docker-compose.yml. */
export const TEMPLATE_VARIABLES = ['SITE_HOST', 'CMS_HOST', 'CMS_UPSTREAM', 'COUNTER_UPSTREAM', 'PUBLISHER_UPSTREAM', 'SITE_ROOT'] as const;
export type TemplateVariables = Record<(typeof TEMPLATE_VARIABLES)[number], string>;

/** Runs a command to its end; resolves with its exit code and output. */
function run(
  command: string,
  args: string[],
  input?: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/**
 * The template as the image's 20-envsubst-on-templates.sh renders it: envsubst with the list of the
 * defined variables, here exactly the contract's, so nginx's own `$host` and the like stay as they are.
 */
export async function renderTemplate(variables: TemplateVariables): Promise<string> {
  const list = TEMPLATE_VARIABLES.map((name) => `\${${name}}`).join(' ');
  const result = await run('envsubst', [list], await readFile(TEMPLATE_FILE, 'utf8'), { PATH: process.env.PATH, ...variables });
  if (result.code !== 0) throw new Error(`envsubst failed: ${result.stderr}`);
  return result.stdout;
}

/** The rendered configuration with its servers on 127.0.0.1:`port` instead of port 80 (all of them, or it throws). */
export function onPort(config: string, port: number, servers = 3): string {
  let count = 0;
  const moved = config.replace(/^(\s*)listen 80( default_server)?;$/gm, (_line, indent: string, flag = '') => {
    count += 1;
    return `${indent}listen 127.0.0.1:${port}${flag};`;
  });
  if (count !== servers) throw new Error(`Expected ${servers} "listen 80" lines in the template, found ${count}`);
  return moved;
}

/** The main configuration: what the official image's nginx.conf provides, with paths inside `prefix`. */
function mainConfig(): string {
  // Started as root (CI containers), nginx would run its workers as "nobody", who cannot read the test's folders.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes 2;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log logs/access.log;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path temp/body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;
    include conf.d/*.conf;
}
`;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export type RunningNginx = { port: number; prefix: string; output: () => string; stop: () => Promise<void> };

/** Upstreams whose one `server` line stands for several processes (the CMS's replicas). */
export type Replicas = Partial<Record<'CMS_UPSTREAM' | 'COUNTER_UPSTREAM', readonly string[]>>;

/**
 * The rendered configuration with the `server` line of each upstream in `replicas` made one line per
 * address. In compose one name (cms:1337) resolves to every replica and nginx balances across what it
 * resolved; processes on one machine have one address and several ports, which no name resolves to.
 */
export function withReplicas(config: string, variables: TemplateVariables, replicas: Replicas): string {
  let result = config;
  for (const [name, addresses] of Object.entries(replicas) as Array<[keyof Replicas, readonly string[]]>) {
    const line = `    server ${variables[name]};\n`;
    if (result.split(line).length !== 2) throw new Error(`Expected one "server ${variables[name]};" line for ${name}`);
    result = result.replace(line, addresses.map((address) => `    server ${address};\n`).join(''));
  }
  return result;
}

/** Renders the template with `variables`, checks it (`nginx -t`) and runs nginx on 127.0.0.1:`port`. */
export async function startNginx(variables: TemplateVariables, port: number, replicas: Replicas = {}): Promise<RunningNginx> {
  const prefix = await mkdtemp(path.join(tmpdir(), 'nginx-test-'));
  for (const dir of ['conf.d', 'logs', 'temp']) await mkdir(path.join(prefix, dir));
  // The includes as compose mounts them: /etc/nginx/includes, here <prefix>/includes (the committed files).
  await symlink(path.join(NGINX_DIR, 'includes'), path.join(prefix, 'includes'));
  await writeFile(path.join(prefix, 'conf.d', 'portal.conf'), onPort(withReplicas(await renderTemplate(variables), variables, replicas), port));
  const conf = path.join(prefix, 'nginx.conf');
  await writeFile(conf, mainConfig());
  const global = `pid ${path.join(prefix, 'nginx.pid')}; error_log stderr;`;
  const check = await run(NGINX_BIN, ['-p', prefix, '-e', 'stderr', '-c', conf, '-g', global, '-t']);
  if (check.code !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);

  let output = '';
  const child = spawn(NGINX_BIN, ['-p', prefix, '-e', 'stderr', '-c', conf, '-g', `daemon off; ${global}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    prefix,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
