/**
 * Characters no stored text may hold: control characters other than tab, line feed and carriage
 * return (C0, DEL, C1), the non-characters U+FFFE/U+FFFF, and unpaired UTF-16 surrogates.
 * PostgreSQL refuses NUL in text and jsonb (and unpaired surrogate escapes in jsonb), and XML 1.0
 * (docx, xlsx) refuses the C0 controls and the rest: one such character made a whole audit report
 * unreadable. Requests carrying them are refused; documents strip them from anything stored before.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

export function hasForbiddenCharacters(s: string): boolean {
  return FORBIDDEN.test(s);
}

/** The text with every forbidden character removed: for writing XML documents (docx, xlsx) safely. */
export function stripForbiddenCharacters(s: string): string {
  return s.replace(FORBIDDEN_ALL, '');
}

/**
 * The path of the first string (value or object key) holding a forbidden character in a parsed
 * request part (JSON body, query, params), or null; `[]` is the value itself. Iterative with parent
 * links, so time stays linear and deep nesting cannot overflow the stack.
 */
export function findForbiddenText(value: unknown): (string | number)[] | null {
  interface Node {
    v: unknown;
    key: string | number | null;
    parent: Node | null;
  }
  const pathOf = (n: Node | null, tail: (string | number)[] = []): (string | number)[] => {
    const reversed: (string | number)[] = [];
    for (let at = n; at && at.key !== null; at = at.parent) reversed.push(at.key);
    return [...reversed.reverse(), ...tail];
  };
  const stack: Node[] = [{ v: value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.v;
    if (typeof v === 'string') {
      if (hasForbiddenCharacters(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: node });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (const [k] of entries) if (hasForbiddenCharacters(k)) return pathOf(node, [stripForbiddenCharacters(k)]);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i][1], key: entries[i][0], parent: node });
    }
  }
  return null;
}
