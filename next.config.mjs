/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or worker-based packages must be loaded by Node, not bundled (see ../shared/STACK-NOTES.md).
  serverExternalPackages: [
    "tesseract.js",
    "pdfjs-dist",
    "@napi-rs/canvas",
    "@electric-sql/pglite",
    "sharp",
    "postgres",
    "ioredis",
  ],
  // The PDF sandbox's worker script is loaded by Node from disk at run time (lib/documents/sandbox.ts).
  outputFileTracingIncludes: { "/**": ["./lib/documents/pdf-worker.mjs"] },
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "12mb" },
    // proxy.ts skips /api and server actions; anything else it sees is a small page request.
    proxyClientMaxBodySize: "1mb",
  },
  // Pages get these and a nonce CSP from proxy.ts; routes (JSON, files) get them here.
  async headers() {
    return [
      {
        // not /api/files: the document page shows those in an <object> (that route sets frame-ancestors 'self')
        source: "/api/:path((?!files/).*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" },
        ],
      },
    ];
  },
};

export default nextConfig;
