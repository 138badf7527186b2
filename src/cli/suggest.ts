// cobra's "Did you mean this?": Levenshtein distance ≤ 2, or the typed word is a prefix.
export function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

export function suggestCommands(typed: string, commands: string[]): string[] {
  const t = typed.toLowerCase();
  return commands.filter((c) => levenshtein(t, c.toLowerCase()) <= 2 || c.toLowerCase().startsWith(t));
}
