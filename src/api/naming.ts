// Names the control plane generates.
import { NAME_ALPHABET } from '../util/rand.ts';

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as any)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The pod-template-hash: 32-bit FNV-1a of the template, written in decimal and each digit
 * mapped through the name alphabet (so only [4-9bcdf] appear), as controller.ComputeHash does.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const text = stableStringify(template) + (collisionCount ? String(collisionCount) : '');
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h >>> 0)
    .split('')
    .map((d) => NAME_ALPHABET[d.charCodeAt(0) % 27])
    .join('');
}
