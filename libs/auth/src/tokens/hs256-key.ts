/** HS256 keys: a secret shorter than 32 bytes is guessable offline from any issued token. */
export function hs256Key(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (key.length < 32) throw new Error('HS256 secret must be at least 32 bytes');
  return key;
}

export const DEFAULT_ISSUER = 'liangwei';
export const DEFAULT_AUDIENCE = 'liangwei';
