# syntax=docker/dockerfile:1
# Anclora Flow: the same commands CI runs (.ci/run → npm ci; npm run build; scripts/check-standalone.ts →
# `node server.js` in a copy of .next/standalone). Debian 12 (bookworm) like CI. sharp (libvips), @napi-rs/canvas
# (Skia) and tesseract.js (WebAssembly) ship prebuilt for linux-x64/arm64 glibc: npm ci installs the ones for the
# platform being built, and no system library is needed at run time. The OCR language data and pdf.js fonts come
# from npm packages and are traced into the standalone output (next.config.mjs): nothing is downloaded at run time.
ARG NODE_VERSION=20.20

# --- dependencies (cached while the lockfile is unchanged) -----------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: .next/standalone with .next/static copied in (npm run build = next build + standalone-assets) ------
# This stage also runs the tools that need the sources: `docker compose run --rm doctor` (npm run doctor).
FROM deps AS build
COPY . .
RUN npm run build

# --- runtime: the standalone server only, as the unprivileged `node` user -------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/.next/standalone ./
# DATA_DIR: OCR language cache always; PGlite database and local files too on the embedded default.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
