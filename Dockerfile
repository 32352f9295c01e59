# The API image: Node 20, production dependencies, the widget and the server bundle prebuilt. Content is ingested on
# first start into DATA_DIR (a volume) unless the index there already has content.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npx tsx widget/build.ts && npx tsx scripts/build-server.ts
ENV PORT=8787 HOST=0.0.0.0 DATA_DIR=/data
EXPOSE 8787
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8787/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "--heap-growing-percent=50", "dist/server/server.js"]
