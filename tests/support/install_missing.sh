# Sourced by the scripts that list the Debian packages they need:
#   install_missing PACKAGE...   installs them (as root), or says how and fails.
install_missing() {
  if (( $# == 0 )); then
    return 0
  fi
  if [[ "$(id -u)" != "0" ]]; then
    echo "Missing system packages: $* (run as root, or: sudo apt-get install $*)" >&2
    return 1
  fi
  echo "Installing system packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
