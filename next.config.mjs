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
  },
};

export default nextConfig;
