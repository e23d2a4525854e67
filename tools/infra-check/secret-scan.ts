/**
 * Finds secret values written inline in deployment files. A value counts as inline unless it is a
 * compose interpolation without a default (`${VAR}` or `${VAR:?message}`), or a Kubernetes
 * reference (secretKeyRef). Keys are matched by name; URLs by embedded credentials.
 */
export const SECRET_KEY = /(SECRET|PASSWORD|PASSWD|MASTER_KEY|ACCESS_KEY|PRIVATE_KEY|TOKEN|CREDENTIAL)/i;
/** Names, not secrets: which key is current. */
const NOT_SECRET = /_KEY_ID$/;
const REQUIRED_INTERPOLATION = /^\$\{[A-Z0-9_]+(:?\?[^}]*)?\}$/;
const URL_PASSWORD = /:\/\/[^/\s:@]+:([^@\s]+)@/;

export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name) && (!NOT_SECRET.test(name) || /ACCESS_KEY_ID$/.test(name));
}

export function inlineSecrets(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => inlineSecrets(v, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const found: string[] = [];
    // Kubernetes: a Secret object with values, or an env entry { name, value } with a secret name.
    if (o.kind === 'Secret' && (o.data || o.stringData)) found.push(`${path}: Secret ${JSON.stringify((o.metadata as { name?: string })?.name)} holds values`);
    if (typeof o.name === 'string' && isSecretName(o.name) && 'value' in o) found.push(`${path}.${o.name}: inline env value`);
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && isSecretName(k) && !REQUIRED_INTERPOLATION.test(v.trim())) found.push(`${path}.${k}: inline value`);
      found.push(...inlineSecrets(v, `${path}.${k}`));
    }
    return found;
  }
  if (typeof node === 'string') {
    const m = URL_PASSWORD.exec(node);
    if (m && !REQUIRED_INTERPOLATION.test(m[1])) return [`${path}: URL with an inline password`];
  }
  return [];
}
