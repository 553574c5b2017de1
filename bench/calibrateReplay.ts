/**
 * The paired calibration table for a bench:calibrate run whose per-request data was not kept:
 * the arrival times are rebuilt from the run's seeded plan (bench/calibrate.ts: seed
 * 1 + 100·W + 10·ρ, min(requests, ⌈25·λ⌉) requests — on an idle machine the client sends within
 * about a millisecond of the plan), and the engine replays them with the run's printed inputs.
 * The rows below are the lead's run on an idle machine (19:49 UTC, 400 requests per cell);
 * paste another run's "engine inputs" lines and real columns to redo it.
 *
 *   npx tsx bench/calibrateReplay.ts
 */
process.env.CALIBRATE_NO_MAIN = '1';
const { engineRun, poissonPlan } = await import('./calibrate');

// the lead's quiet run at 19:49 (/tmp/calib.txt): w, rho, λ, S, CV, overhead, real p95, real mean, real p50
const rows: number[][] = [
  [1, 0.5, 23.81128130885851, 20.99845, 0.005019634091525996, 1.80623200000041, 71.7, 34.8, 24.7],
  [1, 0.8, 38.09805009417362, 20.99845, 0.005019634091525996, 1.80623200000041, 210.8, 84.5, 63.9],
  [
    2, 0.5, 47.12657491122531, 21.219450000000002, 0.027713711108669135, 1.7651829999954778, 40.3,
    26.0, 23.0,
  ],
  [
    2, 0.8, 75.4025198579605, 21.219450000000002, 0.027713711108669135, 1.7651829999954778, 59.3,
    33.4, 28.5,
  ],
  [4, 0.5, 94.31604363060178, 21.2053, 0.005762510898112326, 1.7478299999973395, 36.1, 24.7, 22.7],
  [4, 0.8, 150.90566980896287, 21.2053, 0.005762510898112326, 1.7478299999973395, 67.3, 36.8, 32.5],
];
console.log(
  '| W | ρ | n | real mean | real p50 | real p95 | engine mean | engine p50 | engine p95 | engine p95 (long run) | real/engine p95 | real/engine p95 (long run) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [w, rho, l, S, cv, ov, rp95, rmean, rp50] of rows as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
][]) {
  const arr = poissonPlan(1 + w * 100 + Math.round(rho * 10), l, Math.min(400, Math.ceil(l * 25)));
  const e = engineRun(w, l, { meanMs: S, cv }, ov, arr);
  const long = engineRun(w, l, { meanMs: S, cv }, ov);
  console.log(
    `| ${w} | ${rho} | ${e.n} | ${rmean} | ${rp50} | ${rp95} | ${e.mean.toFixed(1)} | ${e.p50.toFixed(1)} | ${e.p95.toFixed(1)} | ${long.p95.toFixed(1)} | ${(rp95 / e.p95).toFixed(2)} | ${(rp95 / long.p95).toFixed(2)} |`,
  );
}
