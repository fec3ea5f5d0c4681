#!/usr/bin/env node
// Compares the four sweep outputs of two implementations: same columns, same rows in the same order, numbers
// equal within a relative difference of 1e-9 (sums taken in different orders differ in the last digits).
// usage: node compare.mjs DIR_A DIR_B   (exit 1 on the first difference)
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [a, b] = process.argv.slice(2);
const tolerance = 1e-9;
let worst = 0;
for (const name of ["dyads.csv", "countries.csv", "intensity.csv", "concentration.csv"]) {
  const left = readFileSync(join(a, name), "utf8").trimEnd().split("\n");
  const right = readFileSync(join(b, name), "utf8").trimEnd().split("\n");
  if (left[0] !== right[0]) { console.error(`${name}: headers differ: ${left[0]} | ${right[0]}`); process.exit(1); }
  if (left.length !== right.length) { console.error(`${name}: ${left.length - 1} rows against ${right.length - 1}`); process.exit(1); }
  for (let row = 1; row < left.length; row++) {
    const x = left[row].split(","), y = right[row].split(",");
    for (let col = 0; col < x.length; col++) {
      if (x[col] === y[col]) continue;
      const p = Number(x[col]), q = Number(y[col]);
      const diff = Math.abs(p - q) / Math.max(Math.abs(p), Math.abs(q));
      if (!(diff <= tolerance) || x[col] === "" || y[col] === "") {
        console.error(`${name}:${row + 1}: column ${col + 1}: ${x[col]} against ${y[col]}`);
        process.exit(1);
      }
      worst = Math.max(worst, diff);
    }
  }
}
console.log(`outputs agree (largest relative difference ${worst.toExponential(2)})`);
