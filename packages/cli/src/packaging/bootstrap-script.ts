/**
 * The `bootstrap` Lambda runs for a custom runtime (provided.al2023). It finds the runtime
 * next to itself, so the same file works at the layer root (/opt/bootstrap) and inside a
 * function zip (/var/task/bootstrap). Pure POSIX sh with no subshells or external commands:
 * every fork here would be paid on each cold start.
 */
export const BOOTSTRAP_SCRIPT = `#!/bin/sh
# thaw custom runtime for AWS Lambda (provided.al2023).
# Runs the thaw runtime (thaw/launch.cjs: thaw/bootstrap.cjs, from its V8 code cache when one
# ships) next to this file with the Node.js shipped beside it (thaw/node), or else the first node on PATH.
case "$0" in
  */*) here="\${0%/*}" ;;
  *) here=. ;;
esac
if [ -x "$here/thaw/node" ]; then
  node="$here/thaw/node"
elif command -v node >/dev/null 2>&1; then
  node=node
else
  echo "thaw bootstrap: no Node.js found: build the runtime layer with --node 22 or --node 24, or add a layer that puts node on PATH" >&2
  exit 127
fi
exec "$node" "$here/thaw/launch.cjs" "$@"
`;
