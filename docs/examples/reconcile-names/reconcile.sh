#!/usr/bin/env bash
# Match a CSV of names (name,title,heldOn) with the reconciliation API, using only bash and curl: one batch, as
# OpenRefine sends it (form-encoded queries=), and the service's JSON answer on stdout.
# Usage: bash reconcile.sh names.csv        (the service: ILDREGISTRY_URL, default http://localhost:5080)
set -euo pipefail
base="${ILDREGISTRY_URL:-http://localhost:5080}"
base="${base%/}"
csv="${1:?usage: reconcile.sh names.csv}"

# A JSON string: backslashes and quotes escaped (names hold neither control characters nor commas here).
json_string() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }

queries="" i=0
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  line=${line#$'\xEF\xBB\xBF'}
  IFS=, read -r name title held_on <<<"$line"
  i=$((i + 1))
  [ "$i" -eq 1 ] && continue   # the header
  properties=""
  [ -n "${title:-}" ] && properties+="{\"pid\": \"title\", \"v\": $(json_string "$title")}"
  [ -n "${held_on:-}" ] && properties+="${properties:+, }{\"pid\": \"heldOn\", \"v\": $(json_string "$held_on")}"
  queries+="${queries:+, }\"q$((i - 2))\": {\"query\": $(json_string "$name"), \"type\": \"Person\", \"properties\": [${properties}]}"
done < "$csv"

curl -sS --fail-with-body "$base/api/v1/reconcile" --data-urlencode "queries={${queries}}"
echo
