/**
 * The HAProxy configuration of the gateway in front of the sync-server processes, rendered from
 * one template for both uses: the documented production file (`deploy/haproxy/haproxy.cfg`,
 * written by `pnpm --filter @kiryana/fleet-sim gateway:config`, checked for staleness by a test)
 * and the gateways the system tests and `pnpm sim --gateway haproxy` start on loopback. What
 * differs between them is only what `GatewayConfig` holds; every rule is the same text, so the
 * tests exercise the production rules. docs/gateway.md explains each setting.
 */

/** One sync-server process behind the gateway. */
export type GatewayServer = {
  /** Its name in HAProxy (`be_api/<name>`), also what the runtime API commands take. */
  readonly name: string;
  /** `host:port`. */
  readonly address: string;
};

/** What a rendering needs. */
export type GatewayConfig = {
  /** `bind` arguments of the plain-HTTP listener, e.g. `127.0.0.1:8080` or `:80`. */
  readonly httpBind: string;
  /** TLS termination: `bind` arguments of the HTTPS listener; plain HTTP is then redirected. */
  readonly httpsBind?: string;
  readonly servers: readonly GatewayServer[];
  /** The runtime API's unix socket (admin level: drain, maint, show servers state). */
  readonly statsSocket: string;
  /**
   * Health checks of `/readyz`: interval, how long one may take, failures to mark DOWN, successes
   * to mark UP. A server's DRAIN_MS must exceed fall × interval + timeout, or it stops serving
   * before the gateway has taken it out.
   */
  readonly check: {
    readonly interMs: number;
    readonly timeoutMs: number;
    readonly fall: number;
    readonly rise: number;
  };
  /** Requests per 10 s before 429: per bearer token (a device or a person) and per address. */
  readonly rateLimits: { readonly perTokenPer10s: number; readonly perClientPer10s: number };
  /** `maxconn` of the process (file descriptors: two per proxied connection). */
  readonly maxconn: number;
  /** Who may run this file as what; absent on loopback tests (they run as the test's user). */
  readonly runAs?: { readonly user: string; readonly group: string };
};

/** Seconds a refused caller is told to wait: the length of the rate window. */
const RETRY_AFTER_S = 10;

/**
 * The rate-limit answer, in the server's error envelope (`{ error: { code, message, details } }`)
 * so clients handle it like the server's own 429s; the request id ties it to the gateway's log.
 */
function rateLimitedBody(who: string): string {
  return `{"error":{"code":"RATE_LIMITED","message":"Too many requests ${who}; slow down.","details":{"limit":"${who === 'from this caller' ? 'token' : 'client'}","requestId":"%[var(txn.request_id)]"}}}`;
}

/** Renders the configuration. */
export function renderGatewayConfig(config: GatewayConfig): string {
  const { check, rateLimits } = config;
  const tls = config.httpsBind !== undefined;
  const lines = [
    '# Kiryana gateway: HAProxy (Debian haproxy 2.6) in front of N sync-server processes.',
    '# Rendered by tools/fleet-sim/src/haproxy-config.ts; every setting is explained in',
    '# docs/gateway.md. Edit the renderer, not this file.',
    '',
    'global',
    '    log stdout format raw local0 info',
    `    maxconn ${String(config.maxconn)}`,
    ...(config.runAs ? [`    user ${config.runAs.user}`, `    group ${config.runAs.group}`] : []),
    '    # The runtime API: drain a server before a restart, read server states (docs/gateway.md).',
    `    stats socket ${config.statsSocket} mode 660 level admin expose-fd listeners`,
    '    stats timeout 30s',
    '    # HAProxy retries on empty-response/response-timeout only a request that fits one buffer.',
    '    # A push is at most 50 documents (the client batch), ~93 KB for bills of 1-5 lines: 128 KiB',
    '    # keeps those retryable. Buffers are taken per active transfer, not by idle connections.',
    '    tune.bufsize 131072',
    ...(tls ? ['    ssl-default-bind-options ssl-min-ver TLSv1.2'] : []),
    '',
    'defaults',
    '    mode http',
    '    log global',
    '    option dontlognull',
    '    # One line per request: its id, the server that answered, timings, bytes in/out, retries.',
    '    log-format "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %U/%B %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq id=%[var(txn.request_id)] %{+Q}r"',
    '    timeout connect 2s',
    '    # A busy server may take a moment to answer /readyz; without this the check timeout is the',
    '    # check interval, and a short interval marks loaded servers DOWN (all of them, at worst).',
    `    timeout check ${String(check.timeoutMs)}ms`,
    "    # Longer than the event streams' heartbeat (HEARTBEAT_MS, 20 s): a stream with no hints",
    '    # still writes to the client every heartbeat, so it is never idle this long.',
    '    timeout client 60s',
    '    timeout http-request 10s',
    '    timeout http-keep-alive 15s',
    '    timeout queue 10s',
    '    # A request no server answers within this is retried elsewhere (retry-on response-timeout).',
    '    timeout server 30s',
    '    # Safe to retry and to send again to another server: every push is idempotent by fact id',
    '    # (docs/sync.md, "Idempotency keys"): a second arrival of a committed push changes nothing',
    '    # and answers the same; pulls, token requests and enrolment lookups are reads or are keyed.',
    '    retries 3',
    '    option redispatch 1',
    '    retry-on conn-failure empty-response response-timeout',
    '    # No `on-marked-down shutdown-sessions`: a draining server finishes its own requests and',
    '    # ends its event streams itself; cutting them here would fail pushes in flight.',
    `    default-server inter ${String(check.interMs)}ms fastinter ${String(check.interMs)}ms downinter ${String(check.interMs)}ms fall ${String(check.fall)} rise ${String(check.rise)}`,
    '',
    'frontend fe_kiryana',
    `    bind ${config.httpBind}`,
    ...(tls
      ? [
          `    bind ${config.httpsBind ?? ''}`,
          '    http-request redirect scheme https code 301 unless { ssl_fc }',
        ]
      : []),
    "    # Request ids: a caller's X-Request-Id goes through unchanged (the server keeps a sane one",
    "    # and echoes it), else a new UUID; the same id is in the gateway's and the server's logs.",
    '    unique-id-format %[uuid()]',
    '    http-request set-header X-Request-Id %[unique-id] unless { req.hdr(x-request-id) -m found }',
    '    http-request set-var(txn.request_id) req.hdr(x-request-id)',
    '    # The server believes these with TRUST_PROXY=true: the first X-Forwarded-For hop is the',
    "    # caller (sign-in rate limits key on it), so a caller's own value is replaced, not appended",
    '    # to; X-Forwarded-Proto https makes the server send HSTS (http/tls.ts).',
    '    http-request set-header X-Forwarded-For %[src]',
    ...(tls
      ? [
          '    http-request set-header X-Forwarded-Proto https if { ssl_fc }',
          '    http-request set-header X-Forwarded-Proto http unless { ssl_fc }',
        ]
      : ['    http-request set-header X-Forwarded-Proto http']),
    "    # Rate limits on sliding 10-s windows. Per bearer token: a device's (or person's) access",
    '    # token, hashed; the token cannot be forged, unlike a device id read from it unverified, so',
    "    # nobody can spend another device's allowance. Per address: the caller as HAProxy sees it",
    "    # (a store's terminals share their router's address, so this one is the wider).",
    '    http-request track-sc0 src table st_client',
    '    http-request track-sc1 http_auth_bearer,sha2(256) table st_token if { http_auth_bearer -m found }',
    `    http-request return status 429 content-type application/json hdr Retry-After ${String(RETRY_AFTER_S)} lf-string '${rateLimitedBody('from this caller')}' if { sc_http_req_rate(1) gt ${String(rateLimits.perTokenPer10s)} }`,
    `    http-request return status 429 content-type application/json hdr Retry-After ${String(RETRY_AFTER_S)} lf-string '${rateLimitedBody('from this address')}' if { sc_http_req_rate(0) gt ${String(rateLimits.perClientPer10s)} }`,
    '    # Event streams (terminal hints, dashboard) live for hours: a backend of their own with a',
    '    # long server timeout, so the API keeps its short one and its own least-connections count.',
    '    acl is_stream path_end /stream',
    '    acl is_stream req.hdr(accept) -m sub text/event-stream',
    '    use_backend be_streams if is_stream',
    '    default_backend be_api',
    '',
    'backend be_api',
    '    # Least connections: event streams and slow pushes make round robin uneven.',
    '    balance leastconn',
    '    # Readiness, not liveness: /readyz answers 503 while the database is down, migrations are',
    '    # pending, or the process is draining after SIGTERM (DRAIN_MS), so no new request goes there.',
    '    option httpchk',
    '    http-check send meth GET uri /readyz',
    '    http-check expect status 200',
    ...config.servers.map((s) => `    server ${s.name} ${s.address} check`),
    '',
    'backend be_streams',
    '    balance leastconn',
    '    # An open stream is quiet between hints except for its heartbeat; an SSE answer is a',
    '    # long HTTP response, not an upgraded tunnel, so the server timeout is the one that counts.',
    '    timeout server 1h',
    '    timeout tunnel 1h',
    "    # Same processes, same health: each server follows its be_api twin's checks and admin",
    '    # state (drain/maint set on be_api/<name> reach be_streams/<name> too).',
    ...config.servers.map((s) => `    server ${s.name} ${s.address} track be_api/${s.name}`),
    '',
    '# Stick tables of the rate limits: request rate over 10 s, entries gone after a quiet minute.',
    'backend st_client',
    '    stick-table type ipv6 size 1m expire 60s store http_req_rate(10s)',
    '',
    'backend st_token',
    '    stick-table type binary len 32 size 1m expire 60s store http_req_rate(10s)',
    '',
  ];
  return lines.join('\n');
}

/**
 * The documented production gateway: TLS terminated here with the certificate (and key) in one
 * PEM under /etc/haproxy/certs, three server processes on their hosts, Debian's socket path.
 * Limits leave a busy terminal (a bill every few seconds) far below them and stop a runaway one.
 */
export const PRODUCTION_GATEWAY: GatewayConfig = {
  httpBind: ':80',
  httpsBind: ':443 ssl crt /etc/haproxy/certs/kiryana.pem alpn h2,http/1.1',
  servers: [
    { name: 'api1', address: '10.0.1.11:8787' },
    { name: 'api2', address: '10.0.1.12:8787' },
    { name: 'api3', address: '10.0.1.13:8787' },
  ],
  statsSocket: '/run/haproxy/admin.sock',
  check: { interMs: 2_000, timeoutMs: 3_000, fall: 3, rise: 2 },
  rateLimits: { perTokenPer10s: 300, perClientPer10s: 3_000 },
  maxconn: 20_000,
  runAs: { user: 'haproxy', group: 'haproxy' },
};
