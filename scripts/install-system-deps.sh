#!/usr/bin/env bash
# What the tests need outside Python, installed when missing (`make test` runs this first; `make` needs
# none of it): LibreOffice (PDF conversion, tests that open each DOCX), a metric-compatible Times New
# Roman substitute (Liberation Serif), poppler (PDF checks), pandoc (review text) and Chromium (the
# review page's and the live preview's browser tests), python3-uno (the preview keeps one LibreOffice
# running). Debian or Ubuntu; sudo when not root.
# One line per tool: `command -v TOOL || need+=(PACKAGE)`.
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v pandoc >/dev/null || need+=(pandoc)
command -v chromium >/dev/null || need+=(chromium)
/usr/bin/python3 -c "import uno" 2>/dev/null || need+=(python3-uno)  # the preview's LibreOffice, kept running
command -v softhsm2-util >/dev/null || need+=(softhsm2)  # a PKCS#11 token for the signing tests
# Liberation Serif 2 has every Vietnamese glyph (1.x falls back to DejaVu for some, wider).
ls /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf >/dev/null 2>&1 || need+=(fonts-liberation2)
[ ${#need[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Cần quyền root để cài: ${need[*]} (chưa có sudo). Hãy chạy: su -c 'apt-get install ${need[*]}'" >&2; exit 1; }
  SUDO="sudo"
fi
echo "Cài các gói hệ thống mà kiểm thử cần (một lần cho mỗi máy): ${need[*]}${SUDO:+ — sudo sẽ hỏi mật khẩu}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
