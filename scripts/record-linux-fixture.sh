#!/usr/bin/env bash
# Records what the zhengban agent reads on this machine into one folder, so that
#   zhengban-agent scan --from FOLDER
# judges the machine anywhere, and so the folder can become a test case
# (test/fixtures/linux-cases/, test/fixtures/macos/). Linux (Kylin, UOS, Deepin,
# openEuler, Debian, Fedora ...) and macOS.
#
# Usage:  sudo bash record-linux-fixture.sh [--platform linux|darwin] [OUTDIR]
#
# Run it as root to record what the agent service sees (DMI serials are root-only);
# as an ordinary user it still works, with less. It only reads: nothing on the
# machine is changed. Serial numbers and activation codes are masked to their last
# five characters, and the WPS licence file is not copied, only noted as present.
#
# Every file name and command below is one entry of the agent's sources table
# (agent/src/collectors/sources/); a test runs this script against stub commands
# and fails when the two disagree.
set -u

ROOT="${ZHENGBAN_RECORD_ROOT:-}"   # tests point this at a fake file system
PLATFORM=""
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) PLATFORM="${2:-}"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "record-linux-fixture: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) OUT="$1"; shift ;;
  esac
done
if [ -z "$PLATFORM" ]; then
  case "$(command uname -s 2>/dev/null)" in
    Darwin) PLATFORM=darwin ;;
    Linux) PLATFORM=linux ;;
    *) echo "record-linux-fixture: this is neither Linux nor macOS; use the Windows recorder (scripts/record-windows-fixture.ps1)" >&2; exit 2 ;;
  esac
fi
case "$PLATFORM" in
  linux|darwin) ;;
  *) echo "record-linux-fixture: --platform must be linux or darwin, not '$PLATFORM'" >&2; exit 2 ;;
esac
[ -n "$OUT" ] || OUT="zhengban-recording-$(hostname 2>/dev/null || echo host)-$(date +%Y%m%d-%H%M%S)"
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
  echo "record-linux-fixture: $OUT exists and is not empty; name a new folder" >&2
  exit 2
fi
mkdir -p "$OUT" || { echo "record-linux-fixture: cannot create $OUT" >&2; exit 1; }

export LC_ALL=C
TIMEOUT=""
command -v timeout >/dev/null 2>&1 && TIMEOUT="timeout 120"

# file NAME PATH: a copy of the file, when it exists and can be read.
file() {
  local src="$ROOT$2"
  if [ -f "$src" ]; then
    cat "$src" > "$OUT/$1" 2>/dev/null || { rm -f "$OUT/$1"; echo "  not readable (run as root?): $2" >&2; }
  fi
}

# folder NAME DIR: every readable file under DIR as `DIR/file:line` lines (what `grep . DIR/*` prints).
folder() {
  local f line
  : > "$OUT/$1"
  for f in "$ROOT$2"/*; do
    [ -f "$f" ] && [ -r "$f" ] || continue
    while IFS= read -r line || [ -n "$line" ]; do
      [ -n "$line" ] && printf '%s:%s\n' "${f#"$ROOT"}" "$line"
    done < "$f" 2>/dev/null
  done >> "$OUT/$1"
}

# cmd NAME PROGRAM ARGS...: stdout to NAME, stderr to NAME.stderr (if any), a non-zero
# exit code to NAME.exit. A program that is not installed leaves no file at all.
cmd() {
  local name="$1" prog="$2" rc
  shift 2
  case "$prog" in
    /*) [ -x "$ROOT$prog" ] || return 0; prog="$ROOT$prog" ;;
    *) command -v "$prog" >/dev/null 2>&1 || return 0 ;;
  esac
  $TIMEOUT "$prog" "$@" > "$OUT/$name" 2> "$OUT/$name.stderr"
  rc=$?
  [ "$rc" -eq 0 ] || echo "$rc" > "$OUT/$name.exit"
  [ -s "$OUT/$name.stderr" ] || rm -f "$OUT/$name.stderr"
}

# mask NAME: serials and codes keep their last five characters (what the agent reports).
mask() {
  [ -f "$OUT/$1" ] || return 0
  sed -E -e 's/(string ")[^"]*([^"]{5})"/\1XXXXXXXX\2"/' \
         -e 's/^(key[[:space:]]*=[[:space:]]*).*(.{5})$/\1XXXXXXXX\2/' "$OUT/$1" > "$OUT/$1.masked" \
    && mv "$OUT/$1.masked" "$OUT/$1"
}

# present NAME PATH: notes that a licence file exists, and its size, without its content.
present() {
  local src="$ROOT$2" size
  [ -f "$src" ] || return 0
  size=$(wc -c < "$src" 2>/dev/null | tr -d ' ')
  echo "present, ${size:-unknown} bytes; the serial itself is not recorded" > "$OUT/$1"
}

DPKG_FORMAT='${Package}\t${Architecture}\t${Version}\t${Installed-Size}\t${Status}\t${Maintainer}\n'
RPM_FORMAT='%{NAME}\t%{ARCH}\t%{VERSION}-%{RELEASE}\t%{INSTALLTIME}\t%{SIZE}\t%{VENDOR}\n'
KYLIN=(--system --print-reply --dest=org.freedesktop.activation /org/freedesktop/activation)
KYLIN_IFACE=org.freedesktop.activation.interface
DEEPIN=(--system --print-reply --dest=com.deepin.license /com/deepin/license/Info org.freedesktop.DBus.Properties.Get string:com.deepin.license.Info)

record_linux() {
  # identity, hardware, packages
  file os-release /etc/os-release
  file usr-lib-os-release /usr/lib/os-release
  file machine-id /etc/machine-id
  file dbus-machine-id /var/lib/dbus/machine-id
  folder dmi.txt /sys/class/dmi/id
  file device-tree-model /proc/device-tree/model
  file cpuinfo /proc/cpuinfo
  file meminfo /proc/meminfo
  cmd detect-virt.txt systemd-detect-virt --vm
  cmd uname.txt uname -n -r -m
  cmd dpkg.txt dpkg-query --show "--showformat=$DPKG_FORMAT"
  cmd rpm.txt rpm -qa --queryformat "$RPM_FORMAT"
  cmd systemctl-services.txt systemctl list-units --type=service --all --no-legend --no-pager --plain
  cmd processes.txt ps -eo comm=
  # Kylin
  file kyinfo /etc/.kyinfo
  file kyactivation /etc/.kyactivation
  file kylin-build /etc/kylin-build
  file kylin-system-version.conf /etc/kylin-version/kylin-system-version.conf
  cmd kylin-activation-status.txt dbus-send "${KYLIN[@]}" "$KYLIN_IFACE.status"
  cmd kylin-activation-trial-status.txt dbus-send "${KYLIN[@]}" "$KYLIN_IFACE.trial_status"
  cmd kylin-activation-date.txt dbus-send "${KYLIN[@]}" "$KYLIN_IFACE.date"
  cmd kylin-activation-trial-date.txt dbus-send "${KYLIN[@]}" "$KYLIN_IFACE.trial_date"
  cmd kylin-activation-serial.txt dbus-send "${KYLIN[@]}" "$KYLIN_IFACE.serial_number"
  file neokylin-release /etc/neokylin-release
  file neokylin-productinfo /etc/.productinfo
  # UOS and Deepin
  file os-version /etc/os-version
  file deepin-version /etc/deepin-version
  cmd deepin-license-state.txt dbus-send "${DEEPIN[@]}" string:AuthorizationState
  cmd uos-activator-cmd.txt uos-activator-cmd -q
  # WPS Office
  file wps-oem.ini /opt/kingsoft/wps-office/office6/cfgs/oem.ini
  file wps-pro-oem.ini /opt/apps/cn.wps.wps-office-pro/files/kingsoft/wps-office/office6/cfgs/oem.ini
  file wps-store-oem.ini /opt/apps/cn.wps.wps-office/files/kingsoft/wps-office/office6/cfgs/oem.ini
  present wps-license2.dat /opt/kingsoft/.auth/license2.dat
  present wps-pro-license2.dat /opt/apps/cn.wps.wps-office-pro/files/kingsoft/.auth/license2.dat
  # antivirus
  cmd mdatp-health.json mdatp health --output json
  cmd clamscan-version.txt clamscan --version
  cmd bduitool.txt /opt/bitdefender-security-tools/bin/bduitool get ps
  cmd sentinelctl-version.txt /opt/sentinelone/bin/sentinelctl version
  cmd sentinelctl-control-status.txt /opt/sentinelone/bin/sentinelctl control status
  file 360safe-vlibs-ver.ini /opt/360safe/vlibs/ver.ini

  mask kylin-activation-serial.txt
  mask kyactivation
  mask kyinfo
}

# Microsoft 365 sign-in files: only ~/Library/Group Containers/UBF8T346G9.Office is walked;
# every other folder of a home is pruned, so Desktop and Documents are never touched.
M365_FIND=(/Users -maxdepth 7
  '(' -path '/Users/*/*' ! -path '/Users/*/Library' ! -path '/Users/*/Library/Group Containers'
      ! -path '/Users/*/Library/Group Containers/UBF8T346G9.Office'
      ! -path '/Users/*/Library/Group Containers/UBF8T346G9.Office/*' -prune ')'
  -o -type f -path '*/Library/Group Containers/UBF8T346G9.Office/*'
  '(' -name 'com.microsoft.Office365*.plist'
      -o -name 'com.microsoft.e0E2OUQxNUY1LTAxOUQtNDQwNS04QkJELTAxQTI5M0JBOTk4O.plist'
      -o -name 'e0E2OUQxNUY1LTAxOUQtNDQwNS04QkJELTAxQTI5M0JBOTk4O'
      -o -name 'com.microsoft.O4kTOBJ0M5ITQxATLEJkQ40SNwQDNtQUOxATL1YUNxQUO2E0e.plist'
      -o -name 'O4kTOBJ0M5ITQxATLEJkQ40SNwQDNtQUOxATL1YUNxQUO2E0e'
      -o -path '*/Library/Group Containers/UBF8T346G9.Office/Licenses/*' ')'
  ! -name .DS_Store -print)

# users NAME: home folder names become user1, user2 ... (the same name, the same number).
users() {
  [ -f "$OUT/$1" ] || return 0
  awk '{ if (match($0, /^\/Users\/[^\/]+\//)) { n = substr($0, 8, RLENGTH - 8); if (!(n in id)) id[n] = "user" (++k); $0 = "/Users/" id[n] "/" substr($0, RLENGTH + 1) } print }' \
    "$OUT/$1" > "$OUT/$1.masked" && mv "$OUT/$1.masked" "$OUT/$1"
}

record_darwin() {
  cmd sw_vers.txt sw_vers
  cmd uname.txt uname -n -r -m
  cmd sysctl.txt sysctl hw.model hw.ncpu hw.memsize machdep.cpu.brand_string
  cmd ioreg-platform.txt ioreg -rd1 -c IOPlatformExpertDevice
  cmd system_profiler-applications.json system_profiler -json SPApplicationsDataType
  cmd system_profiler-applications.xml system_profiler -xml SPApplicationsDataType
  cmd office-licensingV2.plist.xml plutil -convert xml1 -o - /Library/Preferences/com.microsoft.office.licensingV2.plist
  cmd office365-licences.txt find "${M365_FIND[@]}"
  cmd office-device-licences.txt find /Library/Microsoft/Office/Licenses '/Library/Application Support/Microsoft/Office365' -type f '!' -name .DS_Store
  file xprotect-info.plist /Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist
  file xprotect-system-info.plist /System/Library/CoreServices/XProtect.bundle/Contents/Info.plist
  file xprotect-meta.plist /System/Library/CoreServices/CoreTypes.bundle/Contents/Resources/XProtect.meta.plist
  cmd mdatp-health.json /usr/local/bin/mdatp health --output json

  users office365-licences.txt
}

echo "recording this $PLATFORM machine into $OUT ..." >&2
"record_$PLATFORM"
{
  echo "platform=$PLATFORM"
  echo "recorded-at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "recorder=record-linux-fixture.sh 1"
} > "$OUT/recording.txt"
echo "done: $(ls "$OUT" | wc -l | tr -d ' ') files in $OUT; judge it with: zhengban-agent scan --from $OUT" >&2
