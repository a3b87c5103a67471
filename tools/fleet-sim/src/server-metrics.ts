/**
 * A few figures from a server's Prometheus exposition (`GET /metrics`): how many pushes it
 * answered and how many event streams it holds open, so a test can see which process carried the
 * load.
 */
export type ServerFigures = { readonly pushesAnswered: number; readonly streamsOpen: number };

function sumOf(text: string, metric: string, labelsMatch: (labels: string) => boolean): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{([^}]*)\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== metric || !labelsMatch(match[3] ?? '')) continue;
    total += Number(match[4]);
  }
  return total;
}

/** Reads the figures of the server at `url`. */
export async function readServerFigures(url: string): Promise<ServerFigures> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    pushesAnswered: sumOf(
      text,
      'http_requests_total',
      (labels) =>
        labels.includes('method="POST"') &&
        labels.includes('/push"') &&
        labels.includes('status="200"'),
    ),
    streamsOpen: sumOf(text, 'sync_streams_open', () => true),
  };
}
