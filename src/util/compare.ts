/** Byte-order string comparison, as Go's sort does (and without ICU's start-up cost). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
