// `node -r @swc-node/register tools/build/src/main.ts <command> …`, run by the Nx targets:
//   transpile <projectRoot>   a project's sources to dist/<projectRoot> (target `build`)
//   package <deployable>      dist/deploy/<name>: what one image holds (target `package`)
//   footprint [names…]        installs each package's production dependencies and prints the sizes
import { deployable, packageDeployable } from './package-deployable';
import { measureFootprints } from './footprint';
import { transpileProject } from './transpile';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'transpile' && args[0]) {
    const n = await transpileProject(args[0]);
    console.log(`${args[0]}: ${n} files compiled to dist/${args[0]}`);
  } else if (command === 'package' && args[0]) {
    const { files, packages } = await packageDeployable(deployable(args[0]));
    console.log(`dist/deploy/${args[0]}: ${files} files; packages: ${packages.join(', ')}`);
  } else if (command === 'footprint') {
    await measureFootprints(args);
  } else {
    throw new Error('usage: main.ts transpile <projectRoot> | package <deployable> | footprint [deployable…]');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
