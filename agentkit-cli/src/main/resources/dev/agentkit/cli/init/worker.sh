#!/bin/sh
# A stand-in for a coding-agent CLI: agentkit runs it once per work item in the workspace, with
# the rendered character sheet and the requirement as files (see agentkit-cli/README.md). It
# writes a note for the requirement under the agent's first owned path; agentkit checks the
# change against the sheet's scope, commits it as "REQ-nnn: <title>" and announces it.
set -eu
id=$(sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' "$AGENTKIT_REQUIREMENT_FILE" | head -n 1)
id=${id:-$AGENTKIT_WORK_ID}
dir=$(printf '%s' "$AGENTKIT_OWNED_PATHS" | cut -d: -f1)
mkdir -p "$dir"
{
  echo "# $id"
  echo
  echo "Done by $AGENTKIT_AGENT ($AGENTKIT_ROLE) from:"
  echo
  cat "$AGENTKIT_REQUIREMENT_FILE"
  echo
} > "$dir/$id.md"
echo "$AGENTKIT_AGENT wrote $dir/$id.md"
