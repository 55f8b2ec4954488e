#!/bin/bash
# A sweep as a Slurm job array: task K of N runs shard K/N into its own directory; a last job,
# started once every task has finished, merges the parts (ecosim merge checks that every job
# is present exactly once).
#
#   sbatch docs/examples/slurm-sweep.sh scenarios/guarantee-sweep.yaml results/g1
#
#SBATCH --job-name=ecosim-sweep
#SBATCH --array=1-64
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=04:00:00
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

scenario=${1:?usage: sbatch slurm-sweep.sh SCENARIO OUTDIR}
out=${2:?usage: sbatch slurm-sweep.sh SCENARIO OUTDIR}
n=${SLURM_ARRAY_TASK_COUNT:-64}
k=${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array}

# --resume: a task that Slurm requeues (preemption, node failure) continues where it stopped.
resume=()
[ -f "$out/part-$k/manifest.json" ] && resume=(--resume)
npx ecosim sweep "$scenario" --shard "$k/$n" --workers "${SLURM_CPUS_PER_TASK:-8}" \
  --out "$out/part-$k" "${resume[@]}"

# The first task submits the merge, to run after every task of this array succeeded.
if [ "$k" = 1 ]; then
  sbatch --dependency="afterok:${SLURM_ARRAY_JOB_ID}" --job-name=ecosim-merge --time=01:00:00 \
    --wrap "npx ecosim merge $out/part-* --out $out/merged"
fi
