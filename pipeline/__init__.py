"""Report-compilation pipeline: seeds -> extract -> outline -> briefing -> PDF and DOCX."""

__version__ = "0.1.0"
