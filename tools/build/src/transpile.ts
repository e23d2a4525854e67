import { transformFile, type Options } from '@swc/core';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { ROOT, workspacePackages } from './workspace';

/** Test code never ships: specs, and the files that exist only to serve them. */
const TEST_ONLY = /(\.spec\.ts|\.e2e\.spec\.ts|\.d\.ts)$/;

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourcesOf(path);
    return e.name.endsWith('.ts') && !TEST_ONLY.test(e.name) ? [path] : [];
  });
}

/**
 * The swc options of the house (.swcrc, the same transform Jest and the dev runner use), plus
 * paths that turn `@lw/<pkg>` imports into relative requires: the compiled tree then runs with
 * no workspace links, only third-party packages in node_modules.
 */
function swcOptions(): Options {
  const rc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8')) as Options & { $schema?: string };
  delete rc.$schema;
  const paths: Record<string, string[]> = {};
  for (const p of workspacePackages()) {
    paths[p.name] = [`${p.root}/${p.main}`];
    paths[`${p.name}/*`] = [`${p.root}/*`];
  }
  return { ...rc, swcrc: false, sourceMaps: true, jsc: { ...rc.jsc, baseUrl: ROOT, paths } };
}

/** Compiles one project's src/ (specs left out) to dist/<projectRoot> as CommonJS with source maps. */
export async function transpileProject(projectRoot: string): Promise<number> {
  const out = join(ROOT, 'dist', projectRoot);
  rmSync(out, { recursive: true, force: true });
  const options = swcOptions();
  // A tool without src/ keeps its few files at its root.
  const src = join(ROOT, projectRoot, 'src');
  const files = existsSync(src)
    ? sourcesOf(src)
    : readdirSync(join(ROOT, projectRoot)).filter((f) => f.endsWith('.ts') && !TEST_ONLY.test(f)).map((f) => join(ROOT, projectRoot, f));
  for (const file of files) {
    const rel = relative(ROOT, file);
    const target = join(ROOT, 'dist', rel).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...options, filename: file, outputPath: target });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, map ? `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n` : code);
    if (map) writeFileSync(`${target}.map`, map);
  }
  return files.length;
}
