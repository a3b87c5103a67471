/**
 * Renders the OpenAPI document as one self-contained HTML page (no scripts, fonts or CDNs), so the
 * API reference works on an offline store server. Schemas are shown as readable field trees.
 */

import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];

/** The HTML of the API reference page for an OpenAPI 3.1 document. */
export function renderApiReference(doc: Json): string {
  const info = asObject(doc.info);
  const paths = asObject(doc.paths);
  const tags = asArray(doc.tags).map(asObject);
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(asObject(item))
      .sort(([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b))
      .map(([method, op]) => ({ path, method, op: asObject(op) })),
  );
  const sections = tags.map((tag) => {
    const name = String(tag.name);
    const ops = operations.filter(({ op }) => asArray(op.tags).includes(name));
    return `<section id="tag-${slug(name)}"><h2>${esc(name)}</h2><p>${esc(str(tag.description))}</p>${ops
      .map(({ path, method, op }) => renderOperation(path, method, op, doc))
      .join('')}</section>`;
  });
  // OpenAPI 3.1 `webhooks`: what the server sends to subscribers, one POST per event type.
  const webhooks = Object.entries(asObject(doc.webhooks));
  if (webhooks.length > 0) {
    sections.push(
      `<section id="webhooks"><h2>Webhooks</h2><p>What the server POSTs to the URL of a webhook subscription, one entry per event type (docs/events.md), signed per Standard Webhooks.</p>${webhooks
        .map(([type, item]) => renderOperation(type, 'post', asObject(asObject(item).post), doc))
        .join('')}</section>`,
    );
  }
  const toc = [
    ...tags.map(
      (tag) => `<li><a href="#tag-${slug(String(tag.name))}">${esc(String(tag.name))}</a></li>`,
    ),
    ...(webhooks.length > 0 ? ['<li><a href="#webhooks">Webhooks</a></li>'] : []),
  ].join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(String(info.title))} — API reference</title><style>${CSS}</style></head>
<body><header><h1>${esc(String(info.title))} <small>${esc(String(info.version))}</small></h1>
<p>${esc(str(info.description))}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors always answer
<code>{ "error": { "code", "message", "details" } }</code>.</p><nav><ul>${toc}</ul></nav></header>
<main>${sections.join('')}</main></body></html>`;
}

function renderOperation(path: string, method: string, op: Json, doc: Json): string {
  const parameters = asArray(op.parameters).map(asObject);
  const body = asObject(asObject(asObject(op.requestBody).content)['application/json']).schema;
  const security = asArray(op.security).length > 0;
  const params = parameters.length
    ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>schema</th></tr>${parameters
        .map(
          (p) =>
            `<tr><td><code>${esc(String(p.name))}</code>${p.required ? ' <em>required</em>' : ''}</td><td>${esc(String(p.in))}</td><td>${renderSchema(asObject(p.schema), doc)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const request = body ? `<h4>Request body</h4>${renderSchema(asObject(body), doc)}` : '';
  const responses = Object.entries(asObject(op.responses))
    .map(([status, response]) => {
      const r = asObject(response);
      const content = Object.entries(asObject(r.content));
      const schemas = content
        .map(([type, media]) => {
          const schema = asObject(media).schema;
          return `<div class="media"><code>${esc(type)}</code>${schema ? renderSchema(asObject(schema), doc) : ''}</div>`;
        })
        .join('');
      return `<details${status.startsWith('2') ? ' open' : ''}><summary><b class="s${status[0] ?? ''}">${esc(status)}</b> ${esc(String(r.description))}</summary>${schemas}</details>`;
    })
    .join('');
  return `<article id="${esc(String(op.operationId))}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p class="summary">${esc(str(op.summary))}${security ? ' <span class="lock">device token</span>' : ''}</p>
${op.description ? `<p>${esc(str(op.description))}</p>` : ''}${params}${request}<h4>Responses</h4>${responses}</article>`;
}

/** A JSON Schema as a nested list of fields with types and constraints. */
function renderSchema(schema: Json, doc: Json, depth = 0): string {
  if (depth > 12) return '<span class="t">…</span>';
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1) ?? ref;
    const target = asObject(asObject(asObject(doc.components).schemas)[name]);
    return `<span class="t">${esc(name)}</span>${renderSchema(target, doc, depth + 1)}`;
  }
  const head = `<span class="t">${esc(typeLabel(schema))}</span>${constraints(schema)}`;
  const properties = asObject(schema.properties);
  const required = asArray(schema.required);
  const items = schema.items ? asObject(schema.items) : undefined;
  const variants = asArray(schema.anyOf ?? schema.oneOf).map(asObject);
  let children = '';
  if (Object.keys(properties).length > 0) {
    children = `<ul>${Object.entries(properties)
      .map(
        ([name, sub]) =>
          `<li><code>${esc(name)}</code>${required.includes(name) ? '' : '<span class="opt">?</span>'} ${renderSchema(asObject(sub), doc, depth + 1)}</li>`,
      )
      .join('')}</ul>`;
  } else if (items && Object.keys(asObject(items.properties)).length > 0) {
    children = renderSchema(items, doc, depth + 1);
  } else if (variants.length > 0) {
    children = `<ul>${variants.map((v) => `<li>one of: ${renderSchema(v, doc, depth + 1)}</li>`).join('')}</ul>`;
  }
  const description =
    typeof schema.description === 'string'
      ? ` <span class="d">${esc(schema.description)}</span>`
      : '';
  return `${head}${description}${children}`;
}

function typeLabel(schema: Json): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  if (type === 'array') {
    const items = schema.items ? asObject(schema.items) : {};
    return `array of ${typeLabel(items)}`;
  }
  if (typeof type === 'string') return type;
  if (schema.anyOf || schema.oneOf) return 'one of';
  return 'any';
}

function constraints(schema: Json): string {
  const parts: string[] = [];
  for (const key of [
    'format',
    'pattern',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'default',
  ]) {
    if (key in schema) parts.push(`${key}: ${JSON.stringify(schema[key])}`);
  }
  return parts.length ? ` <span class="c">${esc(parts.join(', '))}</span>` : '';
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const CSS = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2430;background:#f7f8fa}
header,main{max-width:960px;margin:0 auto;padding:0 20px}header{padding-top:24px}
h1 small{font-size:.5em;color:#667}nav ul{display:flex;gap:16px;list-style:none;padding:0;flex-wrap:wrap}
section{margin:32px 0}article{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:4px 18px 12px;margin:14px 0}
h3{font-size:1.05em}.m{display:inline-block;min-width:56px;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:2px 6px}
.get{background:#2b7bb9}.post{background:#2f9e5b}.put,.patch{background:#b9862b}.delete{background:#c0392b}
.lock{font-size:.8em;background:#eef;border-radius:4px;padding:1px 6px}code{font:13px ui-monospace,monospace}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:4px 10px 4px 0;text-align:left;vertical-align:top}
ul{margin:2px 0;padding-left:20px}.t{color:#6b3fa0;font:13px ui-monospace,monospace}.c,.d{color:#778;font-size:.85em}
.opt{color:#999}summary{cursor:pointer;margin:4px 0}.s2{color:#2f9e5b}.s4{color:#b9862b}.s5{color:#c0392b}.media{margin:4px 0 8px 16px}
`;

/**
 * The Content-Security-Policy of the reference page: its one inline stylesheet by hash, and
 * nothing else (no scripts, frames, forms or plugins), so an operation description can never run.
 */
export const API_REFERENCE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
