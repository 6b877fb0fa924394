#!/bin/sh
# Lints the Redis Functions library as Redis loads it (the Lua of common/store/lua/, assembled by
# common/store/scripts.cc): luacheck must find no warning and no error. Run by ctest
# (common.store.lint_lua) with the broker binary and the source folder as arguments.
set -eu
broker="$1"
src="$2"
out="${TMPDIR:-/tmp}/duban-library.$$.lua"
trap 'rm -f "$out"' EXIT
command -v luacheck >/dev/null || { echo "luacheck is not installed (Debian package lua-check)"; exit 1; }
# The first line is the library's shebang ("#!lua name=..."), which is Redis's, not Lua's.
"$broker" --print-script-library | tail -n +2 >"$out"
luacheck --config "$src/common/store/lua/.luacheckrc" --codes --no-color "$out" || {
  echo "lines are those of: duban-broker --print-script-library | tail -n +2"
  exit 1
}
