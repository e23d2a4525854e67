import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const INFRA = join(ROOT, 'infra');

export interface YamlFile {
  path: string;
  docs: unknown[];
  errors: string[];
}

/** Every YAML file under infra/, each document parsed (compose's `<<:` merge keys resolved). */
export function infraYamlFiles(dir = INFRA): YamlFile[] {
  const files: YamlFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) files.push(...infraYamlFiles(full));
    else if (/\.ya?ml$/.test(name)) files.push(parseYaml(full));
  }
  return files;
}

export function parseYaml(path: string): YamlFile {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), { merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return {
    path: relative(ROOT, path),
    docs: list.map((d) => d.toJS()).filter((d) => d !== null && d !== undefined),
    errors: list.flatMap((d) => d.errors.map((e) => e.message)),
  };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export function k8sObjects(): K8sObject[] {
  return infraYamlFiles(join(INFRA, 'k8s')).flatMap((f) => f.docs as K8sObject[]).filter((o) => typeof o?.kind === 'string');
}

/** The services that have a process of their own: an apps/<name>/src/main.ts that runs runDistributedMain. */
export function distributedServices(): string[] {
  return readdirSync(join(ROOT, 'apps'))
    .filter((name) => {
      try {
        return readFileSync(join(ROOT, 'apps', name, 'src', 'main.ts'), 'utf8').includes('runDistributedMain(');
      } catch {
        return false;
      }
    })
    .sort();
}
