#!/usr/bin/env bash
# Serves the app for Playwright: production build, fresh data dir, embedded PostgreSQL unless
# E2E_DATABASE_URL is given, fakes for every external provider started by the global setup.
set -euo pipefail
cd "$(dirname "$0")/.."
export E2E_PORT="${E2E_PORT:-3100}"
export PORT="$E2E_PORT"
export DATA_DIR="${E2E_DATA_DIR:-.data/e2e}"
rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
if [ -n "${E2E_DATABASE_URL:-}" ]; then export DATABASE_URL="$E2E_DATABASE_URL"; else unset DATABASE_URL; fi
export APP_SECRET="${APP_SECRET:-e2e-secret-e2e-secret-e2e-secret-0123456789}"
export NEXT_TELEMETRY_DISABLED=1
# Egress guard (lib/net/egress.ts): the settings spec saves a workspace HeyGen base URL on
# 127.0.0.1:59999 (nothing listens there) to see a plain "Connection failed"; allow exactly that.
# The providers-catalog spec runs the HeyGen fake on an ephemeral 127.0.0.1 port.
export EGRESS_ALLOW_HOSTS="${EGRESS_ALLOW_HOSTS:-127.0.0.1:59999,127.0.0.1}"
if [ ! -f .next/BUILD_ID ] || [ -n "${E2E_REBUILD:-}" ] || [ -n "${CI:-}" ]; then npx next build; fi
export NODE_ENV=production
exec npx tsx server.ts
