/** The password rule for a chosen password (the clerk's message), or null when it is acceptable. */
export function passwordProblem(username: string, password: string): string | null {
  if ([...password].length < 12) return '新密码至少 12 个字符';
  if ([...password].length > 256) return '新密码不能超过 256 个字符';
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (lower === name || (name.length >= 4 && lower.includes(name))) return '新密码不能包含用户名';
  if (new Set(password).size < 4) return '新密码过于简单';
  return null;
}
