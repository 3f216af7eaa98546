"""The default template, prepared and compiled ahead (``pipeline.docx.ahead``)."""

# Written by `make template` (pipeline/docx/ahead.py) from templates/van-ban.docx: do not edit.
KEY = "79445c5e444249950d74e591ce0f255f918c51be6c5f428ed3034781d3056a88"
VERSIONS = {'docxtpl': '0.20.2', 'jinja2': '3.1.6', 'python-docx': '1.2.0'}
