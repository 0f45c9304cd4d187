#!/usr/bin/env bash
# The drift check: regenerates every generated file from the committed spec (`pnpm generate`) and
# fails when the result differs from what is committed: a hand edit of a *.gen.ts file, or a spec
# change committed without regenerating. CI runs it first of all, right after install.
#
#   PNPM="npx --yes pnpm@10.34.9" bash .ci/check-generated.sh   (PNPM defaults to pnpm)
set -uo pipefail
cd "$(dirname "$0")/.."

read -r -a pnpm <<<"${PNPM:-pnpm}"
generated=(':(glob)**/*.gen.ts' 'packages/types/openapi.json')

if ! log=$("${pnpm[@]}" run generate 2>&1); then
  echo "$log"
  echo "generated files: FAILED, \`pnpm generate\` did not run through (see above)"
  exit 1
fi

drift=$(git status --porcelain --untracked-files=all -- "${generated[@]}")
if [ -n "$drift" ]; then
  echo "generated files: FAILED, these differ from what the committed spec generates:"
  echo "$drift" | sed 's/^.. /  /'
  git --no-pager diff --stat -- "${generated[@]}" | tail -n 1
  echo "Generated files are never edited by hand. To fix: run \`pnpm generate\` and commit the result."
  exit 1
fi
echo "generated files: fresh (pnpm generate changes nothing)"
