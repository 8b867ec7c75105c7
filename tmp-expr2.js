const { Client } = require('pg');
(async () => {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/' + process.argv[2] });
  await c.connect();
  await c.query('SET jit=off'); await c.query('SET max_parallel_workers_per_gather=0');
  const exprs = [
    ['raw', 'e.account_id'],
    ['left IN', `CASE WHEN left(e.account_id, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r', '''') THEN '''' || e.account_id ELSE e.account_id END`],
    ['ascii IN', `CASE WHEN ascii(e.account_id) IN (61, 43, 45, 64, 9, 13, 39) THEN '''' || e.account_id ELSE e.account_id END`],
    ['ascii range', `CASE WHEN ascii(e.account_id) < 65 AND ascii(e.account_id) IN (61, 43, 45, 64, 9, 13, 39) THEN '''' || e.account_id ELSE e.account_id END`],
    ['time to_char', `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`],
    ['fields to_json', `to_json(e.fields)::text`],
    ['fields array_to_json', `array_to_json(e.fields)::text`],
    ['fields empty case', `CASE WHEN cardinality(e.fields) = 0 THEN '[]' ELSE to_json(e.fields)::text END`],
    ['flags', `to_json(e.flags)::text`],
    ['flags empty case', `CASE WHEN cardinality(e.flags) = 0 THEN '[]' ELSE to_json(e.flags)::text END`],
  ];
  for (const [name, expr] of exprs) {
    const t = [];
    for (let i = 0; i < 2; i++) {
      const r = await c.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT count(x) FROM (SELECT ${expr} AS x FROM query_event e) s`);
      t.push(r.rows[0]['QUERY PLAN'][0]['Execution Time'].toFixed(0));
    }
    console.log(name.padEnd(22), t.join(' / '), 'ms');
  }
  const r = await c.query(`SELECT count(*) FILTER (WHERE cardinality(fields) = 0) AS f0, count(*) FILTER (WHERE cardinality(flags) = 0) AS g0, count(*) FROM query_event`);
  console.log(r.rows[0]);
  await c.end();
})();
