/**
 * Rules judged against other rules' results run with those rules too in the rule tests:
 * suppression-unused can only call a suppression unused when the rule it names ran.
 */
export const COMPANIONS: Record<string, string[]> = { 'suppression-unused': ['relative-import'] };
