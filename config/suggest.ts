/** "Did you mean" for a misspelt key: the known key nearest to the one given. */

/** Edit distance between two strings (insert, delete, substitute, each costing 1). */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The known key a typo most likely meant: same letters in another case, or at most two edits away. */
export function nearestKey(given: string, known: readonly string[]): string | undefined {
  const exactCase = known.find((k) => k.toLowerCase() === given.toLowerCase());
  if (exactCase) return exactCase;
  const scored = known.map((k) => ({ k, d: editDistance(given.toLowerCase(), k.toLowerCase()) })).sort((x, y) => x.d - y.d);
  const limit = Math.min(2, Math.floor(given.length / 3));
  return scored.length > 0 && scored[0].d <= limit ? scored[0].k : undefined;
}
