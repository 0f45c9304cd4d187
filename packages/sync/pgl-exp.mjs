import { PGlite } from "@electric-sql/pglite";
const dir = process.argv[2];
const db = new PGlite(dir);
await db.exec("create table if not exists t (id int primary key, v text); create table if not exists c (k text primary key, n int)");
const r = await db.query("select count(*)::int as n, (select n from c where k='x') as cp from t");
console.log("start", JSON.stringify(r.rows), typeof (await db.query("select 1::bigint as b")).rows[0].b);
let i = r.rows[0].n;
for (;;) {
  await db.transaction(async (tx) => {
    for (let j = 0; j < 50; j++) { await tx.query("insert into t values ($1,$2)", [i, "x".repeat(100)]); i++; }
    await tx.query("insert into c values ('x',$1) on conflict (k) do update set n = excluded.n", [i]);
  });
}
