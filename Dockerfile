# Benchtop: the notebook app and its tracking server in one image (README "Scaling out").
#   docker build -t benchtop .
#   docker run -p 3000:3000 -v benchtop-data:/data -e BENCHTOP_TOKEN=<32+ random chars> benchtop
# Multi-stage: the toolchain that compiles better-sqlite3 (no prebuilt binary for it on this
# Node, see DESIGN.md) stays in the build stage.

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Dependencies first, so a code change does not recompile better-sqlite3. The project's own
# postinstall (wasm copies, bench typings, CLI bundle) needs the sources: it runs after COPY.
# --build-from-source skips better-sqlite3's download try.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm rebuild better-sqlite3 esbuild --build-from-source=better-sqlite3 \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"
COPY . .
RUN npm run postinstall
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    BENCHTOP_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# The built tree as it is (sources, .next, node_modules with dev dependencies): `next start`
# reads next.config.ts, and keeping the tree exactly as built and tested is worth the size.
COPY --from=build /app ./
# The data dir holds the SQLite file (single-instance use), artifacts and the generated token.
# Made here and owned by the unprivileged `node` user, so a new named volume inherits that; the
# app's files stay root's (read-only to it) except Next's runtime cache.
RUN mkdir -p /data .next/cache && chown -R node:node /data .next/cache
VOLUME ["/data"]
USER node
EXPOSE 3000
# The app's production server (npm forwards SIGTERM to it). Port 3000 on every interface of the
# container; PORT/HOST above are what the app's own server reads.
CMD ["npm", "start"]
