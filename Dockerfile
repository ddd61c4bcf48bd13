# 会员之家 on 微信云托管 (or any container host): the HTTP host (API + H5) on the port the platform gives (PORT).
# See docs/deploy.md. tests/api/wechat-container.test.ts runs the CMD below with these ENV values, without Docker.

# The H5 build needs the dev dependencies (Taro); the image that runs does not.
FROM node:20-bookworm-slim AS h5
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx taro build --type h5

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
ENV APP_MODE=production
ENV HOST=0.0.0.0
ENV PORT=80
ENV DATA_DIR=/data
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY cloud ./cloud
COPY seeds ./seeds
COPY --from=h5 /app/dist/h5 ./dist/h5
EXPOSE 80
# Semi-spaces of up to 32 MB, above V8's default: under load many requests are in flight across several young
# collections, and with small semi-spaces their objects are promoted and collected again in the old generation.
# `npm run bench mysql` starts its hosts with these flags and prints the hosts' CPU per submit.
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "cloud/hosts/http/main.ts"]
