import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * s3rver has no access control: every object answers an anonymous GET, like a public bucket. This loopback proxy
 * in front of it answers 403 AccessDenied to any request that carries no signature (no Authorization header, no
 * presigned query), which is what AWS S3, MinIO, B2 or R2 do for a private bucket; signed requests pass through
 * unchanged. Tests use s3rver alone as the public bucket and s3rver behind this proxy as the private one.
 */
export async function startPrivateS3Proxy(target: string, port = 0): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    const signed = Boolean(req.headers.authorization) || query.has("X-Amz-Signature") || query.has("Signature");
    if (!signed) {
      req.resume();
      res.writeHead(403, { "Content-Type": "application/xml" });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
