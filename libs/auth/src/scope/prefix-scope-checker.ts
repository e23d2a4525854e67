import { significantPrefix } from '../node-code';
import type { ScopeChecker } from './scope-checker';

/**
 * Containment by code prefix: statistical codes nest (county 320724 ⊃ township 320724101 ⊃ village
 * 320724101200). Padded and short forms compare equal. It cannot follow codes that changed when
 * villages merged; the tree-backed checker of the hierarchy lib can.
 */
export class PrefixScopeChecker implements ScopeChecker {
  isInside(code: string, ancestor: string): boolean {
    const c = significantPrefix(code);
    const a = significantPrefix(ancestor);
    return c !== null && a !== null && c.startsWith(a);
  }
}
