# syntax=docker/dockerfile:1
# One image for api, worker and cli; docker-compose.yml picks the command.

FROM node:20-bookworm-slim AS build
# npm 11 honours package.json "allowScripts" (install scripts approved or denied per package).
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Builds api, worker and cli (see package.json "build"); output lands in dist/apps/<app>/src/.
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
