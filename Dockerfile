# syntax=docker/dockerfile:1
# Zhengyun 政云: one image for the API server, the job worker and the migration Job.
#   docker build -t registry.zhengyun.internal/zhengyun:$(git rev-parse --short HEAD) .
#   docker run -e DATABASE_URL=... IMAGE            # the API (ZHENGYUN_ROLE=api, the default)
#   docker run -e DATABASE_URL=... IMAGE worker     # a provisioning worker (or ZHENGYUN_ROLE=worker)
#   docker run -e DATABASE_URL=... IMAGE migrate    # apply migrations and exit (the Kubernetes migration Job)
# No secret is baked in: DATABASE_URL, METRICS_TOKEN, BOOTSTRAP_ADMIN_PASSWORD ... come from the environment.
# Checked by test/infra/dockerfile.test.ts (copied files exist; the production start works from these files).

# Node 22 LTS: package.json engines ">=20.19"; Node 20 left LTS maintenance in April 2026.
ARG NODE_VERSION=22

# ── deps: every dependency, for building ────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# no install scripts: nothing here needs one (and none may download at build time)
RUN npm ci --ignore-scripts --no-audit --no-fund

# ── build: the server (tsc, with the generated Prisma client) and the web console (dist/web) ────────────
FROM deps AS build
COPY tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY api ./api
# every folder tsc compiles (tsconfig.json's include and what it imports) and the web console's aliases
COPY accounts ./accounts
COPY assessments ./assessments
COPY calendar ./calendar
COPY catalog ./catalog
COPY core ./core
COPY evaluations ./evaluations
COPY migration ./migration
COPY notifications ./notifications
COPY projects ./projects
COPY security ./security
COPY survey ./survey
COPY todo ./todo
COPY provisioners ./provisioners
# engines/paths.ts: where the platform looks for a Pulumi engine built by `npm run engines` (the image uses the PATH)
COPY engines ./engines
COPY web ./web
RUN npm run build

# ── prod-deps: production dependencies only ─────────────────────────────────────────────────────────────
# --omit=dev, then tools/prune-production.mjs drops what that still keeps but node never loads: the Prisma CLI,
# Studio (react, react-dom), typescript ... reached only through optional peer dependencies, and the source maps
# and .d.ts files (~620 MB → ~236 MB; README "Production image")
FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/prune-production.mjs ./tools/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && node tools/prune-production.mjs

# ── runtime ──────────────────────────────────────────────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# tini reaps the processes the Pulumi driver starts and forwards SIGTERM to node
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
# MALLOC_ARENA_MAX=2: glibc gives each libuv thread that hashes a password (argon2id, 19 MB a time) an arena of its
# own and keeps it; two arenas cut the API's resting RSS from ~300 MB to ~266 MB (README "Production image and memory")
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    ZHENGYUN_ROLE=api
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations
COPY catalog/seed ./catalog/seed
# the image's own user "node" (uid 1000); DATA_DIR is a volume in Kubernetes (uploads, rendered manifests)
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/api/main.js"]
