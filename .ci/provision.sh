#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK. Idempotent; safe on a developer machine too.
set -euo pipefail
cd "$(dirname "$0")/.."

# The official openai npm SDK for tests/sdk-js (Node.js and npm come with this kind of machine).
command -v node >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
(cd tests/sdk-js && npm ci --no-audit --no-fund)

# Debian's Chromium for the web-page tests (Playwright drives it; its own browser download cannot work offline).
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
