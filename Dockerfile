# Reset Console: one image for the app, the outbox worker and one-shot jobs (migrations,
# audit checkpoints), so they always run the same build. compose.yaml shows the wiring.
#   docker build -t reset-console .
#   docker run --env-file prod.env reset-console                      # the app (npm start)
#   docker run --env-file prod.env reset-console npm run outbox:worker
#   docker run --env-file prod.env reset-console npm run db:migrate

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# Install scripts run (sharp, esbuild, prisma need theirs); the lockfile pins every version.
RUN npm ci --no-audit --no-fund
COPY . .
# prepare.mjs generates the Prisma client; `next build` reads build-time settings only.
RUN NODE_ENV=production npm run build

FROM node:20.19-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
# The worker, migrations and audit scripts run TypeScript through tsx, so the runtime keeps the
# whole node_modules of the build stage rather than a pruned production set.
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec npx next start -p ${PORT} -H 0.0.0.0"]
