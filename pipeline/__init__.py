"""vanban: Vietnamese administrative documents from YAML sources."""

__version__ = "0.1.0"
