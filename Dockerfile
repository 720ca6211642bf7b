# Helmdeck's container image: the Next.js standalone server with helm 4
# inside, running as a non-root user. Build: docker build -t helmdeck:0.1.0 .
# Run it with deploy/helm/helmdeck (README: Install into Kubernetes).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
# npm ci's postinstall extracts helm and generates the Prisma client: it needs these.
COPY package.json package-lock.json tsconfig.json ./
COPY scripts ./scripts
COPY lib/helm ./lib/helm
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    HELM_BIN=/usr/local/bin/helm \
    HELMDECK_DATA_DIR=/data \
    HELMDECK_CONFIG=/etc/helmdeck/helmdeck.yaml
RUN groupadd --system --gid 10001 helmdeck \
  && useradd --system --uid 10001 --gid helmdeck --home-dir /data --no-create-home helmdeck \
  && mkdir -p /data && chown helmdeck:helmdeck /data
COPY --from=build /src/.helmdeck/bin/helm /usr/local/bin/helm
# The server with the node_modules it uses, prisma/ (migrations run at start) and the static assets.
COPY --from=build --chown=10001:10001 /src/.next/standalone ./
COPY --from=build --chown=10001:10001 /src/.next/static ./.next/static
USER 10001:10001
EXPOSE 3000
CMD ["node", "server.js"]
