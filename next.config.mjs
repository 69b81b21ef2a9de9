/**
 * Files the server reads at run time that no import names, so output tracing cannot find them: the migrations
 * (applied at start), the OCR language data and tesseract.js's worker and wasm core (loaded by path in a worker
 * thread), and pdf.js's standard fonts (read with fs when a PDF uses a base-14 font). Copied into the standalone
 * output for every route.
 */
const runtimeFiles = [
  "./db/migrations/**/*",
  // The PDF sandbox's worker script is loaded by Node from disk at run time (lib/documents/sandbox.ts).
  "./lib/documents/pdf-worker.mjs",
  "./node_modules/@tesseract.js-data/*/package.json",
  "./node_modules/@tesseract.js-data/*/4.0.0_best_int/*",
  "./node_modules/tesseract.js/package.json",
  "./node_modules/tesseract.js/src/**/*",
  "./node_modules/tesseract.js-core/*",
  // what tesseract.js's worker thread requires (the worker script is loaded by path, so its imports are not traced)
  "./node_modules/wasm-feature-detect/**/*",
  "./node_modules/bmp-js/**/*",
  "./node_modules/zlibjs/**/*",
  "./node_modules/is-url/**/*",
  "./node_modules/regenerator-runtime/**/*",
  "./node_modules/pdfjs-dist/package.json",
  "./node_modules/pdfjs-dist/legacy/build/*.mjs",
  "./node_modules/pdfjs-dist/standard_fonts/*",
  // only the sandbox worker imports the canvas (and its platform binary), so tracing does not see it
  "./node_modules/@napi-rs/*/**/*",
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (node_modules traced in): what the Docker image and CI run.
  output: "standalone",
  outputFileTracingIncludes: { "/*": runtimeFiles },
  // Native or worker-based packages must be loaded by Node, not bundled (see ../shared/STACK-NOTES.md).
  serverExternalPackages: [
    "tesseract.js",
    "pdfjs-dist",
    "@napi-rs/canvas",
    "@electric-sql/pglite",
    "sharp",
    "postgres",
    "ioredis",
    // Mail intake: Node stream/socket libraries, loaded as they are.
    "imapflow",
    "mailparser",
  ],
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
