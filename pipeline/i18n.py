"""Translate the messages a clerk sees: Vietnamese by default, English on request.

Catalogs live in ``pipeline/locale/<lang>/LC_MESSAGES/vanban.po`` and are compiled
by ``make i18n`` (babel). The source strings are Vietnamese, so Vietnamese needs
no catalog at all and a missing English catalog degrades to Vietnamese.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
ENV_VAR = "VANBAN_LANG"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_lang = "vi"


def set_language(lang: str | None) -> None:
    """Select the language of messages ('vi' or 'en'); None reads $VANBAN_LANG."""
    global _translation, _lang
    lang = (lang or os.environ.get(ENV_VAR) or "vi").lower()[:2]
    _lang = lang
    _translation = _gettext.translation(
        "vanban", localedir=str(LOCALE_DIR), languages=[lang], fallback=True
    )


def current_language() -> str:
    return _lang


def _(message: str) -> str:
    """Return ``message`` (a Vietnamese source string) in the selected language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a message for extraction where it is declared; translate it with _() where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


set_language(None)
