"""Where the sources are: the registry's, the campaigns' and the shared blocks' files under the data folder.

Apart from ``validate`` so that a build with nothing changed can hash them without importing
what checks them.
"""

from __future__ import annotations

from pathlib import Path

REGISTRY_GLOBS = ("to-chuc.yaml", "to-chuc/*.yaml")
CAMPAIGN_GLOB = "chien-dich/*.yaml"
LIBRARY_GLOBS = ("khoi-chung.yaml", "khoi-chung/*.yaml")


def find_source_files(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """Return (registry files, campaign files) under ``data_dir``, sorted."""
    registry = sorted(p for pattern in REGISTRY_GLOBS for p in data_dir.glob(pattern))
    campaigns = sorted(data_dir.glob(CAMPAIGN_GLOB))
    return registry, campaigns


def find_library_files(data_dir: Path) -> list[Path]:
    """Return the files of shared blocks any campaign may use (data/khoi-chung/*.yaml), sorted."""
    return sorted(p for pattern in LIBRARY_GLOBS for p in data_dir.glob(pattern))
