#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for SECONDS each (default 5: CI's bounded run; a longer run is
# `scripts/run-fuzzers.sh build-fuzz 600`), seeded with the real files of tests/data that each reader takes.
# New inputs the fuzzers find go to BUILD/fuzz-corpus/TARGET; a crash leaves BUILD/fuzz-artifacts/TARGET-*
# and fails the run. Prints the executions per target (docs/reliability.md quotes them).
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/tests/data

declare -A seeds=(
  [imf-dots]="import/imf_dots_small.csv"
  [wdi]="import/wdi_ny.gdp.mktp.cd.csv"
  [wits]="import/wits_small.csv"
  [baci]="engine/baci_small.csv engine/baci_with_table/BACI_HS17_Y2019_V202401.csv bad/baci_bad_value.csv"
  [comtrade]="import/comtrade_classic.csv import/comtrade_plus.txt bad/comtrade_bad_commodity.csv"
  [unga-idealpoints]="political/idealpoints.csv"
  [votes]="political/votes.csv bad/votes_bad_vote.csv"
  [unvotes]="import/security/unvotes/un_votes.csv"
  [atop]="import/security/atop.csv import/security/atop_bad_flag.csv"
  [cow-igo-dyad]="import/security/cow_igo_dyad.csv"
  [cow-igo-state]="import/security/cow_igo_state.csv"
  [cow-contiguity]="import/security/cow_contiguity.csv"
  [cow-nmc]="import/security/cow_nmc.csv"
  [cow-trade]="import/security/cow_trade.csv"
  [sipri]="import/security/sipri_register.csv import/security/sipri_bad_tiv.csv"
  [aiddata-gcdf]="import/security/aiddata_gcdf.csv"
  [milestones]="import/security/milestones.csv milestones/pairs.csv"
  [gdelt1]="events/gdelt1_small.tsv events/gdelt1_backfile.tsv"
  [gdelt2]="events/gdelt2_small.tsv"
  [icews]="events/icews_small.tab"
  [polecat]="events/polecat_small.txt"
  [plover]="events/plover_small.jsonl reliability/plover_valid_record_deep_context.jsonl"
  [cepii-dist]="import/dist_small.csv"
  [cepii-geo]="import/geo_small.csv"
  [memberships]="import/memberships.csv memberships/curated.csv"
  [org-successions]="../../data/institutions/org_successions.csv"
  [agreement-pairs]="bad/agreements_pair_twice.csv bad/agreements_bad_date.csv"
  [org-aliases]="../../data/institutions/org_aliases.csv"
  [regions]="import/regions.csv"
  [series]="import/series.csv reliability/silent_row_loss_nul_block_series.csv"
  [flows]="import/flows.csv"
  [events]="import/events.csv"
)
declare -A other_seeds=(
  [claims]="$data/claims $root/data/claims"
  [spec]=""
  [dashboard_query]=""
)

mkdir -p "$build/fuzz-seeds" "$build/fuzz-corpus" "$build/fuzz-artifacts"
summary=()
failed=0
run() {
  local target=$1 seed_dir=$2
  local corpus=$build/fuzz-corpus/$target
  mkdir -p "$corpus"
  local log=$build/fuzz-artifacts/$target.log
  if ! "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
      -artifact_prefix="$build/fuzz-artifacts/$target-" "$corpus" "$seed_dir" >"$log" 2>&1; then
    echo "fuzz_$target: FAILED (see $log)"
    tail -40 "$log"
    failed=1
  fi
  local runs
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo 0)
  summary+=("$(printf '%-28s %10s runs in %ss' "fuzz_$target" "$runs" "$seconds")")
}
for format in "${!seeds[@]}"; do
  dir=$build/fuzz-seeds/import_$format
  mkdir -p "$dir"
  for file in ${seeds[$format]}; do cp "$data/$file" "$dir/"; done
  run "import_$format" "$dir"
done
for target in "${!other_seeds[@]}"; do
  dir=$build/fuzz-seeds/$target
  mkdir -p "$dir"
  for source in ${other_seeds[$target]}; do cp -r "$source"/. "$dir/" 2>/dev/null || true; done
  if [ "$target" = dashboard_query ]; then
    printf '/api/charts?dyad=CHN,KAZ&years=2000-2010&region=central-asia&powers=RUS,USA' >"$dir/charts"
    printf '/api/charts?dyad=USA,MEX&years=1994&dimension=economic&draws=5' >"$dir/economic"
    printf '/api/regions' >"$dir/regions"
  fi
  if [ "$target" = spec ]; then
    printf 'trade ~ ln_dist + contig| exporter#year + importer#year + pair' >"$dir/formula"
    printf 'component,weight\ntrade_intensity,2\nshared_institutions,1\n' >"$dir/weights.csv"
  fi
  run "$target" "$dir"
done
printf '%s\n' "${summary[@]}" | sort
exit $failed
