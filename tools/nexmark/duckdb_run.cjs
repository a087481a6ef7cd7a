// Runs a DuckDB SQL script (statements separated by ';' at line ends) with the DuckDB that
// npm installed in MODULES_DIR, and prints the rows of the last statement as JSON lines.
//
//   node duckdb_run.cjs MODULES_DIR SCRIPT.sql [--threads N] [--no-rows]
//
// Run it in the folder holding person.jsonl, auction.jsonl and bid.jsonl (the scripts read them
// by relative name). --no-rows runs everything without reading rows back (for scripts that COPY
// their result to a file); the time spent in DuckDB is printed to stderr as "duckdb_ms=N" (wall)
// and "duckdb_cpu_ms=N" (user + system CPU time of all threads).
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const args = process.argv.slice(2);
  if (args.length < 2) {
    console.error("usage: node duckdb_run.cjs MODULES_DIR SCRIPT.sql [--threads N] [--no-rows]");
    process.exit(2);
  }
  const [modulesDir, script] = args;
  const threads = args.includes("--threads") ? args[args.indexOf("--threads") + 1] : null;
  const noRows = args.includes("--no-rows");
  const { DuckDBInstance } = require(path.join(path.resolve(modulesDir), "node_modules", "@duckdb", "node-api"));

  const statements = fs.readFileSync(script, "utf8")
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  if (threads) await connection.run(`SET threads = ${Number(threads)}`);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();  // user + system microseconds of all of node's threads
  let reader = null;
  for (const sql of statements) reader = await connection.runAndReadAll(sql);
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  if (!noRows && reader) {
    const out = reader.getRowObjectsJson().map((row) => JSON.stringify(row)).join("\n");
    if (out) process.stdout.write(out + "\n");
  }
  console.error(`duckdb_ms=${elapsedMs.toFixed(1)}`);
  console.error(`duckdb_cpu_ms=${((cpu.user + cpu.system) / 1000).toFixed(1)}`);
}

main().catch((e) => {
  console.error(`duckdb: ${e.message}`);
  process.exit(1);
});
