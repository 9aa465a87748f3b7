/** "Did you mean" for a misspelt key: the known key nearest to the one given. */

/** Edit distance between two strings (insert, delete, substitute, swap two neighbours, each costing 1). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known key a typo most likely meant: same letters in another case, or at most two edits away. */
export function nearestKey(given: string, known: readonly string[]): string | undefined {
  const exactCase = known.find((k) => k.toLowerCase() === given.toLowerCase());
  if (exactCase) return exactCase;
  const scored = known.map((k) => ({ k, d: editDistance(given.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d);
  const limit = Math.max(1, Math.min(2, Math.floor(given.length / 3)));
  return scored.length > 0 && scored[0].d <= limit ? scored[0].k : undefined;
}
