#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK. Idempotent; safe on a developer machine too.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "provision: nothing beyond the .NET SDK yet"
