/**
 * How a score is written in the panel and the status bar: one decimal, rounded down, so
 * a workspace with a single violation never reads "100.0%".
 */
export function formatScore(score: number): string {
  return `${(Math.floor(score * 10) / 10).toFixed(1)}%`;
}
