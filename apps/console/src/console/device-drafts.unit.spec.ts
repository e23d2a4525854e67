import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { clearDossierDrafts, unsentDossierDrafts } from './device-drafts';

// Issue 16: logout on a shared device drops the dossier sections typed there and not yet sent.
class MemoryStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('device drafts', () => {
  const g = globalThis as { window?: unknown };
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    g.window = { localStorage: storage };
  });
  afterEach(() => {
    delete g.window;
  });

  it('finds the unsent dossier sections and clears only them', () => {
    storage.setItem('lw:dossier:u1:c1:320724101001:running', '"该村班子运行平稳。"');
    storage.setItem('lw:dossier:u1:c1:320724101002:talks', '[]');
    storage.setItem('lw:other', 'kept');
    expect(unsentDossierDrafts().sort()).toEqual(['lw:dossier:u1:c1:320724101001:running', 'lw:dossier:u1:c1:320724101002:talks']);
    clearDossierDrafts();
    expect(unsentDossierDrafts()).toEqual([]);
    expect([...storage.items.keys()]).toEqual(['lw:other']);
  });

  it('tolerates a browser without storage', () => {
    g.window = {
      get localStorage(): never {
        throw new Error('SecurityError');
      },
    };
    expect(unsentDossierDrafts()).toEqual([]);
    expect(() => clearDossierDrafts()).not.toThrow();
  });
});
