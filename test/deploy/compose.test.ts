/**
 * deploy/compose.yaml cannot be run here (no registry for its base images), so
 * this reads it and checks that it agrees with what it starts: the app's
 * configuration (readConfig accepts each replica's environment, every
 * variable is documented), the Dockerfile, and the Varnish configuration
 * (one backend per replica, on its port, probed on the app's /readyz; purges
 * sent to the listener the VCL accepts them on, which is not published).
 * `npm run test:cluster` runs the same VCL against real replicas.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../src/config';
import { ROUTES } from '../../src/routes/table';
import { backendsVcl as writtenBackendsVcl } from '../../scripts/cluster/varnish';

// js-yaml 3 has no types of its own; safeLoad understands the merge keys (`<<: *replica`) compose files use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { safeLoad(text: string): unknown };

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Mount {
  type: string;
  source: string;
  target: string;
  read_only?: boolean;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: Mount[];
  ports?: string[];
  read_only?: boolean;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address: string }>;
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { ipam: { config: { subnet: string }[] } }>;
}

const compose = yaml.safeLoad(read('deploy/compose.yaml')) as Compose;
const replicas = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'Dockerfile');
const varnish = compose.services.varnish as Service;
const vcl = read('deploy/varnish/newsreel.vcl');
const backendsVcl = read('deploy/varnish/backends.vcl');

/** `backend name { .host = "h"; .port = "p"; .probe = x; }` blocks of a VCL file. */
function backends(text: string): { name: string; host: string; port: string; probe: string }[] {
  return [...text.matchAll(/^backend\s+(\w+)\s*\{([^}]*)\}/gm)].map(([, name, body]) => ({
    name: name as string,
    host: /\.host\s*=\s*"([^"]+)"/.exec(body as string)?.[1] ?? '',
    port: /\.port\s*=\s*"([^"]+)"/.exec(body as string)?.[1] ?? '',
    probe: /\.probe\s*=\s*(\w+)/.exec(body as string)?.[1] ?? '',
  }));
}

/** The `-a name=:port` listeners of a varnishd command line. */
function listeners(command: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  command.forEach((arg, i) => {
    const match = arg === '-a' ? /^(\w+)=.*:(\d+)$/.exec(command[i + 1] ?? '') : null;
    if (match) out.set(match[1] as string, match[2] as string);
  });
  return out;
}

describe('deploy/compose.yaml', () => {
  test('three replicas of the project image, read-only, over one read-only content folder', () => {
    expect(replicas.map(([name]) => name)).toEqual(['app1', 'app2', 'app3']);
    const sources = new Set<string>();
    for (const [name, service] of replicas) {
      expect({ name, image: service.image, context: service.build?.context, readOnly: service.read_only }).toEqual({ name, image: 'newsreel:local', context: '..', readOnly: true });
      expect(existsSync(path.join(DEPLOY, service.build?.context ?? '', 'Dockerfile'))).toBe(true);
      const data = service.volumes?.find((v) => v.target === service.environment?.DATA_DIR);
      expect(data).toMatchObject({ type: 'bind', read_only: true });
      sources.add(data?.source ?? '');
    }
    expect([...sources]).toEqual(['${NEWSREEL_CONTENT:-../data}']);
    expect(existsSync(path.join(DEPLOY, '../data/site.json'))).toBe(true);
  });

  test("each replica's environment is one the app accepts, and every variable is documented", () => {
    const documented = new Set([...read('README.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    for (const [, service] of replicas) {
      const env = service.environment ?? {};
      const config = readConfig(env);
      expect({ host: config.host, port: config.port, dataDir: config.dataDir, watch: config.watch, keys: config.cacheKeyHeader }).toEqual({ host: '0.0.0.0', port: 3000, dataDir: '/app/data', watch: true, keys: 'xkey' });
      // Purges go to one Varnish (the listener is checked against the VCL below), hard ones: the VCL's default.
      expect({ purge: config.purgeEndpoints.map((e) => e.kind), soft: config.purgeSoft }).toEqual({ purge: ['varnish'], soft: false });
      expect(Object.keys(env).filter((name) => !documented.has(name))).toEqual([]);
    }
  });

  test('Varnish has one backend per replica, on its port, probed on /readyz, all in the director', () => {
    const declared = backends(backendsVcl);
    expect(declared.map((b) => b.name)).toEqual(replicas.map(([name]) => name));
    for (const b of declared) {
      const service = compose.services[b.host] as Service;
      expect({ backend: b.name, port: b.port, probe: b.probe }).toEqual({ backend: b.name, port: service.environment?.PORT, probe: 'readyz' });
      expect(backendsVcl).toContain(`replicas.add_backend(${b.name});`);
    }
    expect(/probe readyz \{[^}]*\.url = "([^"]+)"/.exec(vcl)?.[1]).toBe(ROUTES.readyz.path);
    // The file the cluster test writes (loopback ports) has the same shape as the shipped one.
    const written = writtenBackendsVcl(declared.map((b) => ({ name: b.name, host: b.host, port: Number(b.port) })));
    expect(backends(written)).toEqual(declared);
    expect(written.slice(written.indexOf('sub newsreel_add_backends'))).toBe(backendsVcl.slice(backendsVcl.indexOf('sub newsreel_add_backends')));
    // The compose healthcheck asks the same question as the probe.
    for (const [, service] of replicas) expect(service.healthcheck?.test.join(' ')).toContain(`:${service.environment?.PORT}${ROUTES.readyz.path}`);
  });

  test('replicas purge on the listener the VCL takes purges on; only the readers\' listener is published', () => {
    const command = varnish.command ?? [];
    const ports = listeners(command);
    expect(vcl).toContain('local.socket != "purge"');
    expect(command.slice(0, 3)).toEqual(['varnishd', '-F', '-f']);
    expect(command[3]).toBe('/etc/varnish/newsreel.vcl');
    expect(varnish.volumes).toContainEqual({ type: 'bind', source: './varnish', target: '/etc/varnish', read_only: true });
    expect(existsSync(path.join(DEPLOY, 'varnish', 'newsreel.vcl')) && existsSync(path.join(DEPLOY, 'varnish', 'backends.vcl'))).toBe(true);
    for (const [, service] of replicas) expect(service.environment?.PURGE_URLS).toBe(`http://varnish:${ports.get('purge')}`);
    expect(varnish.ports).toEqual([`\${NEWSREEL_HTTP_PORT:-8080}:${ports.get('http')}`]);
    expect(Object.keys(varnish.depends_on ?? {})).toEqual(replicas.map(([name]) => name));
  });

  test('every service has its own fixed address in the network (Varnish resolves names once)', () => {
    const subnet = compose.networks.newsreel?.ipam.config[0]?.subnet ?? '';
    const prefix = subnet.replace(/\.0\/24$/, '.');
    const addresses = Object.values(compose.services).map((s) => s.networks?.newsreel?.ipv4_address ?? '');
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    expect(addresses.every((a) => a.startsWith(prefix))).toBe(true);
    expect(new Set(addresses).size).toBe(addresses.length);
  });
});
