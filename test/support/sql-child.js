// Runs one SQL statement as a separate process, so a test can kill it mid-call.
// Input on stdin: {"url": "...", "sql": "...", "params": [...]}; prints "started" once sent.
const { Client } = require('pg');

let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const { url, sql, params } = JSON.parse(input);
  const client = new Client({ connectionString: url });
  await client.connect();
  const running = client.query(sql, params);
  process.stdout.write('started\n');
  await running;
  process.stdout.write('done\n');
  await client.end();
});
