#!/usr/bin/env bash
# Submits a parksim experiment to Slurm as an array of N shards and a merge
# that runs when every shard has succeeded, and prints the two job ids.
#
# Usage: submit.sh [-p PARKSIM] [-e EXPERIMENT] [-o OUT] [-n N] [-- SBATCH_OPTION...]
#
#   -p PARKSIM     the parksim binary (default: $PARKSIM, else parksim on PATH)
#   -e EXPERIMENT  an experiment file or an embedded experiment's name
#                  (default: $EXPERIMENT, else example)
#   -o OUT         the output folder, on a filesystem every node sees
#                  (default: $OUT, else ./parksim-out)
#   -n N           the number of shards (default: $SHARDS, else 4)
#
# Arguments after -- go to both sbatch calls (--partition, --account,
# --time, --cpus-per-task and so on). The jobs' output goes to
# parksim-shard-ARRAYID_TASK.out and parksim-merge-JOBID.out in the current
# folder, as sbatch's own would, unless LOGS names another folder. The
# output is two lines,
#
#   shards=ARRAY_JOB_ID
#   merge=MERGE_JOB_ID
#
# so that `eval "$(submit.sh ...)"` sets both in a shell.
set -euo pipefail

usage() {
  sed -n '5,12s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

PARKSIM=${PARKSIM:-parksim}
EXPERIMENT=${EXPERIMENT:-example}
OUT=${OUT:-parksim-out}
SHARDS=${SHARDS:-4}
while getopts p:e:o:n:h opt; do
  case $opt in
    p) PARKSIM=$OPTARG ;;
    e) EXPERIMENT=$OPTARG ;;
    o) OUT=$OPTARG ;;
    n) SHARDS=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))

case $SHARDS in
  '' | *[!0-9]* | 0*) echo "submit.sh: the number of shards must be a positive integer, not \"$SHARDS\"" >&2; exit 2 ;;
esac
if ! binary=$(command -v "$PARKSIM"); then
  echo "submit.sh: no parksim binary at \"$PARKSIM\"" >&2
  exit 2
fi
# The jobs may start in another folder on another node: every path they
# get is absolute.
PARKSIM=$(realpath "$binary")
if [ -e "$EXPERIMENT" ]; then
  EXPERIMENT=$(realpath "$EXPERIMENT")
fi
OUT=$(realpath -m "$OUT")
LOGS=${LOGS:-.}
mkdir -p "$LOGS"
LOGS=$(realpath "$LOGS")
export PARKSIM EXPERIMENT OUT SHARDS

here=$(dirname "$(realpath "$0")")
jobid() { # sbatch --parsable prints JOBID or JOBID;CLUSTER
  local id
  id=$(sbatch --parsable "$@")
  echo "${id%%;*}"
}
shards=$(jobid --export=ALL --array="0-$((SHARDS - 1))" \
  --output="$LOGS/parksim-shard-%A_%a.out" "$@" "$here/shards.sbatch")
merge=$(jobid --export=ALL --dependency="afterok:$shards" \
  --output="$LOGS/parksim-merge-%j.out" "$@" "$here/merge.sbatch")
echo "shards=$shards"
echo "merge=$merge"
