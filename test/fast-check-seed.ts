import fc from 'fast-check';

/**
 * Property tests draw new cases on every run on a developer's machine (that is how they find
 * bugs: a filter key "0." was found this way). Under CI they draw from one fixed seed, so a run
 * is reproducible and a submission does not pass or fail by luck; `FC_SEED=<n>` picks another.
 */
const fixed = process.env.FC_SEED ?? (process.env.CI ? '20261207' : undefined);
if (fixed !== undefined && /^-?\d+$/.test(fixed)) fc.configureGlobal({ seed: Number(fixed) });
