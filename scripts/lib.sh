# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, build, free ports.
# Sourced, not run. libcpp-httplib-dev and libjs-chart.js serve the dashboard (duban-monitor);
# chromium and a CJK font (fonts-wqy-microhei) are for the headless browser test and its screenshot;
# iproute2 (`ip`) sets up the network namespace of the monitor's forbidden-address test; lua-check
# lints the Lua of the Redis Functions library; libcurl4-openssl-dev sends the notices' mail
# (SMTP; the delivery role), python3-aiosmtpd is the SMTP server its test sends to;
# libxlsxwriter-dev and libqrencode-dev serve duban-web (the report's .xlsx export, the QR code of
# the public page per code).

DUBAN_PACKAGES=(build-essential cmake pkg-config ninja-build libzmq3-dev cppzmq-dev
  libmsgpack-cxx-dev libhiredis-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
  libsodium-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libbenchmark-dev
  redis-server redis-tools python3 python3-zmq python3-msgpack
  libcpp-httplib-dev libjs-chart.js chromium fonts-wqy-microhei iproute2 lua-check
  libcurl4-openssl-dev python3-aiosmtpd libxlsxwriter-dev libqrencode-dev)

# Extra cmake -D arguments for build(); a script sets it after sourcing (scripts/test --sanitize).
DUBAN_CMAKE_ARGS=()

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

install_deps() {  # [packages...]: Duban's own when none are named
  local missing=() want=("$@")
  [ ${#want[@]} -gt 0 ] || want=("${DUBAN_PACKAGES[@]}")
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  say "installing ${#missing[@]} Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed"
}

build() {  # [build type] [targets...]; the folder is $BUILD_DIR (default build/)
  local type="${1:-RelWithDebInfo}" dir="${BUILD_DIR:-build}"
  shift || true
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  say "building (${type}) in ${dir}/"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${DUBAN_CMAKE_ARGS[@]}" >/dev/null \
    || die "cmake configure failed"
  cmake --build "$dir" -j "$(nproc)" "${targets[@]}" || die "build failed"
}

# The browser tests' npm project (tests/browser/: playwright-core, pinned by its package-lock.json)
# installed with `npm ci`, which installs exactly the lock file. It drives Debian's chromium: no
# browser is downloaded (playwright-core has no install script). `npm ci` starts from an empty
# node_modules each time (about a second). Node.js and npm are the
# machine's; without them the browser tests cannot run, and this fails loudly rather than let them
# be skipped.
browser_test_deps() {
  command -v node >/dev/null 2>&1 || die "node is missing: the browser tests (tests/browser/) need Node.js 20 and npm"
  command -v npm >/dev/null 2>&1 || die "npm is missing: the browser tests (tests/browser/) need it for 'npm ci'"
  say "installing the browser tests' npm packages (npm ci in tests/browser/)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tests/browser failed"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_redis() {  # port
  for _ in $(seq 1 100); do
    redis-cli -p "$1" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  return 1
}

# The broker's least-privilege Redis user (docs/redis-schema.md#the-brokers-redis-user): the ACL
# rules for key prefix NAME (redis.key_prefix), one per word. Its keys only ({NAME}, the key every
# FCALL names for its slot; {NAME}:*; and NAME:* that the layout upgrade renames); the data commands its Lua functions run, FCALL, FUNCTION LOAD
# and LIST (no FLUSH, DELETE or RESTORE), INFO (the durability check); nothing @dangerous or
# @admin: no CONFIG, FLUSHALL, KEYS, DEBUG, SHUTDOWN, ACL, MONITOR.
duban_acl_rules() {  # NAME
  echo "resetkeys ~{$1} ~{$1}:* ~$1:* resetchannels -@all +@read +@write +@keyspace +@hash +@list +@set" \
       "+@sortedset +@string +@scripting +@connection +@fast -@dangerous -@admin -function" \
       "+function|load +function|list +info"
}

# Creates (or updates) the ACL user USER with PASSWORD on the Redis at PORT for key prefix NAME.
redis_acl_user() {  # PORT USER PASSWORD NAME
  # The command goes in on stdin (printf is a builtin), so the password is on no command line.
  local out
  out=$(printf 'ACL SETUSER %s reset on >%s %s\n' "$2" "$3" "$(duban_acl_rules "$4")" |
        redis-cli -p "$1") || die "could not create the Redis user $2"
  [ "$out" = OK ] || die "could not create the Redis user $2: $out"
}
