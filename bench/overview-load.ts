// The viewers of bench:overview in their own process, so the load generator
// does not share the server's event loop: autocannon with N connections on
// GET /api/v1/releases for S seconds, every response's time collected.
// Prints one JSON line with the figures. Run by bench/overview.ts.
import autocannon from 'autocannon';

const [url, token, connections, seconds] = process.argv.slice(2);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

const latencies: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: url!,
      headers: { authorization: `Bearer ${token}` },
      connections: Number(connections),
      duration: Number(seconds),
      timeout: 30,
    },
    (err, r) => (err ? reject(err) : resolve(r)),
  );
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
});
console.log(
  JSON.stringify({
    requests: latencies.length,
    rps: result.requests.average,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    non2xx: result.non2xx,
    errors: result.errors,
  }),
);
