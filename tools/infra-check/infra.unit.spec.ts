import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { integrationContracts } from '@lw/domain';
import { deadLetterTopic, integrationTopic, topicDeclarations } from '@lw/messaging';
import { ConfigError, defaultServiceRole, inlineScriptHashes, loadConfig, pageContentSecurityPolicy, serviceDatabaseUrlVariable, SERVICES } from '@lw/runtime';
import { distributedServices, INFRA, infraYamlFiles, ROOT, K8sObject, k8sObjects, parseYaml } from './infra-files';
import { inlineSecrets, isSecretName } from './secret-scan';

// infra/ is validated against the code: names of services, topics and settings come from the
// code (the contract registry, the messaging lib's naming, loadConfig), not from a list kept here.

interface TopicSpec {
  name: string;
  purpose: 'events' | 'dead-letters';
  partitions: number;
  config?: Record<string, string>;
}
const topicSpec = parseYaml(join(INFRA, 'topics.yaml')).docs[0] as { topics: TopicSpec[] };
const compose = parseYaml(join(INFRA, 'compose.yaml')).docs[0] as { services: Record<string, any> };
const objects = k8sObjects();
const services = distributedServices();

const find = (kind: string, name: string): K8sObject | undefined => objects.find((o) => o.kind === kind && o.metadata?.name === name);

/** Settings a Deployment gets: its ConfigMaps' keys (values known) and its Secret references (values not). */
function deploymentEnv(deployment: K8sObject): { config: Record<string, string>; secretRefs: string[] } {
  const container = deployment.spec.template.spec.containers[0];
  const config: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.secretRef) throw new Error(`${deployment.metadata.name}: envFrom secretRef hides which secrets are used; reference each key`);
    const map = find('ConfigMap', from.configMapRef?.name);
    if (!map) throw new Error(`${deployment.metadata.name}: ConfigMap ${from.configMapRef?.name} is not declared`);
    Object.assign(config, map.data);
  }
  const secretRefs: string[] = [];
  for (const e of container.env ?? []) {
    if (e.valueFrom?.secretKeyRef) secretRefs.push(e.name);
    else if (typeof e.value === 'string') config[e.name] = e.value;
  }
  return { config, secretRefs };
}

/** A value that passes the validation of a secret setting whose real value lives elsewhere. */
function placeholder(name: string): string {
  return name.endsWith('_URL') ? 'postgres://placeholder@db.invalid:5432/liangwei' : 'p'.repeat(48);
}

/** Compose's ${VAR:?…} / ${VAR:-default} resolved as an operator's .env would. */
function composeEnv(environment: Record<string, unknown>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(environment)) {
    env[k] = String(v).replace(/\$\{([A-Z0-9_]+)(?::-([^}]*)|:?\?[^}]*)?\}/g, (_m, name: string, dflt?: string) => dflt ?? placeholder(name));
  }
  return env;
}

/** Variables named in loadConfig's refusal of an empty distributed environment: each line needs one of its names. */
function requiredAlternatives(): string[][] {
  try {
    loadConfig({ LW_MODE: 'distributed' }, 'distributed');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) ?? []);
  }
  throw new Error('loadConfig accepted an empty distributed configuration');
}

describe('infra/', () => {
  it('has one process per service the code defines', () => {
    expect(services).toEqual([...SERVICES].sort());
  });

  it('parses every YAML file', () => {
    const files = infraYamlFiles();
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['infra/compose.yaml', 'infra/topics.yaml', 'infra/k8s/config.yaml']));
    for (const f of files) {
      expect({ file: f.path, errors: f.errors }).toEqual({ file: f.path, errors: [] });
      expect(f.docs.length).toBeGreaterThan(0);
    }
  });

  describe.each(services)('service %s', (service) => {
    it('has a Deployment with probes on its health and readiness endpoints, running its main.ts', () => {
      const deployment = find('Deployment', service);
      expect(deployment).toBeDefined();
      const c = deployment!.spec.template.spec.containers[0];
      expect(c.args).toEqual([`apps/${service}/src/main.js`]);
      expect(c.image).toBe(`liangwei-${service}:latest`);
      expect(c.livenessProbe.httpGet.path).toBe(`/${service}/health`);
      expect(c.readinessProbe.httpGet.path).toBe(`/${service}/ready`);
      expect(deployment!.spec.template.metadata.annotations['prometheus.io/path']).toBe('/metrics');
      // The grace period must cover the preStop pause and the process's own shutdown deadline (25 s).
      expect(deployment!.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    });

    it('has a Service, an HPA and a PodDisruptionBudget for that Deployment', () => {
      const labels = find('Deployment', service)!.spec.selector.matchLabels;
      expect(find('Service', service)?.spec.selector).toEqual(labels);
      expect(find('HorizontalPodAutoscaler', service)?.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: service });
      expect(find('PodDisruptionBudget', service)?.spec.selector.matchLabels).toEqual(labels);
    });

    it('has a compose service running its main.ts in distributed mode', () => {
      const s = compose.services[service];
      expect(s).toBeDefined();
      expect(s.command).toEqual([`apps/${service}/src/main.js`]);
      expect(s.build).toMatchObject({ dockerfile: 'infra/Dockerfile', args: { DEPLOYABLE: service } });
      expect(s.environment.LW_MODE).toBe('distributed');
    });

    it('gets every setting loadConfig requires in distributed mode, in compose and in Kubernetes', () => {
      const k8s = deploymentEnv(find('Deployment', service)!);
      const k8sEnv = { ...k8s.config, ...Object.fromEntries(k8s.secretRefs.map((n) => [n, placeholder(n)])) };
      const composed = composeEnv(compose.services[service].environment);
      for (const [where, env] of [['k8s', k8sEnv], ['compose', composed]] as const) {
        for (const names of requiredAlternatives()) {
          expect({ where, names, set: names.some((n) => env[n] !== undefined && env[n] !== '') }).toEqual({ where, names, set: true });
        }
        expect(() => loadConfig(env, 'embedded')).not.toThrow();
        expect(loadConfig(env, 'embedded').mode).toBe('distributed');
      }
      // Secrets reach Kubernetes pods only by reference.
      for (const name of Object.keys(k8s.config)) expect({ name, secret: isSecretName(name) }).toEqual({ name, secret: false });
    });
  });

  describe('topics.yaml', () => {
    const declared = new Map(topicSpec.topics.map((t) => [t.name, t]));
    const producers = [...new Set(integrationContracts().types().map((t) => t.split('.')[0]))].sort();

    it('declares the events topic of every producer in the contract registry', () => {
      expect(producers.length).toBeGreaterThan(0);
      for (const p of producers) expect({ topic: integrationTopic(p), declared: declared.get(integrationTopic(p))?.purpose }).toEqual({ topic: integrationTopic(p), declared: 'events' });
    });

    it('declares the dead-letter topic of every consuming service, and every topic the messaging lib lists', () => {
      for (const s of SERVICES) expect({ topic: deadLetterTopic(s), declared: declared.get(deadLetterTopic(s))?.purpose }).toEqual({ topic: deadLetterTopic(s), declared: 'dead-letters' });
      for (const t of topicDeclarations(SERVICES)) expect({ topic: t.name, purpose: declared.get(t.name)?.purpose }).toEqual({ topic: t.name, purpose: t.purpose });
    });

    it('gives every topic partitions and a retention, and events topics a partition per replica at most scale', () => {
      const maxReplicas = Math.max(...services.map((s) => find('HorizontalPodAutoscaler', s)!.spec.maxReplicas as number));
      for (const t of topicSpec.topics) {
        expect(Number.isInteger(t.partitions) && t.partitions > 0).toBe(true);
        expect(Number(t.config?.['retention.ms'])).toBeGreaterThan(0);
        if (t.purpose === 'events') expect({ topic: t.name, enough: t.partitions >= maxReplicas }).toEqual({ topic: t.name, enough: true });
      }
    });

    it('is what compose creates (auto-creation is off there)', () => {
      expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toMatch(/controller/); // KRaft, no ZooKeeper
      const script = compose.services['kafka-topics'].command.join('\n') as string;
      const created = [...script.matchAll(/^\s*create (\S+) (\d+) (\d+)$/gm)].map((m) => ({ name: m[1], partitions: Number(m[2]), retention: m[3] }));
      expect(created).toEqual(topicSpec.topics.map((t) => ({ name: t.name, partitions: t.partitions, retention: t.config?.['retention.ms'] })));
    });
  });

  describe('console and ingress', () => {
    const ingress = find('Ingress', 'liangwei');
    const routes = (ingress?.spec.rules ?? []).flatMap((r: any) => r.http.paths) as { path: string; backend: { service: { name: string } } }[];
    const routedTo = (path: string) => routes.find((r) => r.path === path)?.backend.service.name;

    it('routes every service prefix to that service, and the pages to the console', () => {
      for (const service of services) expect({ path: `/${service}`, to: routedTo(`/${service}`) }).toEqual({ path: `/${service}`, to: service });
      for (const path of ['/console', '/tip', '/assets']) expect({ path, to: routedTo(path) }).toEqual({ path, to: 'console' });
      expect(routes.map((r) => r.path)).not.toContain('/metrics'); // scraped from the pods, never public
      for (const r of routes) expect(find('Service', r.backend.service.name)).toBeDefined();
    });

    it('keeps the public tip-line out of the ingress access log (no address tied to a tip)', () => {
      const publicIngress = find('Ingress', 'liangwei-public');
      expect((publicIngress?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.['nginx.ingress.kubernetes.io/enable-access-log']).toBe('false');
      const paths = (publicIngress?.spec.rules ?? []).flatMap((r: any) => r.http.paths) as { path: string; backend: { service: { name: string } } }[];
      expect(paths.map((r) => [r.path, r.backend.service.name])).toEqual([['/tipline/public', 'tipline']]);
    });

    it('serves both single-page apps with their fallbacks and caches only hashed assets', () => {
      expect(find('Deployment', 'console')).toBeDefined();
      const conf = readFileSync(join(INFRA, 'console', 'nginx.conf'), 'utf8');
      expect(conf).toMatch(/location \/console\/ \{[^}]*try_files \$uri \/console\/index\.html;/);
      expect(conf).toMatch(/location \/tip\/ \{[^}]*try_files \$uri \/tip\/index\.html;/);
      expect(conf).toMatch(/location \/assets\/ \{[^}]*immutable/);
      const dockerfile = readFileSync(join(INFRA, 'Dockerfile.console'), 'utf8');
      expect(dockerfile).toContain('nx run console:build');
      expect(dockerfile).toContain('infra/console/nginx.conf');
    });

    it('sends the pages the same browser protections as the standalone host, in every location', () => {
      const snippet = readFileSync(join(INFRA, 'console', 'security-headers.conf'), 'utf8');
      const headers = new Map([...snippet.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((m) => [m[1].toLowerCase(), m[2]]));
      // The CSP admits exactly the inline scripts of the pages' sources, by hash.
      const pages = ['console', 'tip'].map((p) => readFileSync(join(ROOT, 'apps', 'console', p, 'index.html'), 'utf8'));
      expect(headers.get('content-security-policy')).toBe(pageContentSecurityPolicy(pages.flatMap(inlineScriptHashes)));
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      // nginx drops the server's add_header lines in a location with its own: each such location includes the snippet.
      const conf = readFileSync(join(INFRA, 'console', 'nginx.conf'), 'utf8');
      const include = 'include /etc/nginx/snippets/lw-security-headers.conf;';
      for (const [, name, body] of conf.matchAll(/location ([^{]+)\{([^}]*)\}/g)) {
        if (body.includes('add_header')) expect({ location: name.trim(), included: body.includes(include) }).toEqual({ location: name.trim(), included: true });
      }
      expect(conf.split(/^\s*location /m)[0]).toContain(include);
      expect(conf).toContain('server_tokens off;');
      expect(readFileSync(join(INFRA, 'Dockerfile.console'), 'utf8')).toContain('infra/console/security-headers.conf /etc/nginx/snippets/lw-security-headers.conf');
    });
  });

  describe('database roles', () => {
    const userOf = (url: string) => new URL(url).username;
    const roles = find('Job', 'db-roles');
    const rolesEnv = (roles?.spec.template.spec.containers[0].env ?? []) as { name: string; valueFrom?: { secretKeyRef?: { key: string } } }[];

    it('has a set-up step that runs the roles command as the administrator, before the services', () => {
      expect(existsSync(join(ROOT, 'libs', 'runtime', 'src', 'db-roles', 'cli.ts'))).toBe(true);
      expect(compose.services['db-roles'].command).toEqual(['libs/runtime/src/db-roles/cli.js']);
      expect(userOf(composeEnv(compose.services['db-roles'].environment).DATABASE_URL)).toBe(compose.services.postgres.environment.POSTGRES_USER);
      expect(compose.services['hierarchy-import'].depends_on['db-roles']).toEqual({ condition: 'service_completed_successfully' });
      expect(roles?.spec.template.spec.containers[0].args).toEqual(['libs/runtime/src/db-roles/cli.js']);
      expect(rolesEnv.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef?.key).toBe('DATABASE_URL');
    });

    describe.each(services)('service %s', (service) => {
      it('connects as its own role, the one the set-up step makes, in compose and in Kubernetes', () => {
        const own = composeEnv(compose.services[service].environment).DATABASE_URL;
        expect(userOf(own)).toBe(defaultServiceRole(service as (typeof SERVICES)[number]));
        expect(composeEnv(compose.services['db-roles'].environment)[serviceDatabaseUrlVariable(service as (typeof SERVICES)[number])]).toBe(own);
        expect(compose.services[service].depends_on['db-roles']).toEqual({ condition: 'service_completed_successfully' });
        const variable = serviceDatabaseUrlVariable(service as (typeof SERVICES)[number]);
        const env = find('Deployment', service)!.spec.template.spec.containers[0].env as { name: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
        expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef?.key).toBe(variable);
        expect(rolesEnv.find((e) => e.name === variable)?.valueFrom?.secretKeyRef?.key).toBe(variable);
      });
    });
  });

  describe('secrets', () => {
    it('appear in no deployment file inline', () => {
      for (const f of infraYamlFiles()) expect({ file: f.path, inline: f.docs.flatMap((d) => inlineSecrets(d)) }).toEqual({ file: f.path, inline: [] });
    });

    it('are left empty in the example environment file', () => {
      const lines = readFileSync(join(INFRA, '.env.example'), 'utf8').split('\n').filter((l) => /^[A-Z0-9_]+=/.test(l));
      for (const line of lines) {
        const [name, value] = [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)];
        if (isSecretName(name)) expect({ name, value }).toEqual({ name, value: '' });
      }
    });

    it('would be caught if written inline (the scan itself)', () => {
      expect(inlineSecrets({ environment: { AUTH_SECRET: 'a'.repeat(40) } })).toHaveLength(1);
      expect(inlineSecrets({ environment: { POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:-hunter2}' } })).toHaveLength(1);
      expect(inlineSecrets({ env: [{ name: 'TIPLINE_MASTER_KEY', value: 'abc' }] })).toHaveLength(1);
      expect(inlineSecrets({ kind: 'Secret', metadata: { name: 's' }, data: { X: 'eA==' } })).toHaveLength(1);
      expect(inlineSecrets({ DATABASE_URL: 'postgres://lw:hunter2@db:5432/lw' })).toHaveLength(1);
      expect(inlineSecrets({ environment: { AUTH_SECRET: '${AUTH_SECRET:?set it}', TIPLINE_MASTER_KEY_ID: 'k1' } })).toEqual([]);
    });
  });
});
