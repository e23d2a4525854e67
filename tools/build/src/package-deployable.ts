import { createProjectGraphAsync } from '@nx/devkit';
import { createLockFile } from '@nx/js';
import { builtinModules } from 'module';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { DEPLOYABLES, type Deployable } from './deployables';
import { ROOT, workspacePackages } from './workspace';

const REQUIRE = /require\("([^"]+)"\)/g;
const BUILTIN = new Set(builtinModules);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function resolveLocal(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.js`, join(base, 'index.js')]) {
    if (existsSync(candidate) && candidate.endsWith('.js')) return candidate;
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${specifier} in the compiled output (was its project built?)`);
}

/**
 * Follows require() from the entry points through the compiled tree (dist/…): the files that
 * ship and the third-party packages they load. Only what runs is taken, so a library's test
 * helpers and their dev-only packages stay out.
 */
function closure(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((e) => join(ROOT, 'dist', e.replace(/\.ts$/, '.js')));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    if (!existsSync(file)) throw new Error(`missing compiled file ${relative(ROOT, file)}: run the build first`);
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(REQUIRE)) {
      if (spec!.startsWith('.')) queue.push(resolveLocal(file, spec!));
      else if (!spec!.startsWith('node:') && !BUILTIN.has(packageName(spec!))) packages.add(packageName(spec!));
    }
  }
  return { files, packages };
}

interface PackageJson {
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readPackageJson = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** Writes dist/deploy/<name>: the compiled closure, package.json and a lock pruned from the root one. */
export async function packageDeployable(d: Deployable): Promise<{ files: number; packages: string[] }> {
  const out = join(ROOT, 'dist', 'deploy', d.name);
  rmSync(out, { recursive: true, force: true });
  const { files, packages } = closure(d.entries);
  for (const file of files) {
    const target = join(out, relative(join(ROOT, 'dist'), file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
    if (existsSync(`${file}.map`)) cpSync(`${file}.map`, `${target}.map`);
  }
  if (d.console) cpSync(join(ROOT, 'apps', 'console', 'dist'), join(out, 'apps', 'console', 'dist'), { recursive: true });

  const root = readPackageJson(join(ROOT, 'package.json'));
  // A package is declared by the root or by the workspace package that uses it (e.g. tipline's S3 client).
  const declared: Record<string, string> = { ...root.dependencies };
  for (const p of workspacePackages()) Object.assign(declared, readPackageJson(join(ROOT, p.root, 'package.json')).dependencies);
  const names = [...packages, ...d.extra].sort();
  const dependencies: Record<string, string> = {};
  for (const name of names) {
    const range = declared[name];
    if (!range) {
      const where = root.devDependencies?.[name] ? 'a devDependency' : 'not declared';
      throw new Error(`${d.name} loads ${name} at run time but it is ${where} in package.json`);
    }
    dependencies[name] = range;
  }
  // `node .` starts the first entry point, so every image has the same default command.
  const main = d.entries[0]!.replace(/\.ts$/, '.js');
  const pkg = { name: `@lw/deploy-${d.name}`, version: '0.1.0', private: true, main, engines: root.engines, dependencies };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const graph = await createProjectGraphAsync({ exitOnError: true });
  writeFileSync(join(out, 'package-lock.json'), createLockFile(pkg, graph, 'npm'));
  return { files: files.size, packages: names };
}

export function deployable(name: string): Deployable {
  const d = DEPLOYABLES.find((x) => x.name === name);
  if (!d) throw new Error(`unknown deployable ${name}; one of ${DEPLOYABLES.map((x) => x.name).join(', ')}`);
  return d;
}
