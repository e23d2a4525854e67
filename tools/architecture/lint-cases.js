// Lints source snippets as if they stood at given paths, outside Jest (ESLint loads its flat
// config with a dynamic import, which Jest's module VM does not allow). stdin: [{ filePath, code }];
// stdout: the rule ids of the errors of each case, in order.
const { ESLint } = require('eslint');
const { join } = require('path');

(async () => {
  const root = join(__dirname, '..', '..');
  const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: root });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: join(root, c.filePath) });
    out.push(result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId || m.message));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
