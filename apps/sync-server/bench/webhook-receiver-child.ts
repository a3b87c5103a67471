import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The lag bench's HQ receiver, in a process of its own as a real HQ system would be (in the
 * bench's process its answers waited behind push handling, which measured the bench, not the
 * dispatcher). Sends `{ url }` once listening, then every 50 ms the receipts since the last
 * report: `[saleId, epoch ms]` (performance.timeOrigin + now, comparable across processes).
 */
let receipts = 0;
let pending: [string, number][] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = performance.timeOrigin + performance.now();
    receipts += 1;
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      data: { saleId: string };
    };
    pending.push([event.data.saleId, at]);
    res.writeHead(204).end();
  });
});
receiver.listen(0, '127.0.0.1', () => {
  const port = (receiver.address() as AddressInfo).port;
  process.send?.({ url: `http://127.0.0.1:${String(port)}/hook` });
});
const timer = setInterval(() => {
  if (pending.length === 0) return;
  process.send?.({ receipts, received: pending });
  pending = [];
}, 50);
process.on('disconnect', () => {
  clearInterval(timer);
  receiver.close();
  receiver.closeAllConnections();
});
