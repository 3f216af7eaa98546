#!/usr/bin/env bash
# The one system step: LibreOffice (PDF conversion, tests that open each DOCX), a metric-compatible
# Times New Roman substitute (Liberation Serif), poppler (PDF checks), pandoc (review text) and
# Chromium (the review page's browser test).
set -euo pipefail
need=()
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v pandoc >/dev/null || need+=(pandoc)
command -v chromium >/dev/null || need+=(chromium)
command -v softhsm2-util >/dev/null || need+=(softhsm2)  # a PKCS#11 token for the signing tests
# Liberation Serif 2 has every Vietnamese glyph (1.x falls back to DejaVu for some, wider).
ls /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf >/dev/null 2>&1 || need+=(fonts-liberation2)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
